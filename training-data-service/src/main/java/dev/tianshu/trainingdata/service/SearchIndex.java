package dev.tianshu.trainingdata.service;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.repository.TrainingItemRepository;
import dev.tianshu.trainingdata.repository.TrainingItemRepository.Embedded;
import dev.tianshu.trainingdata.search.VectorIndex;
import io.smallrye.mutiny.Uni;

/**
 * This replica's in-memory nearest-neighbour index, one {@link VectorIndex} per type, kept equal to training_item:
 * loaded once from PostgreSQL, then refreshed for every id a change event names by re-reading that id. Re-reading
 * (rather than trusting the event) makes redelivered, duplicated and reordered events converge on the table's state.
 * Ids named while the initial load runs are kept and re-read after it, so a load never overwrites a newer state.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class);
    private static final int LOAD_PAGE = 2_000;

    private final TrainingItemRepository repository;
    private final EmbeddingService embeddings;
    private final Map<TrainingType, VectorIndex> indexes = new EnumMap<>(TrainingType.class);
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Set<String> pending = new LinkedHashSet<>();
    private volatile boolean loading;
    private volatile int dimension;

    SearchIndex(TrainingItemRepository repository, EmbeddingService embeddings) {
        this.repository = repository;
        this.embeddings = embeddings;
    }

    /** Creates the empty indexes for vectors of {@code dimension}; called once the model's dimension is known. */
    public synchronized void init(int dimension) {
        this.dimension = dimension;
        for (TrainingType type : TrainingType.values()) {
            indexes.put(type, new VectorIndex(dimension));
        }
    }

    public boolean ready() {
        return ready.get();
    }

    public VectorIndex index(TrainingType type) {
        return indexes.get(type);
    }

    /** Items in the index per type. */
    public Map<TrainingType, Integer> sizes() {
        Map<TrainingType, Integer> sizes = new EnumMap<>(TrainingType.class);
        indexes.forEach((type, index) -> sizes.put(type, index.size()));
        return sizes;
    }

    /** Loads every stored embedding of the current model, page by page, then re-reads what changed meanwhile. */
    public Uni<Integer> load() {
        synchronized (this) {
            loading = true;
        }
        return loadPage("", 0)
                .call(count -> drainPending())
                .invoke(count -> {
                    ready.set(true);
                    LOG.infof("search index loaded: %d items %s", count, sizes());
                })
                .onFailure().invoke(e -> {
                    synchronized (this) {
                        loading = false;
                    }
                });
    }

    private Uni<Integer> loadPage(String afterId, int loaded) {
        return repository.embeddingsAfter(afterId, LOAD_PAGE).flatMap(page -> {
            Map<TrainingType, Map<String, float[]>> byType = new EnumMap<>(TrainingType.class);
            for (Embedded item : page) {
                if (usable(item)) {
                    byType.computeIfAbsent(item.type(), t -> new HashMap<>()).put(item.id(), item.embedding());
                }
            }
            byType.forEach((type, vectors) -> indexes.get(type).upsertAll(vectors));
            int total = loaded + page.size();
            if (page.size() < LOAD_PAGE) {
                return Uni.createFrom().item(total);
            }
            return loadPage(page.get(page.size() - 1).id(), total);
        });
    }

    private Uni<Void> drainPending() {
        Set<String> ids;
        synchronized (this) {
            ids = new HashSet<>(pending);
            pending.clear();
            if (ids.isEmpty()) {
                loading = false;
                return Uni.createFrom().voidItem();
            }
        }
        return reread(ids).call(this::drainPending);
    }

    /** Brings these ids up to date with the table (present → indexed, absent → removed). */
    public Uni<Void> refresh(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        synchronized (this) {
            if (loading || indexes.isEmpty()) {
                pending.addAll(ids);
                return Uni.createFrom().voidItem();
            }
        }
        return reread(ids);
    }

    private Uni<Void> reread(Collection<String> ids) {
        return repository.embeddings(ids).invoke(found -> {
            Set<String> missing = new HashSet<>(ids);
            for (Embedded item : found) {
                missing.remove(item.id());
                if (usable(item)) {
                    put(item.id(), item.type(), item.embedding());
                } else {
                    remove(item.id());
                }
            }
            missing.forEach(this::remove);
        }).replaceWithVoid();
    }

    /** Indexes an item this replica has just written (its change event will confirm it). */
    public void put(String id, TrainingType type, float[] embedding) {
        VectorIndex index = indexes.get(type);
        if (index != null && embedding != null && embedding.length == dimension) {
            index.upsert(id, embedding);
        }
    }

    public void remove(String id) {
        TrainingType.ofId(id).map(indexes::get).ifPresent(index -> index.remove(id));
    }

    /** Removes every id from the index (used when the table was emptied outside the service, e.g. in tests). */
    public void removeAll(List<String> ids) {
        ids.forEach(this::remove);
    }

    private boolean usable(Embedded item) {
        return item.embedding() != null && item.embedding().length == dimension
                && embeddings.modelName().equals(item.model());
    }
}
