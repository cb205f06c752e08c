package dev.tianshu.common.training;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Load these items into the training data, idempotently: an item whose content is already stored is left as it is,
 * so a redelivered or repeated command changes nothing. Answered by one {@link TrainingLoadResult} with the same
 * task and batch ids.
 *
 * @param taskId the pipeline task the items come from (also the Kafka key)
 * @param batchId identifies this batch within the task; echoed in the result
 * @param items the items, in the shape of POST /api/v0/training_data/create
 */
public record TrainingLoadCommand(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("batch_id") String batchId,
        List<TrainingItemInput> items) {
}
