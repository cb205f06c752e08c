package dev.tianshu.pipeline.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.Params;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.pipeline.model.Sizes;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.TaskLogRepository;
import dev.tianshu.pipeline.repository.TaskRepository;
import dev.tianshu.pipeline.service.TaskLogView;
import io.smallrye.mutiny.Uni;

/** The task's log (data_pipeline.log): the last lines, and a paged search. */
@Path("/api/v0/data_pipeline/tasks/{task_id}/logs")
@Produces(MediaType.APPLICATION_JSON)
public class TaskLogResource {

    static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");
    static final Map<String, String> SORT_COLUMNS = Map.of("timestamp", "logged_at", "level", "level", "logger",
            "logger", "step", "step", "line_number", "line_number");

    private final TaskRepository tasks;
    private final TaskLogRepository logs;

    TaskLogResource(TaskRepository tasks, TaskLogRepository logs) {
        this.tasks = tasks;
        this.logs = logs;
    }

    @GET
    public Uni<Map<String, Object>> tail(@PathParam("task_id") String taskId, @QueryParam("limit") String limit,
            @QueryParam("level") String level) {
        TaskIds.check(taskId);
        int n = TaskResource.intParam(limit, "limit", 100, 1, 1000);
        String lvl = level(level);
        return tasks.require(taskId).flatMap(x -> logs.tail(taskId, n, lvl)).map(lines -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("log_file", logFile(taskId));
            data.put("logs", lines.stream().map(l -> TaskLogView.entry(l, false)).toList());
            data.put("source", "file");
            data.put("task_id", taskId);
            data.put("total", lines.size());
            return V0Response.ok(data, "获取任务日志成功");
        });
    }

    @POST
    @Path("/query")
    public Uni<Map<String, Object>> query(@PathParam("task_id") String taskId, JsonNode body) {
        TaskIds.check(taskId);
        long started = System.nanoTime();
        Params p = Params.of(body);
        int page = p.integer("page", "page 必须是整数").orElse(1);
        int pageSize = p.integer("page_size", "page_size 必须是整数").orElse(50);
        if (page < 1) {
            throw ApiException.invalidParams("页码必须大于0", "page");
        }
        if (pageSize < 1 || pageSize > 500) {
            throw ApiException.invalidParams("每页大小必须在1-500之间", "page_size");
        }
        String sortBy = p.text("sort_by").orElse("timestamp");
        if (!SORT_COLUMNS.containsKey(sortBy)) {
            throw ApiException.invalidParams("不支持的排序字段: " + sortBy
                    + "，支持: timestamp, level, logger, step, line_number", "sort_by");
        }
        String sortOrder = p.text("sort_order").orElse("asc").toLowerCase();
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw ApiException.invalidParams("排序方向必须是 asc 或 desc", "sort_order");
        }
        String keyword = p.text("keyword").orElse(null);
        if (keyword != null && keyword.length() > 200) {
            throw ApiException.invalidParams("关键词最大长度为200字符", "keyword");
        }
        TaskLogRepository.Query q = new TaskLogRepository.Query(level(p.text("level").orElse(null)),
                TaskResource.time(p, "start_time", false), TaskResource.time(p, "end_time", true), keyword,
                p.text("logger_name").orElse(null), p.text("step_name").orElse(null), SORT_COLUMNS.get(sortBy),
                sortOrder.equals("desc"), pageSize, (page - 1) * pageSize);
        return tasks.require(taskId).flatMap(x -> Uni.combine().all().unis(logs.query(taskId, q), logs.stats(taskId))
                .asTuple()).map(t -> {
                    var stats = t.getItem2();
                    Map<String, Object> info = new LinkedHashMap<>();
                    info.put("exists", stats.lines() > 0);
                    info.put("file_path", logFile(taskId));
                    info.put("file_size", stats.bytes());
                    info.put("file_size_formatted", Sizes.format(stats.bytes()));
                    info.put("last_modified", Timestamps.iso(stats.last()));
                    info.put("total_lines", stats.lines());
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("logs", t.getItem1().lines().stream().map(l -> TaskLogView.entry(l, true)).toList());
                    data.put("pagination", TaskResource.pagination(page, pageSize, t.getItem1().total()));
                    data.put("log_file_info", info);
                    data.put("query_time", String.format("%.3fs", (System.nanoTime() - started) / 1e9));
                    data.put("task_id", taskId);
                    return V0Response.ok(data, "查询任务日志成功");
                });
    }

    static String level(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        String l = level.strip().toUpperCase();
        l = l.equals("WARN") ? "WARNING" : l;
        if (!LEVELS.contains(l)) {
            throw ApiException.invalidParams("无效的日志级别: " + level + "，支持: DEBUG, INFO, WARNING, ERROR, CRITICAL",
                    "level");
        }
        return l;
    }

    static String logFile(String taskId) {
        return "data_pipeline/training_data/" + taskId + "/" + TaskLogView.FILE;
    }
}
