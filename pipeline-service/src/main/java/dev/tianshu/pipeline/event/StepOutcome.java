package dev.tianshu.pipeline.event;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A step of an execution ended (PipelineStepCompleted or PipelineStepFailed on tianshu.pipeline.step-outcomes, keyed
 * by task id). The orchestrator requests the next step, or finishes the task.
 */
public record StepOutcome(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("run_id") UUID runId,
        String step,
        String status,
        @JsonProperty("error_message") String errorMessage,
        int attempt) {
}
