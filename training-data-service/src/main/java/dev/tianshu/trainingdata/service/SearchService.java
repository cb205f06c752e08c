package dev.tianshu.trainingdata.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.common.api.ApiError;
import dev.tianshu.common.api.ApiException;
import dev.tianshu.trainingdata.config.TrainingDataConfig;
import dev.tianshu.trainingdata.model.TrainingRecord;
import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.repository.TrainingItemRepository;
import dev.tianshu.trainingdata.search.VectorIndex;
import io.smallrye.mutiny.Uni;

/**
 * Semantic search over the training data: embeds the question, takes the nearest items of each asked type from this
 * replica's index, keeps those at or above the type's threshold and returns them with their stored text.
 */
@ApplicationScoped
public class SearchService {

    /** One result: the stored item and its cosine similarity to the question. */
    public record Hit(TrainingRecord record, double score) {
    }

    private final EmbeddingService embeddings;
    private final SearchIndex index;
    private final TrainingDataConfig.Search config;
    private final TrainingItemRepository repository;

    SearchService(EmbeddingService embeddings, SearchIndex index, TrainingDataConfig config,
            TrainingItemRepository repository) {
        this.embeddings = embeddings;
        this.index = index;
        this.config = config.search();
        this.repository = repository;
    }

    /** The default minimum similarity per type. */
    public Map<TrainingType, Double> thresholds() {
        Map<TrainingType, Double> thresholds = new EnumMap<>(TrainingType.class);
        thresholds.put(TrainingType.SQL, config.sqlThreshold());
        thresholds.put(TrainingType.DDL, config.ddlThreshold());
        thresholds.put(TrainingType.DOCUMENTATION, config.documentationThreshold());
        thresholds.put(TrainingType.ERROR_SQL, config.errorSqlThreshold());
        return thresholds;
    }

    /**
     * The nearest items per type, best first overall.
     *
     * @param minScore overrides every type's threshold when present
     */
    public Uni<List<Hit>> search(String question, Set<TrainingType> types, int topK, OptionalDouble minScore) {
        if (!index.ready()) {
            return Uni.createFrom().failure(new ApiException(503, ApiError.SERVICE_UNAVAILABLE,
                    "检索索引正在加载, 请稍后重试"));
        }
        if (types.stream().allMatch(type -> index.index(type).size() == 0)) {
            // nothing of those types is stored: no need to embed the question
            return Uni.createFrom().item(List.of());
        }
        Map<TrainingType, Double> thresholds = thresholds();
        return embeddings.embed(question).flatMap(vector -> {
            Map<String, Double> scores = new HashMap<>();
            for (TrainingType type : types) {
                VectorIndex typeIndex = index.index(type);
                double threshold = minScore.orElse(thresholds.get(type));
                for (VectorIndex.Hit hit : typeIndex.search(vector, topK, threshold)) {
                    scores.put(hit.id(), hit.score());
                }
            }
            if (scores.isEmpty()) {
                return Uni.createFrom().item(List.<Hit>of());
            }
            return repository.findAll(scores.keySet()).map(records -> {
                List<Hit> hits = new ArrayList<>(records.size());
                for (TrainingRecord record : records) {
                    hits.add(new Hit(record, scores.get(record.id())));
                }
                hits.sort(Comparator.comparingDouble(Hit::score).reversed()
                        .thenComparing(hit -> hit.record().id()));
                return hits;
            });
        });
    }
}
