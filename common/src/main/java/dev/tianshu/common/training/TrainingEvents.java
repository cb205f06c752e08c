package dev.tianshu.common.training;

/**
 * Topics and event types of the training-data contract. Every record travels in an
 * {@link dev.tianshu.common.event.EventEnvelope}; the payload records are in this package.
 */
public final class TrainingEvents {

    /** Commands to load a batch of items (pipeline-service's training_load step → training-data-service). */
    public static final String LOAD_COMMANDS_TOPIC = "tianshu.training-data.load-commands";
    /** One reply per load command (training-data-service → pipeline-service). */
    public static final String LOAD_RESULTS_TOPIC = "tianshu.training-data.load-results";
    /** One event per created, updated or deleted item (training-data-service → every replica and any reader). */
    public static final String CHANGES_TOPIC = "tianshu.training-data.changes";

    /** Envelope type of {@link TrainingLoadCommand}, keyed by task id. */
    public static final String LOAD_REQUESTED = "TrainingLoadRequested";
    /** Envelope type of {@link TrainingLoadResult}, keyed by task id. */
    public static final String LOAD_COMPLETED = "TrainingLoadCompleted";
    /** Envelope types of {@link TrainingItemChanged}, keyed by item id. */
    public static final String ITEM_CREATED = "TrainingItemCreated";
    public static final String ITEM_UPDATED = "TrainingItemUpdated";
    public static final String ITEM_DELETED = "TrainingItemDeleted";

    public static final int VERSION = 1;

    private TrainingEvents() {
    }
}
