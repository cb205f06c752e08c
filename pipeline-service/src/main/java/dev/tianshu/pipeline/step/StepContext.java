package dev.tianshu.pipeline.step;

import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.TaskParameters;

/**
 * Everything a step works with: the task's parameters, its files, its log and the progress it reports.
 *
 * @param runId the execution this step belongs to (one execute request); a step re-run after a crash keeps it
 * @param executionId the seed's execution_id of the step, {@code <task>_step_<step>_exec_<yyyyMMdd_HHmmss>}
 */
public record StepContext(
        String taskId,
        String runId,
        String executionId,
        StepName step,
        TaskParameters parameters,
        TaskFiles files,
        TaskLog log,
        StepProgress progress) {
}
