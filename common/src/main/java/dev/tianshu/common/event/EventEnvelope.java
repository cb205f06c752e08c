package dev.tianshu.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What travels on every Kafka topic of the suite: an immutable envelope around one domain event. The Kafka record is
 * keyed by {@link #aggregateId()}, so all events of one aggregate (a task, a training item, an execution) stay in
 * order on one partition. Consumers deduplicate by {@link #eventId()}; {@link #version()} is the version of the
 * payload's schema for {@link #type()}.
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        Instant occurredAt,
        int version,
        String aggregateId,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    /** A new envelope with a fresh event id, stamped now. */
    public static EventEnvelope of(String type, int version, String aggregateId, Object payload, ObjectMapper mapper) {
        return new EventEnvelope(UUID.randomUUID(), type, Instant.now(), version, aggregateId,
                mapper.valueToTree(payload));
    }

    /** The payload as the record of its type. */
    public <T> T payloadAs(Class<T> payloadType, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(payload, payloadType);
        } catch (Exception e) {
            throw new IllegalArgumentException("event " + eventId + " of type " + type
                    + " does not carry a " + payloadType.getSimpleName(), e);
        }
    }
}
