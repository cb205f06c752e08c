package dev.tianshu.pipeline.testing;

import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.TaskParameters;
import dev.tianshu.pipeline.service.TrackedProgress;
import dev.tianshu.pipeline.step.StepContext;

/** Step contexts over in-memory files, log and progress, for tests of a single step. */
public final class StepContexts {

    private StepContexts() {
    }

    public static TaskParameters parameters(String dbUrl, String businessContext) {
        DbConnection connection = DbConnection.parse(dbUrl);
        return new TaskParameters(connection, connection.database(), businessContext, TaskParameters.TABLE_LIST_FILE,
                true, true, true, true, true);
    }

    public static StepContext of(StepName step, TaskParameters parameters, InMemoryTaskFiles files,
            RecordingTaskLog log, TrackedProgress progress) {
        return new StepContext("task_20250101_000000", "run-1",
                "task_20250101_000000_step_" + step.apiName() + "_exec_20250101_000000", step, parameters, files, log,
                progress);
    }
}
