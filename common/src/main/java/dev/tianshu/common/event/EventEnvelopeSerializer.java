package dev.tianshu.common.event;

import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/** Kafka value serializer for {@link EventEnvelope} (JSON, with the application's ObjectMapper). */
public class EventEnvelopeSerializer extends ObjectMapperSerializer<EventEnvelope> {
}
