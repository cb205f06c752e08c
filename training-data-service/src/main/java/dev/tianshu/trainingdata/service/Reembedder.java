package dev.tianshu.trainingdata.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tianshu.trainingdata.event.ChangePublisher;
import dev.tianshu.trainingdata.model.NewItem;
import dev.tianshu.trainingdata.model.TrainingRecord;
import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.repository.TrainingItemRepository;
import io.smallrye.mutiny.Uni;

/**
 * Embeds again the items whose embedding is missing or was made by another model (after the embedding provider
 * changed), batch by batch, before the index loads. Each batch is published as "updated" changes, so replicas that
 * are already running pick the new vectors up.
 */
@ApplicationScoped
public class Reembedder {

    private static final Logger LOG = Logger.getLogger(Reembedder.class);
    private static final int BATCH = 256;

    private final TrainingItemRepository repository;
    private final EmbeddingService embeddings;
    private final ChangePublisher publisher;

    Reembedder(TrainingItemRepository repository, EmbeddingService embeddings, ChangePublisher publisher) {
        this.repository = repository;
        this.embeddings = embeddings;
        this.publisher = publisher;
    }

    /** The number of items embedded again. */
    public Uni<Integer> run() {
        return batch(0).invoke(count -> {
            if (count > 0) {
                LOG.infof("embedded %d items again with %s", count, embeddings.modelName());
            }
        });
    }

    private Uni<Integer> batch(int done) {
        return repository.withStaleEmbedding(embeddings.modelName(), BATCH).flatMap(stale -> {
            if (stale.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            List<String> texts = stale.stream().map(Reembedder::embeddingText).toList();
            return embeddings.embedAll(texts)
                    .flatMap(vectors -> repository.updateEmbeddings(
                            stale.stream().map(TrainingRecord::id).toList(), vectors, embeddings.modelName()))
                    .call(publisher::publish)
                    .flatMap(changes -> stale.size() < BATCH ? Uni.createFrom().item(done + stale.size())
                            : batch(done + stale.size()));
        });
    }

    private static String embeddingText(TrainingRecord record) {
        TrainingType type = TrainingType.ofApiName(record.trainingDataType()).orElseThrow();
        return new NewItem(type, record.question(), record.content(), null).embeddingText();
    }
}
