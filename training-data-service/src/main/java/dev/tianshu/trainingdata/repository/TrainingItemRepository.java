package dev.tianshu.trainingdata.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.trainingdata.model.NewItem;
import dev.tianshu.trainingdata.model.TrainingRecord;
import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.service.EmbeddingService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The training_item and training_change tables. Every write is one statement that changes the items and appends
 * its change rows together, so an item never changes without its change event being recorded.
 */
@ApplicationScoped
public class TrainingItemRepository {

    /** An item with its embedding, ready to be written. */
    public record StoredItem(NewItem item, float[] embedding, String model) {
    }

    /** A row of training_change: one created, updated or deleted item. */
    public record Change(long seq, String itemId, String op, JsonObject payload, OffsetDateTime occurredAt) {
    }

    /** An item's embedding as the search index needs it. */
    public record Embedded(String id, TrainingType type, float[] embedding, String model) {
    }

    /** A page of the query API: optional type and keyword filters, a whitelisted sort column. */
    public record PageQuery(Optional<TrainingType> type, Optional<String> keyword, SortColumn sortBy,
            boolean descending, int limit, long offset) {
    }

    public enum SortColumn {
        ID("id"),
        TRAINING_DATA_TYPE("training_data_type");

        private final String column;

        SortColumn(String column) {
            this.column = column;
        }
    }

    private static final String RETURNING_CHANGE = " RETURNING seq, item_id, op, payload, occurred_at";

