package dev.tianshu.nl2sql.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.nl2sql.client.TrainingDataClient;
import dev.tianshu.nl2sql.engine.Example;
import io.smallrye.mutiny.Uni;

/**
 * Stored question–SQL pairs similar to a question, from training-data-service's {@code /search} (as Vanna's
 * {@code get_similar_question_sql}). The examples are an optional help: whatever goes wrong (service down, time-out,
 * an answer that is not the expected envelope) gives no examples, never an error to the user, and is logged as a
 * WARN at most once a minute.
 *
 * <p>Settings: {@code tianshu.examples.enabled} (default true) and {@code tianshu.examples.min-score} (default: the
 * service's own threshold for sql pairs); the service's address and time-outs are {@code
 * quarkus.rest-client.training-data.*}.
 */
@ApplicationScoped
public class ExampleSearch {

    /** How many pairs are asked for. */
    public static final int TOP_K = 3;

    private static final Logger LOG = Logger.getLogger(ExampleSearch.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long WARN_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final TrainingDataClient client;
    private final boolean enabled;
    private final Optional<Double> minScore;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

    ExampleSearch(@RestClient TrainingDataClient client,
            @ConfigProperty(name = "tianshu.examples.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "tianshu.examples.min-score") Optional<Double> minScore) {
        this.client = client;
        this.enabled = enabled;
        this.minScore = minScore;
    }

    /** Up to {@link #TOP_K} sql pairs similar to {@code question}, best first; empty when none or on failure. */
    public Uni<List<Example>> similar(String question) {
        if (!enabled || question == null || question.isBlank()) {
            return Uni.createFrom().item(List.of());
        }
        Uni<JsonNode> call;
        try {
            call = client.search(new TrainingDataClient.SearchRequest(question, List.of("sql"), TOP_K,
                    minScore.orElse(null)));
        } catch (RuntimeException e) {
            call = Uni.createFrom().failure(e);
        }
        return call.ifNoItem().after(TIMEOUT).fail()
                .map(ExampleSearch::examples)
                .onFailure().recoverWithItem(e -> {
                    warn(e);
                    return List.of();
                });
    }

    /**
     * The sql pairs of a search answer, best first. Results that are not sql pairs or lack a question or SQL are
     * skipped; an answer without {@code data.results} is refused.
     */
    static List<Example> examples(JsonNode body) {
        JsonNode results = body == null ? null : body.path("data").get("results");
        if (body == null || !body.path("success").asBoolean(true) || results == null || !results.isArray()) {
            throw new IllegalArgumentException("unexpected answer: " + abbreviate(String.valueOf(body)));
        }
        List<Example> examples = new ArrayList<>();
        for (JsonNode r : results) {
            JsonNode type = r.get("training_data_type");
            String question = text(r.get("question"));
            String sql = text(r.get("content"));
            if ((type == null || "sql".equals(type.asText())) && question != null && sql != null) {
                examples.add(new Example(question, sql, r.path("score").asDouble(0)));
            }
        }
        examples.sort(Comparator.comparingDouble(Example::score).reversed());
        return List.copyOf(examples.subList(0, Math.min(TOP_K, examples.size())));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
    }

    private void warn(Throwable e) {
        long now = System.nanoTime();
        long next = nextWarning.get();
        if (now - next >= 0 && nextWarning.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
            LOG.warnf("training-data-service search failed, answering without examples (logged at most once a "
                    + "minute): %s", abbreviate(String.valueOf(e)));
        } else {
            LOG.debugf("training-data-service search failed: %s", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
