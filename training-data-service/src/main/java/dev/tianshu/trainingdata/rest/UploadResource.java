package dev.tianshu.trainingdata.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.common.training.TrainingFileParser;
import dev.tianshu.common.training.TrainingFileParser.FileType;
import dev.tianshu.trainingdata.config.TrainingDataConfig;
import dev.tianshu.trainingdata.service.ItemValidator;
import dev.tianshu.trainingdata.service.TrainingDataService;
import dev.tianshu.trainingdata.service.TrainingDataService.ItemOutcome;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * POST /api/v0/training_data/upload: a multipart {@code file} with its {@code file_type} (ddl, markdown,
 * sql_pair_json, sql_pair), parsed into items as the pipeline's training load reads its task files, then created
 * like POST /create does (same validation, same ids, so uploading a file twice adds nothing).
 */
@Path("/api/v0/training_data/upload")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private static final Map<FileType, Set<String>> EXTENSIONS = Map.of(
            FileType.DDL, Set.of("ddl", "sql", "txt", ""),
            FileType.MARKDOWN, Set.of("md", "markdown"),
            FileType.SQL_PAIR_JSON, Set.of("json", "txt", ""),
            FileType.SQL_PAIR, Set.of("sql", "txt", ""));

    private final TrainingDataService service;
    private final ObjectMapper mapper;
    private final TrainingDataConfig config;

    UploadResource(TrainingDataService service, ObjectMapper mapper, TrainingDataConfig config) {
        this.service = service;
        this.mapper = mapper;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    public Uni<Map<String, Object>> upload(@RestForm("file") FileUpload file, @RestForm("file_type") String fileType) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalidParams("未提供文件", "file");
        }
        if (fileType == null || fileType.isBlank()) {
            throw ApiException.invalidParams("缺少必需参数: file_type", "file_type");
        }
        FileType type = FileType.ofName(fileType.strip()).orElseThrow(() -> ApiException.invalidParams(
                "不支持的文件类型: " + fileType + ", 支持的类型: ddl, markdown, sql_pair_json, sql_pair", "file_type"));
        String name = baseName(file.fileName());
        if (file.size() > config.maxUploadBytes()) {
            throw ApiException.invalidParams("文件大小不能超过" + config.maxUploadBytes() / 1024 + "KB", "file");
        }
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!EXTENSIONS.get(type).contains(extension)) {
            throw ApiException.invalidParams("文件类型 " + type.apiName() + " 不支持的文件扩展名: " + extension
                    + ", 支持的扩展名: " + String.join(", ", EXTENSIONS.get(type).stream()
                            .map(e -> e.isEmpty() ? "无扩展名" : e).sorted().toList()), "file");
        }
        String text = read(file);
        TrainingFileParser.Parsed parsed = TrainingFileParser.parse(type, text, name);
        if (parsed.items().isEmpty()) {
            throw ApiException.invalidParams("文件中没有可导入的训练数据" + problems(parsed), "file");
        }
        List<ItemValidator.Result> validated = parsed.items().stream()
                .map(item -> ItemValidator.validate(mapper.valueToTree(item), "upload:" + name)).toList();
        long size = file.size();
        return service.store(validated).flatMap(outcomes -> service.count().map(total -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("filename", name);
            data.put("file_type", type.apiName());
            data.put("file_size", size);
            data.put("status", "completed");
            data.putAll(TrainingDataResource.CreateReport.of(outcomes));
            data.put("unchanged_count", outcomes.stream().filter(o -> o.success() && o.existed()).count());
            data.put("parse_problems", parsed.problems().stream().map(p -> Map.of(
                    "position", p.position(), "message", p.message())).toList());
            data.put("current_total_count", total);
            long failed = outcomes.stream().filter(o -> !o.success()).count();
            return V0Response.ok(data, failed == 0 ? "文件上传并训练成功: " + name
                    : TrainingDataResource.CreateReport.sentence(outcomes, "文件训练") + ": " + name);
        }));
    }

    private static String read(FileUpload file) {
        try {
            byte[] bytes = Files.readAllBytes(file.uploadedFile());
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalidParams("文件必须是UTF-8编码的文本", "file");
        } catch (IOException e) {
            throw new IllegalStateException("uploaded file unreadable", e);
        }
    }

    private static String problems(TrainingFileParser.Parsed parsed) {
        return parsed.problems().isEmpty() ? ""
                : ": " + String.join("; ", parsed.problems().stream().limit(5).map(p -> p.message()).toList());
    }

    /** The file's own name without any directory part a client may send. */
    private static String baseName(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).strip();
    }
}
