package dev.tianshu.pipeline.event;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Run this step of this execution (event PipelineStepRequested on tianshu.pipeline.step-requests, keyed by task id).
 * Consumers claim the step in the database first, so a duplicate request runs nothing.
 */
public record StepRequested(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("run_id") UUID runId,
        String step,
        @JsonProperty("execution_mode") String executionMode) {
}
