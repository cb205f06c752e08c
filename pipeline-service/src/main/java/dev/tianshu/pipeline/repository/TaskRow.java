package dev.tianshu.pipeline.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.TaskParameters;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A row of the task table. {@code dbConnection} carries the password: use {@link #parameters()} for output. */
public record TaskRow(
        String taskId,
        String taskName,
        String status,
        String dbConnection,
        JsonObject parametersJson,
        JsonObject result,
        String errorMessage,
        String createdType,
        String byUser,
        String dbName,
        boolean directoryExists,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        OffsetDateTime updatedAt,
        UUID runId,
        String executionMode,
        String runStep) {

    static TaskRow of(Row row) {
        return new TaskRow(row.getString("task_id"), row.getString("task_name"), row.getString("status"),
                row.getString("db_connection"), row.getJsonObject("parameters"), row.getJsonObject("result"),
                row.getString("error_message"), row.getString("created_type"), row.getString("by_user"),
                row.getString("db_name"), Boolean.TRUE.equals(row.getBoolean("directory_exists")),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("completed_at"), row.getOffsetDateTime("updated_at"), row.getUUID("run_id"),
                row.getString("execution_mode"), row.getString("run_step"));
    }

    /** The task's parameters, with the real connection (for steps). */
    public TaskParameters parameters() {
        JsonObject p = parametersJson;
        return new TaskParameters(DbConnection.parse(dbConnection), p.getString("db_name", dbName),
                p.getString("business_context", TaskParameters.DEFAULT_BUSINESS_CONTEXT),
                p.getString("table_list_file", TaskParameters.TABLE_LIST_FILE),
                p.getBoolean("file_upload_mode", true), p.getBoolean("enable_sql_validation", true),
                p.getBoolean("enable_llm_repair", true), p.getBoolean("modify_original_file", true),
                p.getBoolean("enable_training_data_load", true));
    }

    public boolean running() {
        return "in_progress".equals(status);
    }
}
