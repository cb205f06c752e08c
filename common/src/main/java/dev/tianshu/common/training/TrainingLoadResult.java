package dev.tianshu.common.training;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a {@link TrainingLoadCommand}.
 *
 * @param counts per type (sql, ddl, documentation, error_sql): items received, newly created, already present
 *        (unchanged) and failed
 * @param failures one entry per refused item (its 0-based index in the command)
 * @param error set when the whole batch could not be processed (then every item counts as failed)
 */
public record TrainingLoadResult(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("batch_id") String batchId,
        Map<String, TypeCounts> counts,
        List<ItemFailure> failures,
        String error) {

    public record TypeCounts(int received, int created, int unchanged, int failed) {
    }

    public record ItemFailure(
            int index,
            @JsonProperty("training_data_type") String trainingDataType,
            @JsonProperty("source_file") String sourceFile,
            String error) {
    }
}
