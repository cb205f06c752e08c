package dev.tianshu.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * An event envelope goes out through SmallRye Reactive Messaging to the real Kafka broker and comes back in,
 * keyed by its aggregate id, with every field intact (channels in src/test/resources/application-test.properties).
 */
@QuarkusTest
class EventRoundTripTest {

    record Probe(String taskId, int tables) {
    }

    @ApplicationScoped
    static class ProbeChannels {
        private final List<Record<String, EventEnvelope>> received = new CopyOnWriteArrayList<>();

        @Inject
        @Channel("backbone-probe-out")
        MutinyEmitter<Record<String, EventEnvelope>> out;

        void send(EventEnvelope event) {
            out.sendAndAwait(Record.of(event.aggregateId(), event));
        }

        @Incoming("backbone-probe-in")
        void receive(Record<String, EventEnvelope> record) {
            received.add(record);
        }

        Optional<Record<String, EventEnvelope>> received(UUID eventId) {
            return received.stream().filter(r -> r.value().eventId().equals(eventId)).findFirst();
        }
    }

    @Inject
    ProbeChannels channels;

    @Inject
    ObjectMapper mapper;

    @Test
    void envelopeTravelsThroughKafkaKeyedByAggregate() {
        EventEnvelope sent = EventEnvelope.of("BackboneProbed", 1, "task_20250101_000000",
                new Probe("task_20250101_000000", 7), mapper);

        channels.send(sent);

        Record<String, EventEnvelope> got = await().atMost(Duration.ofSeconds(30))
                .until(() -> channels.received(sent.eventId()), Optional::isPresent).orElseThrow();
        assertEquals(sent.aggregateId(), got.key());
        assertEquals(sent, got.value());
        assertEquals(new Probe("task_20250101_000000", 7), got.value().payloadAs(Probe.class, mapper));
        assertEquals(Map.of("taskId", "task_20250101_000000", "tables", 7),
                mapper.convertValue(got.value().payload(), Map.class));
    }
}