    private static final String INSERT_ALL = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[], $7::text[])
                    AS t(id, training_data_type, question, content, embedding, embedding_model, source)),
            ins AS (
                INSERT INTO training_item (id, training_data_type, question, content, embedding, embedding_model, source)
                SELECT * FROM input
                ON CONFLICT (id) DO NOTHING
                RETURNING id, training_data_type, question, content, source)
            INSERT INTO training_change (item_id, op, payload)
            SELECT id, 'created', jsonb_build_object('op', 'created', 'id', id, 'training_data_type', training_data_type,
                    'question', question, 'content', content, 'source', source)
            FROM ins""" + RETURNING_CHANGE;

    private static final String DELETE_ALL = """
            WITH del AS (DELETE FROM training_item WHERE id = ANY($1) RETURNING id, training_data_type, source)
            INSERT INTO training_change (item_id, op, payload)
            SELECT id, 'deleted', jsonb_build_object('op', 'deleted', 'id', id, 'training_data_type', training_data_type,
                    'source', source)
            FROM del""" + RETURNING_CHANGE;

    private static final String REPLACE = """
            WITH del AS (DELETE FROM training_item WHERE id = $1 RETURNING id),
            ins AS (
                INSERT INTO training_item (id, training_data_type, question, content, embedding, embedding_model, source)
                SELECT $2, $3, $4, $5, $6, $7, $8 FROM del
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            INSERT INTO training_change (item_id, op, payload)
            SELECT $2, 'updated', jsonb_build_object('op', 'updated', 'id', $2::text, 'training_data_type', $3::text,
                    'question', $4::text, 'content', $5::text, 'source', $8::text, 'previous_id', $1::text)
            FROM del""" + RETURNING_CHANGE;

    private final Pool pool;

    TrainingItemRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the items not stored yet; the changes say which were new (the others already existed). */
    public Uni<List<Change>> insertAll(Collection<StoredItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = items.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] questions = new String[n];
        String[] contents = new String[n];
        Buffer[] embeddings = new Buffer[n];
        String[] models = new String[n];
        String[] sources = new String[n];
        int i = 0;
        for (StoredItem stored : items) {
            NewItem item = stored.item();
            ids[i] = item.id();
            types[i] = item.type().apiName();
            questions[i] = item.question();
            contents[i] = item.content();
            embeddings[i] = Buffer.buffer(EmbeddingService.toBytes(stored.embedding()));
            models[i] = stored.model();
            sources[i] = item.source();
            i++;
        }
        return pool.preparedQuery(INSERT_ALL)
                .execute(Tuple.tuple(List.of(ids, types, questions, contents, embeddings, models, sources)))
                .map(TrainingItemRepository::changes);
    }

    /** Deletes the items that exist; the changes say which did. */
    public Uni<List<Change>> deleteAll(Collection<String> ids) {
        return pool.preparedQuery(DELETE_ALL).execute(Tuple.of(ids.toArray(String[]::new)))
                .map(TrainingItemRepository::changes);
    }

    /**
     * Replaces item {@code oldId} by {@code replacement} in one statement. Empty when {@code oldId} does not exist.
     * If the replacement's content is already stored under its id, the old item is just removed.
     */
    public Uni<Optional<Change>> replace(String oldId, StoredItem replacement) {
        NewItem item = replacement.item();
        Tuple args = Tuple.tuple(List.of(oldId, item.id(), item.type().apiName()))
                .addString(item.question())
                .addString(item.content())
                .addBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(EmbeddingService.toBytes(replacement.embedding())))
                .addString(replacement.model())
                .addString(item.source());
        return pool.preparedQuery(REPLACE).execute(args)
                .map(rows -> changes(rows).stream().findFirst());
    }

    /** Which of these ids are stored. */
    public Uni<Set<String>> existing(Collection<String> ids) {
        return pool.preparedQuery("SELECT id FROM training_item WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(r -> found.add(r.getString("id")));
                    return found;
                });
    }

    public Uni<Boolean> exists(String id) {
        return pool.preparedQuery("SELECT 1 FROM training_item WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() > 0);
    }

    /** All items (from the trigger-maintained counters, no scan). */
    public Uni<Long> count() {
        return pool.query("SELECT coalesce(sum(n), 0)::bigint FROM training_type_count").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Items per type (from the trigger-maintained counters, no scan). */
    public Uni<Map<TrainingType, Long>> countByType() {
        return pool.query("SELECT training_data_type, n FROM training_type_count")
                .execute()
                .map(rows -> {
                    Map<TrainingType, Long> counts = new EnumMap<>(TrainingType.class);
                    for (TrainingType type : TrainingType.values()) {
                        counts.put(type, 0L);
                    }
                    for (Row row : rows) {
                        TrainingType.ofApiName(row.getString(0)).ifPresent(t -> counts.put(t, row.getLong(1)));
                    }
                    return counts;
                });
    }

    /** When the training data last changed (created, updated or deleted), if ever. */
    public Uni<Optional<OffsetDateTime>> lastChange() {
        return pool.query("SELECT occurred_at FROM training_change ORDER BY seq DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime(0)));
    }

    public Uni<Long> count(PageQuery query) {
        if (query.keyword().isEmpty()) {
            return query.type().isEmpty() ? count()
                    : countByType().map(counts -> counts.getOrDefault(query.type().get(), 0L));
        }
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        return pool.preparedQuery("SELECT count(*) FROM training_item" + where).execute(Tuple.tuple(args))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<TrainingRecord>> page(PageQuery query) {
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        String direction = query.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + query.sortBy().column + direction
                + (query.sortBy() == SortColumn.ID ? "" : ", id" + direction);
        args.add(query.limit());
        args.add(query.offset());
        String sql = "SELECT id, training_data_type, question, content FROM training_item" + where + order
                + " LIMIT $" + (args.size() - 1) + " OFFSET $" + args.size();
        return pool.preparedQuery(sql).execute(Tuple.tuple(args)).map(TrainingItemRepository::records);
    }

    /** The items with these ids that exist, in no particular order. */
    public Uni<List<TrainingRecord>> findAll(Collection<String> ids) {
        return pool.preparedQuery("SELECT id, training_data_type, question, content FROM training_item WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(TrainingItemRepository::records);
    }

    /** The embeddings of the items with these ids that exist. */
    public Uni<List<Embedded>> embeddings(Collection<String> ids) {
        return pool.preparedQuery("SELECT id, training_data_type, embedding, embedding_model FROM training_item"
                + " WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(TrainingItemRepository::embedded);
    }

    /** One page of all embeddings in id order, after {@code afterId} ("" for the first page). */
    public Uni<List<Embedded>> embeddingsAfter(String afterId, int limit) {
        return pool.preparedQuery("SELECT id, training_data_type, embedding, embedding_model FROM training_item"
                + " WHERE id > $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(afterId, limit))
                .map(TrainingItemRepository::embedded);
    }

    /** Items whose embedding is missing or of another model, to be embedded again. */
    public Uni<List<TrainingRecord>> withStaleEmbedding(String model, int limit) {
        return pool.preparedQuery("SELECT id, training_data_type, question, content FROM training_item"
                + " WHERE embedding IS NULL OR embedding_model IS DISTINCT FROM $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(model, limit))
                .map(TrainingItemRepository::records);
    }

    /**
     * Stores new embeddings of existing items (after a change of model), with an "updated" change per item so that
     * every replica re-reads them.
     */
    public Uni<List<Change>> updateEmbeddings(List<String> ids, List<float[]> embeddings, String model) {
        Buffer[] vectors = embeddings.stream().map(v -> Buffer.buffer(EmbeddingService.toBytes(v))).toArray(Buffer[]::new);
        return pool.preparedQuery("""
                WITH input AS (SELECT * FROM unnest($1::text[], $2::bytea[]) AS t(id, embedding)),
                upd AS (
                    UPDATE training_item i SET embedding = input.embedding, embedding_model = $3
                    FROM input WHERE i.id = input.id
                    RETURNING i.id, i.training_data_type, i.question, i.content, i.source)
                INSERT INTO training_change (item_id, op, payload)
                SELECT id, 'updated', jsonb_build_object('op', 'updated', 'id', id, 'training_data_type',
                        training_data_type, 'question', question, 'content', content, 'source', source,
                        'previous_id', id)
                FROM upd""" + RETURNING_CHANGE)
                .execute(Tuple.of(ids.toArray(String[]::new), vectors, model))
                .map(TrainingItemRepository::changes);
    }

    /** Changes not yet acknowledged by Kafka that are older than {@code olderThanSeconds}. */
    public Uni<List<Change>> unpublished(long olderThanSeconds, int limit) {
        return pool.preparedQuery("SELECT seq, item_id, op, payload, occurred_at FROM training_change"
                + " WHERE published_at IS NULL AND occurred_at < clock_timestamp() - make_interval(secs => $1)"
                + " ORDER BY seq LIMIT $2")
                .execute(Tuple.of((double) olderThanSeconds, limit))
                .map(TrainingItemRepository::changes);
    }

    public Uni<Void> markPublished(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE training_change SET published_at = clock_timestamp() WHERE seq = ANY($1)")
                .execute(Tuple.of(seqs.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static String where(PageQuery query, List<Object> args) {
        StringBuilder where = new StringBuilder();
        query.type().ifPresent(type -> {
            args.add(type.apiName());
            where.append(" WHERE training_data_type = $").append(args.size());
        });
        query.keyword().ifPresent(keyword -> {
            where.append(where.length() == 0 ? " WHERE " : " AND ");
            if (keyword.codePointCount(0, keyword.length()) < 3) {
                // no trigram in it: a trigram index would read all of itself, a plain substring scan is faster
                args.add(keyword);
                where.append("strpos(search_text, lower($").append(args.size()).append(")) > 0");
            } else {
                args.add("%" + escapeLike(keyword) + "%");
                where.append("search_text LIKE lower($").append(args.size()).append(") ESCAPE '\\'");
            }
        });
        return where.toString();
    }

    /** The keyword as a literal LIKE pattern: %, _ and the escape character itself match only themselves. */
    static String escapeLike(String keyword) {
        return keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<Change> changes(RowSet<Row> rows) {
        List<Change> changes = new ArrayList<>(rows.size());
        for (Row row : rows) {
            changes.add(new Change(row.getLong("seq"), row.getString("item_id"), row.getString("op"),
                    row.getJsonObject("payload"), row.getOffsetDateTime("occurred_at")));
        }
        return changes;
    }

    private static List<TrainingRecord> records(RowSet<Row> rows) {
        List<TrainingRecord> records = new ArrayList<>(rows.size());
        for (Row row : rows) {
            records.add(new TrainingRecord(row.getString(0), row.getString(1), row.getString(2), row.getString(3)));
        }
        return records;
    }

    private static List<Embedded> embedded(RowSet<Row> rows) {
        List<Embedded> embedded = new ArrayList<>(rows.size());
        for (Row row : rows) {
            TrainingType type = TrainingType.ofApiName(row.getString(1)).orElseThrow();
            io.vertx.mutiny.core.buffer.Buffer bytes = row.getBuffer(2);
            embedded.add(new Embedded(row.getString(0), type,
                    bytes == null ? null : EmbeddingService.fromBytes(bytes.getBytes()), row.getString(3)));
        }
        return embedded;
    }
}
