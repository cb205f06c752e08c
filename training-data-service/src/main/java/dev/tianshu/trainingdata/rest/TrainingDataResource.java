package dev.tianshu.trainingdata.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.Params;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.trainingdata.config.TrainingDataConfig;
import dev.tianshu.trainingdata.model.TrainingRecord;
import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.repository.TrainingItemRepository;
import dev.tianshu.trainingdata.repository.TrainingItemRepository.PageQuery;
import dev.tianshu.trainingdata.repository.TrainingItemRepository.SortColumn;
import dev.tianshu.trainingdata.service.TrainingDataService;
import dev.tianshu.trainingdata.service.TrainingDataService.ItemOutcome;
import io.smallrye.mutiny.Uni;

/** Seed 001: statistics, paged query, create, update and delete of training data. */
@Path("/api/v0/training_data")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingDataResource {

    static final String NOT_FOUND_ERROR = "记录不存在或删除失败";
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final int MAX_KEYWORD = 100;

    private final TrainingDataService service;
    private final TrainingItemRepository repository;
    private final TrainingDataConfig config;

    TrainingDataResource(TrainingDataService service, TrainingItemRepository repository, TrainingDataConfig config) {
        this.service = service;
        this.repository = repository;
        this.config = config;
    }

    @GET
    @Path("/stats")
    public Uni<Map<String, Object>> stats() {
        return Uni.combine().all().unis(service.countByType(), repository.lastChange()).asTuple().map(both -> {
            Map<TrainingType, Long> counts = both.getItem1();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Object> breakdown = new LinkedHashMap<>();
            Map<String, Object> percentages = new LinkedHashMap<>();
            for (TrainingType type : TrainingType.values()) {
                long count = counts.get(type);
                breakdown.put(type.apiName(), count);
                percentages.put(type.apiName(), total == 0 ? 0.0
                        : BigDecimal.valueOf(count * 100.0 / total).setScale(2, RoundingMode.HALF_UP).doubleValue());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("total_count", total);
            data.put("type_breakdown", breakdown);
            data.put("type_percentages", percentages);
            data.put("last_updated", both.getItem2()
                    .map(at -> at.atZoneSameInstant(ZONE).toLocalDateTime().truncatedTo(ChronoUnit.MICROS).toString())
                    .orElse(null));
            return V0Response.ok(data, "统计信息获取成功");
        });
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> query(JsonNode body) {
        Params params = Params.of(body);
        int page = params.integer("page", "页码必须是整数").orElse(1);
        if (page < 1) {
            throw ApiException.invalidParams("页码必须大于0", "page");
        }
        int pageSize = params.integer("page_size", "每页大小必须是整数").orElse(20);
        if (pageSize < 1 || pageSize > 100) {
            throw ApiException.invalidParams("每页大小必须在1-100之间", "page_size");
        }
        Optional<TrainingType> type = params.text("training_data_type").map(name -> TrainingType.ofApiName(name)
                .orElseThrow(() -> ApiException.invalidParams(
                        "不支持的训练数据类型: " + name + ", 支持的类型: " + TrainingType.apiNames(), "training_data_type")));
        Optional<String> keyword = params.text("search_keyword");
        if (keyword.isPresent() && keyword.get().length() > MAX_KEYWORD) {
            throw ApiException.invalidParams("搜索关键词最大长度为100字符", "search_keyword");
        }
        SortColumn sortBy = params.text("sort_by").map(name -> switch (name) {
            case "id" -> SortColumn.ID;
            case "training_data_type" -> SortColumn.TRAINING_DATA_TYPE;
            default -> throw ApiException.invalidParams("不支持的排序字段: " + name + ", 支持: id, training_data_type",
                    "sort_by");
        }).orElse(SortColumn.ID);
        boolean descending = params.text("sort_order").map(order -> switch (order.toLowerCase(Locale.ROOT)) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw ApiException.invalidParams("不支持的排序方向: " + order + ", 支持: asc, desc", "sort_order");
        }).orElse(true);

        PageQuery query = new PageQuery(type, keyword, sortBy, descending, pageSize, (long) (page - 1) * pageSize);
        return Uni.combine().all().unis(repository.count(query), repository.page(query)).asTuple().map(both -> {
            long total = both.getItem1();
            List<TrainingRecord> records = both.getItem2();
            long totalPages = (total + pageSize - 1) / pageSize;
            Map<String, Object> pagination = new LinkedHashMap<>();
            pagination.put("page", page);
            pagination.put("page_size", pageSize);
            pagination.put("total", total);
            pagination.put("total_pages", totalPages);
            pagination.put("has_next", (long) page * pageSize < total);
            pagination.put("has_prev", page > 1);
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("training_data_type", params.raw("training_data_type"));
            filters.put("search_keyword", params.raw("search_keyword"));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("records", records);
            data.put("pagination", pagination);
            data.put("filters_applied", filters);
            boolean filtered = type.isPresent() || keyword.isPresent();
            return V0Response.ok(data, total == 0 && !filtered ? "查询成功,暂无训练数据"
                    : "查询成功,共找到 " + total + " 条记录");
        });
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> create(JsonNode body) {
        Params params = Params.of(body);
        JsonNode data = params.get("data");
        if (data == null || (data.isContainerNode() && data.isEmpty())) {
            throw ApiException.invalidParams("缺少必需参数: data", "data");
        }
        List<JsonNode> items = new ArrayList<>();
        if (data.isObject()) {
            items.add(data);
        } else if (data.isArray()) {
            data.forEach(items::add);
        } else {
            throw ApiException.invalidParams("data字段格式错误,应为对象或数组", "data");
        }
        if (items.size() > config.maxBatch()) {
            throw ApiException.invalidParams("批量操作最大支持" + config.maxBatch() + "条记录", "data");
        }
        return service.create(items, "api").flatMap(outcomes -> service.count().map(total -> {
            Map<String, Object> result = CreateReport.of(outcomes);
            result.put("current_total_count", total);
            return V0Response.ok(result, CreateReport.sentence(outcomes, "训练数据创建"));
        }));
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> delete(JsonNode body) {
        Params params = Params.of(body);
        JsonNode idsNode = params.get("ids");
        if (idsNode == null || !idsNode.isArray() || idsNode.isEmpty()) {
            throw ApiException.invalidParams("缺少有效的ID列表", "ids");
        }
        JsonNode confirm = params.get("confirm");
        if (confirm == null || !confirm.isBoolean() || !confirm.booleanValue()) {
            throw ApiException.invalidParams("删除操作需要确认,请设置confirm为true");
        }
        if (idsNode.size() > config.maxBatch()) {
            throw ApiException.invalidParams("批量删除最大支持" + config.maxBatch() + "条记录", "ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : idsNode) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw ApiException.invalidParams("ids中的每一项必须是非空字符串", "ids");
            }
            ids.add(id.asText());
        }
        return service.delete(ids).flatMap(outcome -> service.count().map(total -> {
            List<Map<String, Object>> details = new ArrayList<>();
            for (String id : outcome.missing()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("id", id);
                detail.put("error", NOT_FOUND_ERROR);
                details.add(detail);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("total_requested", ids.size());
            data.put("successfully_deleted", outcome.deleted().size());
            data.put("failed_count", outcome.missing().size());
            data.put("deleted_ids", outcome.deleted());
            data.put("failed_ids", outcome.missing());
            data.put("failed_details", details);
            data.put("current_total_count", total);
            return V0Response.ok(data, "训练数据删除完成");
        }));
    }

    @POST
    @Path("/update")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> update(JsonNode body) {
        Params params = Params.of(body);
        String id = params.text("id").orElseThrow(() -> ApiException.invalidParams("缺少必需参数: id", "id"));
        if (!params.has("training_data_type")) {
            throw ApiException.invalidParams("缺少必需参数: training_data_type", "training_data_type");
        }
        return service.update(id, body).flatMap(outcome -> service.count().map(total -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("original_id", outcome.originalId());
            data.put("new_training_id", outcome.newId());
            data.put("type", outcome.type().apiName());
            data.put("changed", outcome.changed());
            data.put("current_total_count", total);
            return V0Response.ok(data, outcome.changed() ? "训练数据更新成功" : "训练数据内容未变化,无需更新");
        }));
    }

    /** The create-style report of item outcomes, shared by create and upload. */
    static final class CreateReport {

        private CreateReport() {
        }

        static Map<String, Object> of(List<ItemOutcome> outcomes) {
            List<Map<String, Object>> results = new ArrayList<>(outcomes.size());
            Map<TrainingType, Integer> summary = new EnumMap<>(TrainingType.class);
            for (TrainingType type : TrainingType.values()) {
                summary.put(type, 0);
            }
            int created = 0;
            for (ItemOutcome outcome : outcomes) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("index", outcome.index());
                result.put("success", outcome.success());
                result.put("type", outcome.typeName());
                if (outcome.success()) {
                    created++;
                    TrainingType.ofApiName(outcome.typeName()).ifPresent(t -> summary.merge(t, 1, Integer::sum));
                    result.put("training_id", outcome.id().get());
                    result.put("existed", outcome.existed());
                    result.put("message", outcome.typeName() + (outcome.existed()
                            ? "训练数据已存在,未重复创建" : "训练数据创建成功"));
                } else {
                    result.put("error", outcome.error());
                    result.put("message", "创建失败");
                }
                results.add(result);
            }
            Map<String, Object> byType = new LinkedHashMap<>();
            summary.forEach((type, count) -> byType.put(type.apiName(), count));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("total_requested", outcomes.size());
            data.put("successfully_created", created);
            data.put("failed_count", outcomes.size() - created);
            data.put("results", results);
            data.put("summary", byType);
            return data;
        }

        static String sentence(List<ItemOutcome> outcomes, String what) {
            long ok = outcomes.stream().filter(ItemOutcome::success).count();
            long failed = outcomes.size() - ok;
            if (failed == 0) {
                return what + "完成";
            }
            if (ok == 0) {
                return what + "失败";
            }
            return what + "部分成功,成功" + ok + "条,失败" + failed + "条";
        }
    }
}
