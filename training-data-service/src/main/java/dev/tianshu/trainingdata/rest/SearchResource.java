package dev.tianshu.trainingdata.rest;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.Params;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.trainingdata.config.TrainingDataConfig;
import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.service.SearchService;
import io.smallrye.mutiny.Uni;

/**
 * Semantic retrieval: {@code {question, types?, top_k?, min_score?}} → the stored items nearest to the question,
 * best first, with their cosine similarity. nl2sql-service and chat-service take their few-shot examples from here.
 */
@Path("/api/v0/training_data/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private static final int MAX_QUESTION = 2_000;

    private final SearchService search;
    private final TrainingDataConfig.Search config;

    SearchResource(SearchService search, TrainingDataConfig config) {
        this.search = search;
        this.config = config.search();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> search(JsonNode body) {
        Params params = Params.of(body);
        String question = params.text("question")
                .orElseThrow(() -> ApiException.invalidParams("缺少必需参数: question", "question")).strip();
        if (question.length() > MAX_QUESTION) {
            throw ApiException.invalidParams("question最大长度为" + MAX_QUESTION + "字符", "question");
        }
        Set<TrainingType> types = types(params.get("types"));
        int topK = params.integer("top_k", "top_k必须是整数").orElse(config.defaultTopK());
        if (topK < 1 || topK > config.maxTopK()) {
            throw ApiException.invalidParams("top_k必须在1-" + config.maxTopK() + "之间", "top_k");
        }
        OptionalDouble minScore = params.number("min_score", "min_score必须是数字")
                .map(score -> {
                    if (score < -1 || score > 1) {
                        throw ApiException.invalidParams("min_score必须在-1到1之间", "min_score");
                    }
                    return OptionalDouble.of(score);
                }).orElse(OptionalDouble.empty());

        return search.search(question, types, topK, minScore).map(hits -> {
            List<Map<String, Object>> results = hits.stream().map(hit -> {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("id", hit.record().id());
                result.put("training_data_type", hit.record().trainingDataType());
                result.put("question", hit.record().question());
                result.put("content", hit.record().content());
                result.put("score", Math.round(hit.score() * 10_000) / 10_000.0);
                return result;
            }).toList();
            Map<TrainingType, Double> defaults = search.thresholds();
            Map<String, Object> thresholds = new LinkedHashMap<>();
            for (TrainingType type : types) {
                thresholds.put(type.apiName(), minScore.orElse(defaults.get(type)));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("question", question);
            data.put("top_k", topK);
            data.put("thresholds", thresholds);
            data.put("total", results.size());
            data.put("results", results);
            return V0Response.ok(data, results.isEmpty() ? "未检索到相似的训练数据"
                    : "检索成功,共找到 " + results.size() + " 条相似训练数据");
        });
    }

    private static Set<TrainingType> types(JsonNode node) {
        if (node == null) {
            return EnumSet.allOf(TrainingType.class);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.invalidParams("types必须是非空数组, 可选: " + TrainingType.apiNames(), "types");
        }
        Set<TrainingType> types = EnumSet.noneOf(TrainingType.class);
        for (JsonNode name : node) {
            types.add(TrainingType.ofApiName(name.isTextual() ? name.asText() : name.toString())
                    .orElseThrow(() -> ApiException.invalidParams(
                            "不支持的训练数据类型: " + name.asText() + ", 支持的类型: " + TrainingType.apiNames(), "types")));
        }
        return types;
    }
}
