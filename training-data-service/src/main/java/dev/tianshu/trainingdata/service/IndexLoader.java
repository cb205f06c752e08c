package dev.tianshu.trainingdata.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.tianshu.trainingdata.config.TrainingDataConfig;
import dev.tianshu.trainingdata.event.ChangesAssignment;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * At start: warms the embedding model up (its dimension sizes the index), waits until the change consumer owns its
 * partitions (at most {@code search.assignment-wait}; without Kafka the index still loads, and the periodic events
 * catch up later), embeds again what another model embedded, then loads the index. Readiness reports DOWN until the index is loaded.
 */
@ApplicationScoped
public class IndexLoader {

    private static final Logger LOG = Logger.getLogger(IndexLoader.class);

    void start(@Observes StartupEvent event, EmbeddingService embeddings, SearchIndex index, Reembedder reembedder,
            @Identifier("training-changes-assignment") ChangesAssignment assignment, TrainingDataConfig config) {
        Uni.createFrom().item(() -> {
            embeddings.warmUp();
            return embeddings.dimension();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(index::init)
                .flatMap(dimension -> Uni.createFrom().completionStage(assignment.assigned()
                        .orTimeout(config.search().assignmentWait().toMillis(), TimeUnit.MILLISECONDS))
                        .onFailure(TimeoutException.class).recoverWithItem(e -> {
                            LOG.warn("change events partitions not assigned in time; loading the index anyway");
                            return null;
                        }))
                .flatMap(v -> reembedder.run())
                .flatMap(v -> index.load())
                .onFailure().invoke(e -> LOG.warnf(e, "search index not loaded yet, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .subscribe().with(count -> {
                }, failure -> LOG.error("search index not loaded", failure));
    }
}
