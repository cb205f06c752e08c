package dev.tianshu.pipeline.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.pipeline.model.Sizes;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.TaskFileRepository;
import dev.tianshu.pipeline.repository.TaskFileRepository.FileInfo;
import dev.tianshu.pipeline.repository.TaskLogRepository;
import dev.tianshu.pipeline.repository.TaskRepository;
import dev.tianshu.pipeline.service.TaskLogView;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * The task directory: list, download and upload files. Files live in PostgreSQL; data_pipeline.log is rendered from
 * the task's log lines.
 */
@Path("/api/v0/data_pipeline/tasks/{task_id}/files")
public class TaskFilesResource {

    static final Set<String> UPLOAD_EXTENSIONS = Set.of(".ddl", ".md", ".txt", ".json", ".sql", ".csv");
    static final long MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

    private final TaskRepository tasks;
    private final TaskFileRepository files;
    private final TaskLogRepository logs;
    private final TableListResource tableLists;

    TaskFilesResource(TaskRepository tasks, TaskFileRepository files, TaskLogRepository logs,
            TableListResource tableLists) {
        this.tasks = tasks;
        this.files = files;
        this.logs = logs;
        this.tableLists = tableLists;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> list(@PathParam("task_id") String taskId) {
        TaskIds.check(taskId);
        return tasks.require(taskId).flatMap(task -> Uni.combine().all().unis(files.list(taskId), logs.stats(taskId))
                .asTuple()).map(t -> {
                    List<Map<String, Object>> items = new ArrayList<>();
                    long total = 0;
                    var stats = t.getItem2();
                    List<FileInfo> all = new ArrayList<>(t.getItem1());
                    if (stats.lines() > 0) {
                        all.add(new FileInfo(TaskLogView.FILE, stats.bytes(), stats.first(), stats.last()));
                        all.sort((a, b) -> b.modifiedAt().compareTo(a.modifiedAt()));
                    }
                    for (FileInfo f : all) {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("created_at", Timestamps.iso(f.createdAt()));
                        item.put("file_name", f.name());
                        item.put("file_size", f.size());
                        item.put("file_size_formatted", Sizes.format(f.size()));
                        item.put("file_type", fileType(f.name()));
                        item.put("is_readable", true);
                        item.put("modified_at", Timestamps.iso(f.modifiedAt()));
                        items.add(item);
                        total += f.size();
                    }
                    Map<String, Object> dir = new LinkedHashMap<>();
                    dir.put("directory_path", "data_pipeline/training_data/" + taskId);
                    dir.put("exists", !all.isEmpty());
                    dir.put("total_files", all.size());
                    dir.put("total_size", total);
                    dir.put("total_size_formatted", Sizes.format(total));
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("directory_info", dir);
                    data.put("files", items);
                    data.put("task_id", taskId);
                    return V0Response.ok(data, "获取任务文件列表成功");
                });
    }

    @GET
    @Path("/{file_name}")
    public Uni<Response> download(@PathParam("task_id") String taskId, @PathParam("file_name") String fileName) {
        TaskIds.check(taskId);
        String name = Uploads.safeName(fileName, "file_name");
        Uni<byte[]> content = name.equals(TaskLogView.FILE)
                ? tasks.require(taskId).flatMap(t -> logs.all(taskId)).map(lines -> {
                    if (lines.isEmpty()) {
                        throw ApiException.notFound("文件不存在: " + name);
                    }
                    return TaskLogView.render(lines);
                })
                : tasks.require(taskId).flatMap(t -> files.read(taskId, name)).map(found -> found
                        .orElseThrow(() -> ApiException.notFound("文件不存在: " + name)).content());
        return content.map(bytes -> Response.ok(bytes)
                .type(contentType(name))
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Uni<Map<String, Object>> upload(@PathParam("task_id") String taskId, @RestForm("file") FileUpload file,
            @RestForm("overwrite_mode") String overwriteMode) {
        TaskIds.check(taskId);
        Uploads.required(file);
        String mode = overwriteMode == null || overwriteMode.isBlank() ? "backup" : overwriteMode.strip();
        if (!Set.of("backup", "replace", "skip").contains(mode)) {
            throw ApiException.invalidParams("无效的覆盖模式: " + mode + "，支持: backup, replace, skip", "overwrite_mode");
        }
        String name = Uploads.safeName(file.fileName(), "file");
        if (!UPLOAD_EXTENSIONS.contains(Uploads.extension(name))) {
            throw ApiException.invalidParams("不支持的文件类型: " + Uploads.extension(name) + "，支持: "
                    + String.join(", ", UPLOAD_EXTENSIONS.stream().sorted().toList()), "file");
        }
        byte[] bytes = Uploads.read(file, MAX_UPLOAD_BYTES, "10MB");
        if (Uploads.utf8(bytes).isEmpty()) {
            throw ApiException.invalidParams("文件必须是UTF-8编码的文本文件", "file");
        }
        return tableLists.writable(taskId).flatMap(task -> files.exists(taskId, name)).flatMap(exists -> {
            Map<String, Object> uploaded = new LinkedHashMap<>();
            uploaded.put("filename", name);
            if (exists && mode.equals("skip")) {
                uploaded.put("existed", true);
                uploaded.put("action", "skipped");
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("skipped", true);
                data.put("message", "文件已存在，跳过上传: " + name);
                data.put("success", true);
                data.put("task_id", taskId);
                data.put("uploaded_file", uploaded);
                return Uni.createFrom().item(V0Response.ok(data, "文件已存在，跳过上传: " + name));
            }
            Uni<Map<String, Object>> backup = exists && mode.equals("backup") ? backup(taskId, name)
                    : Uni.createFrom().item((Map<String, Object>) null);
            return backup.flatMap(info -> files.write(taskId, name, bytes).map(x -> {
                uploaded.put("overwrite_mode", mode);
                uploaded.put("size", bytes.length);
                uploaded.put("size_formatted", Sizes.format(bytes.length));
                uploaded.put("uploaded_at", Timestamps.isoNow());
                Map<String, Object> data = new LinkedHashMap<>();
                if (info != null) {
                    data.put("backup_info", info);
                }
                data.put("success", true);
                data.put("task_id", taskId);
                data.put("uploaded_file", uploaded);
                return V0Response.ok(data, "文件上传成功");
            }));
        });
    }

    /** Copies the existing file to {@code <name>_bak<N>} with the next free N. */
    private Uni<Map<String, Object>> backup(String taskId, String name) {
        return files.list(taskId).flatMap(existing -> {
            int version = 1;
            for (FileInfo f : existing) {
                if (f.name().startsWith(name + "_bak")) {
                    try {
                        version = Math.max(version, Integer.parseInt(f.name().substring(name.length() + 4)) + 1);
                    } catch (NumberFormatException ignored) {
                        // another file that merely starts like a backup
                    }
                }
            }
            String target = name + "_bak" + version;
            int v = version;
            return files.copy(files.pool(), taskId, name, target).map(x -> {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("backup_created_at", Timestamps.isoNow());
                info.put("backup_filename", target);
                info.put("backup_version", v);
                info.put("had_existing_file", true);
                return info;
            });
        });
    }

    static String fileType(String name) {
        return switch (Uploads.extension(name)) {
            case ".ddl" -> "ddl";
            case ".sql" -> "sql";
            case ".md", ".markdown" -> "markdown";
            case ".json" -> "json";
            case ".txt" -> "text";
            case ".log" -> "log";
            case ".csv" -> "csv";
            default -> "other";
        };
    }

    static String contentType(String name) {
        return switch (Uploads.extension(name)) {
            case ".json" -> "application/json; charset=utf-8";
            case ".md" -> "text/markdown; charset=utf-8";
            case ".csv" -> "text/csv; charset=utf-8";
            default -> "text/plain; charset=utf-8";
        };
    }
}
