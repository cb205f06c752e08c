package dev.tianshu.common.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An item was created, updated (replaced: {@code previousId} is the id it replaced, which no longer exists unless it
 * equals {@code id}) or deleted (then question and content are null). Consumers that keep derived state re-read the
 * item, so redelivered or reordered events converge.
 *
 * @param op created | updated | deleted
 * @param source where the item came from: "api", "upload:<file>", "task:<task id>"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingItemChanged(
        String op,
        String id,
        @JsonProperty("training_data_type") String trainingDataType,
        String question,
        String content,
        @JsonProperty("previous_id") String previousId,
        String source) {
}
