package dev.tianshu.pipeline.event;

/** Topics and event types of the pipeline's own orchestration (records: {@link StepRequested}, {@link StepOutcome}). */
public final class PipelineEvents {

    public static final String STEP_REQUESTS_TOPIC = "tianshu.pipeline.step-requests";
    public static final String STEP_OUTCOMES_TOPIC = "tianshu.pipeline.step-outcomes";

    public static final String STEP_REQUESTED = "PipelineStepRequested";
    public static final String STEP_COMPLETED = "PipelineStepCompleted";
    public static final String STEP_FAILED = "PipelineStepFailed";

    public static final int VERSION = 1;

    private PipelineEvents() {
    }
}
