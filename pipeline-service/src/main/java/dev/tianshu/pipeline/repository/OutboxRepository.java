package dev.tianshu.pipeline.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Events waiting to be published (transactional outbox). */
@ApplicationScoped
public class OutboxRepository {

    public record Pending(long id, String topic, String key, EventEnvelope envelope) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;

    OutboxRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Adds an event in the caller's transaction. */
    public Uni<Pending> add(SqlClient client, String topic, String key, EventEnvelope envelope) {
        JsonObject json;
        try {
            json = new JsonObject(mapper.writeValueAsString(envelope));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return client.preparedQuery("INSERT INTO outbox (topic, record_key, envelope) VALUES ($1, $2, $3) RETURNING id")
                .execute(Tuple.of(topic, key, json))
                .map(rows -> new Pending(rows.iterator().next().getLong("id"), topic, key, envelope));
    }

    /** Unpublished events older than {@code ageMillis}, oldest first. */
    public Uni<List<Pending>> unpublished(long ageMillis, int limit) {
        return pool.preparedQuery("SELECT id, topic, record_key, envelope FROM outbox WHERE published_at IS NULL "
                + "AND created_at < clock_timestamp() - $1 * interval '1 millisecond' ORDER BY id LIMIT $2")
                .execute(Tuple.of(ageMillis, limit))
                .map(rows -> TaskRepository.map(rows, r -> {
                    try {
                        return new Pending(r.getLong("id"), r.getString("topic"), r.getString("record_key"),
                                mapper.readValue(r.getJsonObject("envelope").encode(), EventEnvelope.class));
                    } catch (Exception e) {
                        throw new IllegalStateException("outbox row " + r.getLong("id") + " is unreadable", e);
                    }
                }));
    }

    public Uni<Void> markPublished(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).replaceWithVoid();
    }
}
