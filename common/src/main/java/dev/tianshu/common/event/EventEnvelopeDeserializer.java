package dev.tianshu.common.event;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Kafka value deserializer for {@link EventEnvelope}. */
public class EventEnvelopeDeserializer extends ObjectMapperDeserializer<EventEnvelope> {

    public EventEnvelopeDeserializer() {
        super(EventEnvelope.class);
    }
}
