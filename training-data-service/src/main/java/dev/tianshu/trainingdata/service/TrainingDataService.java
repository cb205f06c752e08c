package dev.tianshu.trainingdata.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.trainingdata.model.NewItem;
import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.repository.TrainingItemRepository;
import dev.tianshu.trainingdata.repository.TrainingItemRepository.Change;
import dev.tianshu.trainingdata.repository.TrainingItemRepository.StoredItem;
import dev.tianshu.trainingdata.event.ChangePublisher;
import io.smallrye.mutiny.Uni;

/**
 * Creates, replaces and deletes training items: validates, embeds, writes item and change rows in one statement,
 * updates this replica's index at once and hands the changes to the outbox relay.
 */
@ApplicationScoped
public class TrainingDataService {

    /** What happened to one submitted item. {@code existed}: its content was already stored under that id. */
    public record ItemOutcome(int index, String typeName, Optional<String> id, boolean existed, String error) {

        public boolean success() {
            return id.isPresent();
        }
    }

    /** What happened to one id of a delete. */
    public record DeleteOutcome(List<String> deleted, List<String> missing) {
    }

    /** An update: the replaced id, the new one (equal when nothing changed), whether anything changed. */
    public record UpdateOutcome(String originalId, String newId, TrainingType type, boolean changed) {
    }

    private final TrainingItemRepository repository;
    private final EmbeddingService embeddings;
    private final SearchIndex index;
    private final ChangePublisher publisher;

    TrainingDataService(TrainingItemRepository repository, EmbeddingService embeddings, SearchIndex index,
            ChangePublisher publisher) {
        this.repository = repository;
        this.embeddings = embeddings;
        this.index = index;
        this.publisher = publisher;
    }

    /** Validates and stores the items; one outcome per item, in order. Items already stored are left as they are. */
    public Uni<List<ItemOutcome>> create(List<JsonNode> items, String source) {
        List<ItemValidator.Result> results = items.stream().map(item -> ItemValidator.validate(item, source)).toList();
        return store(results);
    }

    /** Stores already validated items (as {@link #create} does after validation). */
    public Uni<List<ItemOutcome>> store(List<ItemValidator.Result> results) {
        Map<String, NewItem> valid = new LinkedHashMap<>();
        for (ItemValidator.Result result : results) {
            result.item().ifPresent(item -> valid.putIfAbsent(item.id(), item));
        }
        List<NewItem> candidates = new ArrayList<>(valid.values());
        // items already stored (their ids derive from their content) are not embedded again: a reload is cheap
        Uni<Set<String>> created = candidates.isEmpty() ? Uni.createFrom().item(Set.of())
                : repository.existing(valid.keySet()).flatMap(stored -> {
                    List<NewItem> unique = candidates.stream().filter(i -> !stored.contains(i.id())).toList();
                    return unique.isEmpty() ? Uni.createFrom().item(Set.<String>of()) : insertNew(unique);
                });
        return created.map(newIds -> {
            List<ItemOutcome> outcomes = new ArrayList<>(results.size());
            Set<String> reported = new HashSet<>();
            for (int i = 0; i < results.size(); i++) {
                ItemValidator.Result result = results.get(i);
                if (result.item().isEmpty()) {
                    outcomes.add(new ItemOutcome(i, result.typeName(), Optional.empty(), false, result.error()));
                    continue;
                }
                String id = result.item().get().id();
                // the first occurrence of a new id created it; any repetition found it stored
                boolean existed = !newIds.contains(id) || !reported.add(id);
                outcomes.add(new ItemOutcome(i, result.typeName(), Optional.of(id), existed, null));
            }
            return outcomes;
        });
    }

    /** Embeds and inserts items not stored yet; the ids this call created (a concurrent writer may have won some). */
    private Uni<Set<String>> insertNew(List<NewItem> unique) {
        return embeddings.embedAll(unique.stream().map(NewItem::embeddingText).toList()).flatMap(vectors -> {
            List<StoredItem> stored = new ArrayList<>(unique.size());
            for (int i = 0; i < unique.size(); i++) {
                stored.add(new StoredItem(unique.get(i), vectors.get(i), embeddings.modelName()));
            }
            return repository.insertAll(stored).invoke(changes -> {
                stored.forEach(s -> index.put(s.item().id(), s.item().type(), s.embedding()));
                publishLater(changes);
            }).map(changes -> changes.stream().map(Change::itemId).collect(Collectors.toSet()));
        });
    }

    public Uni<DeleteOutcome> delete(List<String> ids) {
        List<String> unique = ids.stream().distinct().toList();
        return repository.deleteAll(unique).invoke(changes -> {
            changes.forEach(change -> index.remove(change.itemId()));
            publishLater(changes);
        }).map(changes -> {
            Set<String> deleted = changes.stream().map(Change::itemId).collect(Collectors.toSet());
            List<String> deletedInOrder = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String id : ids) {
                if (deleted.contains(id) && seen.add(id)) {
                    deletedInOrder.add(id);
                } else {
                    missing.add(id);
                }
            }
            return new DeleteOutcome(deletedInOrder, missing);
        });
    }

    /**
     * Replaces item {@code originalId} by {@code replacement}. Unchanged content keeps the id; otherwise the new
     * content gets its own id, in one statement with the removal of the old item.
     */
    public Uni<UpdateOutcome> update(String originalId, JsonNode replacement) {
        ItemValidator.Result result = ItemValidator.validate(replacement, "api");
        if (result.item().isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalidParams(result.error()));
        }
        NewItem item = result.item().get();
        if (item.id().equals(originalId)) {
            return repository.exists(originalId).map(exists -> {
                if (!exists) {
                    throw notFound(originalId);
                }
                return new UpdateOutcome(originalId, originalId, item.type(), false);
            });
        }
        return embeddings.embed(item.embeddingText()).flatMap(vector -> repository
                .replace(originalId, new StoredItem(item, vector, embeddings.modelName()))
                .map(change -> {
                    Change done = change.orElseThrow(() -> notFound(originalId));
                    index.remove(originalId);
                    index.put(item.id(), item.type(), vector);
                    publishLater(List.of(done));
                    return new UpdateOutcome(originalId, item.id(), item.type(), true);
                }));
    }

    public Uni<Long> count() {
        return repository.count();
    }

    /** Item counts per type, all four present. */
    public Uni<Map<TrainingType, Long>> countByType() {
        return repository.countByType();
    }

    private static ApiException notFound(String id) {
        return ApiException.invalidParams("原始记录 " + id + " 不存在", "id");
    }

    private void publishLater(List<Change> changes) {
        publisher.publish(changes).subscribe().with(sent -> {
        });
    }
}
