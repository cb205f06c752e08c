package dev.tianshu.pipeline.rest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.Params;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.TaskRepository;
import dev.tianshu.pipeline.service.ExecutionService;
import dev.tianshu.pipeline.service.TaskService;
import dev.tianshu.pipeline.service.TaskService.NewTask;
import dev.tianshu.pipeline.service.TaskViews;
import io.smallrye.mutiny.Uni;

/** Seed 000's task endpoints: create, list, search, status, execute, delete. */
@Path("/api/v0/data_pipeline/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    static final Set<String> QUERY_STATUSES = Set.of("pending", "running", "in_progress", "partial_completed",
            "completed", "failed", "cancelled");
    static final Set<String> SORT_COLUMNS = Set.of("created_at", "started_at", "completed_at", "task_name", "status");

    private final TaskService service;
    private final TaskRepository tasks;
    private final ExecutionService executions;
    private final ObjectMapper mapper;

    TaskResource(TaskService service, TaskRepository tasks, ExecutionService executions, ObjectMapper mapper) {
        this.mapper = mapper;
        this.service = service;
        this.tasks = tasks;
        this.executions = executions;
    }

    @POST
    public Uni<Map<String, Object>> create(JsonNode body) {
        Params p = Params.of(body);
        if (p.has("table_list_file")) {
            throw ApiException.invalidParams("table_list_file 参数已废弃：请创建任务后通过 /tasks/{task_id}/table-list "
                    + "或 /tasks/{task_id}/upload-table-list 提交表清单", "table_list_file");
        }
        String taskName = p.text("task_name").orElse(null);
        if (taskName != null && taskName.length() > 100) {
            throw ApiException.invalidParams("task_name 长度不能超过100个字符", "task_name");
        }
        String dbName = p.text("db_name").orElse(null);
        if (dbName != null && !dbName.matches("^[A-Za-z0-9_\\-$]{1,63}$")) {
            throw ApiException.invalidParams("无效的数据库名称: " + dbName, "db_name");
        }
        String context = p.text("business_context").orElse(null);
        if (context != null && context.length() > 500) {
            throw ApiException.invalidParams("business_context 长度不能超过500个字符", "business_context");
        }
        NewTask request = new NewTask(taskName, dbName, p.text("db_connection").orElse(null), context,
                p.bool("enable_sql_validation").orElse(null), p.bool("enable_llm_repair").orElse(null),
                p.bool("modify_original_file").orElse(null), p.bool("enable_training_data_load").orElse(null));
        return service.create(request).map(task -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("created_at", Timestamps.iso(task.createdAt()));
            data.put("file_upload_mode", true);
            data.put("next_step", "POST /api/v0/data_pipeline/tasks/" + task.taskId() + "/upload-table-list");
            data.put("status", task.status());
            data.put("task_id", task.taskId());
            data.put("task_name", task.taskName());
            data.put("db_name", task.dbName());
            return V0Response.ok(data, "任务创建成功，请上传表清单文件后再执行任务");
        });
    }

    @GET
    public Uni<Map<String, Object>> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
            @QueryParam("status") String status) {
        int l = intParam(limit, "limit", 50, 1, 100);
        int o = intParam(offset, "offset", 0, 0, Integer.MAX_VALUE);
        String s = status == null || status.isBlank() ? null : storedStatus(status);
        return tasks.list(l, o, s).map(list -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("limit", l);
            data.put("offset", o);
            data.put("tasks", list.stream().map(TaskViews::summary).toList());
            data.put("total", list.size());
            return V0Response.ok(data, "获取任务列表成功");
        });
    }

    @GET
    @Path("/{task_id}")
    public Uni<Map<String, Object>> status(@PathParam("task_id") String taskId) {
        TaskIds.check(taskId);
        return tasks.require(taskId).flatMap(task -> tasks.steps(taskId)
                .map(steps -> V0Response.ok(TaskViews.status(task, steps), "获取任务状态成功")));
    }

    @POST
    @Path("/{task_id}/execute")
    public Uni<Map<String, Object>> execute(@PathParam("task_id") String taskId, JsonNode body) {
        TaskIds.check(taskId);
        Params p = Params.of(body);
        String mode = p.text("execution_mode").orElse("complete");
        if (!mode.equals("complete") && !mode.equals("step")) {
            throw ApiException.invalidParams("无效的执行模式: " + mode + "，支持: complete, step", "execution_mode");
        }
        StepName step = null;
        if (mode.equals("step")) {
            String name = p.text("step_name").orElseThrow(() -> ApiException.invalidParams(
                    "步骤模式需要提供 step_name", "step_name"));
            step = StepName.ofApiName(name).orElseThrow(() -> ApiException.invalidParams("无效的步骤名称: " + name
                    + "，支持: ddl_generation, qa_generation, sql_validation, training_load", "step_name"));
        }
        StepName chosen = step;
        return executions.execute(taskId, chosen).map(task -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("execution_mode", mode);
            data.put("message", "任务正在后台执行，请通过状态接口查询进度");
            data.put("step_name", chosen == null ? null : chosen.apiName());
            data.put("task_id", taskId);
            return V0Response.ok(data, "任务执行已启动");
        });
    }

    @DELETE
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> delete(String rawBody, @Context UriInfo uri) {
        JsonNode body = null;
        if (rawBody != null && !rawBody.isBlank()) {
            try {
                body = mapper.readTree(rawBody);
            } catch (Exception e) {
                throw ApiException.invalidParams("请求体不是有效的JSON: " + e.getMessage());
            }
        }
        Params p = Params.of(body);
        var query = uri.getQueryParameters();
        List<String> ids = new ArrayList<>();
        JsonNode idsNode = p.get("task_ids");
        if (idsNode != null && idsNode.isArray()) {
            idsNode.forEach(n -> {
                if (!n.isTextual()) {
                    throw ApiException.invalidParams("task_ids 必须是字符串数组", "task_ids");
                }
                ids.add(n.asText());
            });
        } else if (idsNode != null && idsNode.isTextual()) {
            ids.add(idsNode.asText());
        } else if (idsNode != null) {
            throw ApiException.invalidParams("task_ids 必须是字符串数组", "task_ids");
        } else {
            for (String key : List.of("task_ids", "task_ids[]")) {
                if (query.get(key) != null) {
                    query.get(key).forEach(v -> ids.addAll(List.of(v.split(","))));
                }
            }
        }
        ids.replaceAll(String::strip);
        ids.removeIf(String::isEmpty);
        if (ids.isEmpty()) {
            throw ApiException.invalidParams("缺少必需参数: task_ids", "task_ids");
        }
        if (ids.size() > 100) {
            throw ApiException.invalidParams("一次最多删除100个任务", "task_ids");
        }
        ids.forEach(TaskIds::check);
        boolean confirm = p.has("confirm") ? p.bool("confirm").orElse(false)
                : "true".equalsIgnoreCase(query.getFirst("confirm"));
        if (!confirm) {
            throw ApiException.invalidParams("删除操作需要确认，请设置confirm为true", "confirm");
        }
        boolean records = p.has("delete_database_records") ? p.bool("delete_database_records").orElse(false)
                : "true".equalsIgnoreCase(query.getFirst("delete_database_records"));
        boolean continueOnError = p.has("continue_on_error") ? p.bool("continue_on_error").orElse(true)
                : !"false".equalsIgnoreCase(query.getFirst("continue_on_error"));
        List<String> unique = ids.stream().distinct().toList();
        return service.delete(unique, records, continueOnError).map(data -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> deleted = (List<Map<String, Object>>) data.get("deleted_tasks");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> failed = (List<Map<String, Object>>) data.get("failed_tasks");
            String response;
            if (unique.size() == 1 && deleted.size() == 1) {
                response = "目录删除成功".equals(deleted.get(0).get("operation_message")) ? "任务目录删除成功"
                        : (String) deleted.get(0).get("operation_message");
            } else if (unique.size() == 1) {
                response = "任务删除失败: " + failed.get(0).get("error");
            } else {
                response = "批量删除完成：成功删除" + deleted.size() + "个目录"
                        + (failed.isEmpty() ? "" : "，失败" + failed.size() + "个");
            }
            return V0Response.ok(data, response);
        });
    }

    @POST
    @Path("/query")
    public Uni<Map<String, Object>> query(JsonNode body) {
        long started = System.nanoTime();
        Params p = Params.of(body);
        int page = p.integer("page", "page 必须是整数").orElse(1);
        int pageSize = p.integer("page_size", "page_size 必须是整数").orElse(20);
        if (page < 1) {
            throw ApiException.invalidParams("页码必须大于0", "page");
        }
        if (pageSize < 1 || pageSize > 100) {
            throw ApiException.invalidParams("每页大小必须在1-100之间", "page_size");
        }
        String status = p.text("status").map(TaskResource::storedStatus).orElse(null);
        String name = p.text("task_name").orElse(null);
        if (name != null && name.length() > 100) {
            throw ApiException.invalidParams("任务名称搜索关键词最大长度为100字符", "task_name");
        }
        String sortBy = p.text("sort_by").orElse("created_at");
        if (!SORT_COLUMNS.contains(sortBy)) {
            throw ApiException.invalidParams("不支持的排序字段: " + sortBy + "，支持: " + String.join(", ",
                    SORT_COLUMNS.stream().sorted().toList()), "sort_by");
        }
        String sortOrder = p.text("sort_order").orElse("desc").toLowerCase();
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw ApiException.invalidParams("排序方向必须是 asc 或 desc", "sort_order");
        }
        TaskRepository.Query q = new TaskRepository.Query(status, name, p.text("created_by").orElse(null),
                p.text("db_name").orElse(null), time(p, "created_time_start", false), time(p, "created_time_end", true),
                time(p, "started_time_start", false), time(p, "started_time_end", true),
                time(p, "completed_time_start", false), time(p, "completed_time_end", true), sortBy,
                sortOrder.equals("desc"), pageSize, (page - 1) * pageSize);
        return tasks.query(q).map(result -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("tasks", result.tasks().stream().map(TaskViews::summary).toList());
            data.put("pagination", pagination(page, pageSize, result.total()));
            Map<String, Object> filters = new LinkedHashMap<>();
            for (String key : List.of("status", "task_name", "created_by", "db_name", "created_time_start",
                    "created_time_end", "started_time_start", "started_time_end", "completed_time_start",
                    "completed_time_end")) {
                filters.put(key, p.raw(key));
            }
            data.put("filters_applied", filters);
            data.put("sort_applied", Map.of("sort_by", sortBy, "sort_order", sortOrder));
            data.put("query_time", String.format("%.3fs", (System.nanoTime() - started) / 1e9));
            return V0Response.ok(data, "查询任务列表成功，共找到 " + result.total() + " 个任务");
        });
    }

    static Map<String, Object> pagination(int page, int pageSize, long total) {
        long pages = (total + pageSize - 1) / pageSize;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", page);
        m.put("page_size", pageSize);
        m.put("total", total);
        m.put("total_pages", pages);
        m.put("has_next", page < pages);
        m.put("has_prev", page > 1);
        return m;
    }

    /** The stored status a filter value means ("running" is the original's name for in_progress). */
    static String storedStatus(String status) {
        if (!QUERY_STATUSES.contains(status)) {
            throw ApiException.invalidParams("无效的任务状态: " + status + "，支持: pending, running, completed, failed, "
                    + "partial_completed, cancelled", "status");
        }
        return status.equals("running") ? "in_progress" : status;
    }

    /** "YYYY-MM-DD HH:MM:SS", ISO, or a date (start of day; end of day for an upper bound), server time. */
    static OffsetDateTime time(Params p, String name, boolean upper) {
        String text = p.text(name).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            LocalDateTime t;
            if (text.length() == 10) {
                LocalDate d = LocalDate.parse(text);
                t = upper ? d.atTime(23, 59, 59, 999_999_000) : d.atStartOfDay();
            } else {
                t = LocalDateTime.parse(text.replace(' ', 'T'));
            }
            return t.atZone(ZoneId.systemDefault()).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParams(name + " 时间格式错误，应为 YYYY-MM-DD HH:MM:SS", name);
        }
    }

    static int intParam(String value, String name, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v < min || v > max) {
                throw ApiException.invalidParams(name + " 必须在" + min + "-" + max + "之间", name);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidParams(name + " 必须是整数", name);
        }
    }
}
