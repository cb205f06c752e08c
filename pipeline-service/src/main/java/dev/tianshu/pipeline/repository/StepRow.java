package dev.tianshu.pipeline.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A row of task_step. */
public record StepRow(
        String taskId,
        String stepName,
        int stepOrder,
        String stepStatus,
        UUID runId,
        String executionId,
        OffsetDateTime requestedAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        String errorMessage,
        int attempt,
        String owner,
        OffsetDateTime heartbeatAt,
        JsonObject progress,
        JsonObject result) {

    static StepRow of(Row row) {
        return new StepRow(row.getString("task_id"), row.getString("step_name"), row.getInteger("step_order"),
                row.getString("step_status"), row.getUUID("run_id"), row.getString("execution_id"),
                row.getOffsetDateTime("requested_at"), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("completed_at"), row.getString("error_message"), row.getInteger("attempt"),
                row.getString("owner"), row.getOffsetDateTime("heartbeat_at"), row.getJsonObject("progress"),
                row.getJsonObject("result"));
    }
}
