package dev.tianshu.pipeline.rest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.Params;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.pipeline.model.Sizes;
import dev.tianshu.pipeline.model.TableList;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.TaskFileRepository;
import dev.tianshu.pipeline.repository.TaskRepository;
import dev.tianshu.pipeline.repository.TaskRow;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The task's table list (table_list.txt): submit names, upload a file, inspect it. */
@Path("/api/v0/data_pipeline/tasks/{task_id}")
@Produces(MediaType.APPLICATION_JSON)
public class TableListResource {

    static final String FILE = "table_list.txt";
    static final int MAX_TABLES = 1000;
    static final long MAX_BYTES = 2 * 1024 * 1024;

    private final TaskRepository tasks;
    private final TaskFileRepository files;

    TableListResource(TaskRepository tasks, TaskFileRepository files) {
        this.tasks = tasks;
        this.files = files;
    }

    @POST
    @Path("/table-list")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> submit(@PathParam("task_id") String taskId, JsonNode body) {
        TaskIds.check(taskId);
        Params p = Params.of(body);
        JsonNode tables = p.get("tables");
        List<String> given = new ArrayList<>();
        if (tables == null) {
            throw ApiException.invalidParams("缺少必需参数: tables", "tables");
        } else if (tables.isTextual()) {
            for (String name : tables.asText().split(",")) {
                given.add(name.strip());
            }
        } else if (tables.isArray()) {
            tables.forEach(t -> {
                if (!t.isTextual()) {
                    throw ApiException.invalidParams("tables 必须是表名数组或逗号分隔的字符串", "tables");
                }
                given.add(t.asText().strip());
            });
        } else {
            throw ApiException.invalidParams("tables 必须是表名数组或逗号分隔的字符串", "tables");
        }
        given.removeIf(String::isEmpty);
        if (given.isEmpty()) {
            throw ApiException.invalidParams("表名列表不能为空", "tables");
        }
        List<String> invalid = given.stream().filter(n -> !TableRef.NAME.matcher(n).matches()).distinct().toList();
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams("表名格式无效: " + String.join(", ", invalid)
                    + "（支持 table 或 schema.table 格式）", "tables");
        }
        Set<TableRef> seen = new LinkedHashSet<>();
        List<String> unique = given.stream().filter(n -> seen.add(TableRef.parse(n))).toList();
        if (unique.size() > MAX_TABLES) {
            throw ApiException.invalidParams("表数量不能超过" + MAX_TABLES + "个", "tables");
        }
        String content = TableList.render(unique, LocalDateTime.now());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return writable(taskId).flatMap(task -> files.write(taskId, FILE, bytes)).map(x -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("created_time", Timestamps.isoNow());
            data.put("file_size", bytes.length);
            data.put("file_size_formatted", Sizes.format(bytes.length));
            data.put("filename", FILE);
            data.put("original_count", given.size());
            data.put("table_count", unique.size());
            data.put("task_id", taskId);
            data.put("unique_table_count", unique.size());
            return V0Response.ok(data, "表清单已成功创建，包含 " + unique.size() + " 个表");
        });
    }

    @POST
    @Path("/upload-table-list")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    public Uni<Map<String, Object>> upload(@PathParam("task_id") String taskId, @RestForm("file") FileUpload file) {
        TaskIds.check(taskId);
        Uploads.required(file);
        String name = file.fileName() == null ? "" : file.fileName();
        if (!Uploads.extension(name).equals(".txt")) {
            throw ApiException.invalidParams("只支持 .txt 格式的表清单文件", "file");
        }
        byte[] bytes = Uploads.read(file, MAX_BYTES, "2MB");
        String text = Uploads.utf8OrGbk(bytes).orElseThrow(() -> ApiException.invalidParams(
                "文件编码无法识别，请使用 UTF-8 或 GBK 编码", "file"));
        TableList list = TableList.parse(text);
        if (!list.invalid().isEmpty()) {
            throw ApiException.invalidParams("表清单中有无效的表名: " + String.join(", ", list.invalid().stream()
                    .limit(10).toList()), "file");
        }
        if (list.tables().isEmpty()) {
            throw ApiException.invalidParams("表清单文件中没有有效的表名", "file");
        }
        if (list.tables().size() > MAX_TABLES) {
            throw ApiException.invalidParams("表数量不能超过" + MAX_TABLES + "个", "file");
        }
        byte[] stored = text.getBytes(StandardCharsets.UTF_8);
        return writable(taskId).flatMap(task -> files.write(taskId, FILE, stored)).map(x -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("file_size", stored.length);
            data.put("file_size_formatted", Sizes.format(stored.length));
            data.put("filename", FILE);
            data.put("table_count", list.tables().size());
            data.put("task_id", taskId);
            data.put("upload_time", Timestamps.isoNow());
            return V0Response.ok(data, "表清单文件上传成功");
        });
    }

    @GET
    @Path("/table-list-info")
    public Uni<Map<String, Object>> info(@PathParam("task_id") String taskId) {
        TaskIds.check(taskId);
        return tasks.require(taskId).flatMap(task -> files.read(taskId, FILE)).map(found -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("task_id", taskId);
            data.put("file_name", FILE);
            data.put("file_path", "data_pipeline/training_data/" + taskId + "/" + FILE);
            data.put("has_file", found.isPresent());
            data.put("exists", found.isPresent());
            if (found.isEmpty()) {
                data.put("is_readable", false);
                data.put("table_count", 0);
                data.put("table_names", List.of());
                return V0Response.ok(data, "任务尚未提交表清单");
            }
            TableList list = TableList.parse(new String(found.get().content(), StandardCharsets.UTF_8));
            data.put("created_at", Timestamps.iso(found.get().info().createdAt()));
            data.put("file_size", found.get().info().size());
            data.put("file_size_formatted", Sizes.format(found.get().info().size()));
            data.put("is_readable", true);
            data.put("table_count", list.tables().size());
            data.put("table_names", list.names());
            data.put("uploaded_at", Timestamps.iso(found.get().info().modifiedAt()));
            return V0Response.ok(data, "获取表清单文件信息成功");
        });
    }

    /** The task, unless it is being executed (its files must not change under a running step). */
    Uni<TaskRow> writable(String taskId) {
        return tasks.require(taskId).map(task -> {
            if (task.running()) {
                throw ApiException.conflict("任务正在执行中，不能修改任务文件");
            }
            return task;
        });
    }
}
