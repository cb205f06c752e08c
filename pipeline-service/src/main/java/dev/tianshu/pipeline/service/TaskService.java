package dev.tianshu.pipeline.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.pipeline.client.BusinessDatabases;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.Sizes;
import dev.tianshu.pipeline.model.TaskParameters;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.TaskRepository;
import dev.tianshu.pipeline.repository.TaskRow;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Creating and deleting tasks. */
@ApplicationScoped
public class TaskService {

    private final TaskRepository tasks;
    private final BusinessDatabases databases;

    TaskService(TaskRepository tasks, BusinessDatabases databases) {
        this.tasks = tasks;
        this.databases = databases;
    }

    /** What POST /tasks asked for, validated by the resource. Null means "not given". */
    public record NewTask(String taskName, String dbName, String dbConnection, String businessContext,
            Boolean enableSqlValidation, Boolean enableLlmRepair, Boolean modifyOriginalFile,
            Boolean enableTrainingDataLoad) {
    }

    public Uni<TaskRow> create(NewTask request) {
        DbConnection connection = connection(request.dbConnection(), request.dbName());
        String dbName = connection.database();
        TaskParameters parameters = new TaskParameters(connection, dbName,
                request.businessContext() == null ? TaskParameters.DEFAULT_BUSINESS_CONTEXT : request.businessContext(),
                TaskParameters.TABLE_LIST_FILE, true, orTrue(request.enableSqlValidation()),
                orTrue(request.enableLlmRepair()), orTrue(request.modifyOriginalFile()),
                orTrue(request.enableTrainingDataLoad()));
        return tasks.create(request.taskName(), connection.url(), new JsonObject(parameters.toMaskedMap()), dbName);
    }

    /**
     * The task's database: the given connection string (completed with db_name when it names no database), or the
     * configured business database (on db_name, when given).
     */
    public DbConnection connection(String dbConnection, String dbName) {
        DbConnection connection;
        if (dbConnection != null) {
            try {
                connection = DbConnection.parse(dbConnection);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParams(e.getMessage(), "db_connection");
            }
            if (connection.database() == null) {
                if (dbName == null) {
                    throw ApiException.invalidParams("db_connection 中没有数据库名，请在连接字符串中填写或提供 db_name",
                            "db_name");
                }
                connection = connection.withDatabase(dbName);
            }
            return connection;
        }
        connection = databases.defaultConnection();
        if (connection == null) {
            throw ApiException.invalidParams("未提供 db_connection，且服务没有配置业务数据库（TIANSHU_BUSINESS_DB_URL）",
                    "db_connection");
        }
        return dbName == null || dbName.equals(connection.database()) ? connection : connection.withDatabase(dbName);
    }

    private static boolean orTrue(Boolean flag) {
        return flag == null || flag;
    }

    /** Deletes task directories (and, if asked, the task records); the seed's response data. */
    public Uni<Map<String, Object>> delete(List<String> taskIds, boolean deleteRecords, boolean continueOnError) {
        String deletedAt = Timestamps.isoNow();
        List<Map<String, Object>> deleted = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        return Multi.createFrom().iterable(taskIds)
                .onItem().transformToUniAndConcatenate(id -> {
                    if (!continueOnError && !failed.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return tasks.delete(id, deleteRecords).map(d -> {
                        if (d.running()) {
                            Map<String, Object> f = new LinkedHashMap<>();
                            f.put("task_id", id);
                            f.put("error", "任务正在执行中，无法删除");
                            f.put("success", false);
                            failed.add(f);
                            return null;
                        }
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("database_records_deleted", deleteRecords && d.taskExisted());
                        r.put("deleted_at", deletedAt);
                        r.put("deleted_files_count", d.files());
                        r.put("deleted_size", d.bytes() < 1024 ? d.bytes() + " B" : Sizes.format(d.bytes()));
                        r.put("directory_deleted", d.files() > 0);
                        r.put("operation_message", d.files() > 0 ? "目录删除成功" : "目录不存在，无需删除");
                        r.put("success", true);
                        r.put("task_id", id);
                        deleted.add(r);
                        return null;
                    }).replaceWithVoid();
                })
                .collect().asList()
                .map(x -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("deleted_at", deletedAt);
                    data.put("deleted_tasks", deleted);
                    data.put("failed_tasks", failed);
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("failed", failed.size());
                    summary.put("successfully_deleted", deleted.size());
                    summary.put("total_requested", taskIds.size());
                    data.put("summary", summary);
                    return data;
                });
    }
}
