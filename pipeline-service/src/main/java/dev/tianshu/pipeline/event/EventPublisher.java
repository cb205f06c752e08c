package dev.tianshu.pipeline.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.pipeline.repository.OutboxRepository;
import dev.tianshu.pipeline.repository.OutboxRepository.Pending;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends events to Kafka. Outbox events are marked published once Kafka acknowledged them; what a failed send or a
 * crash left behind is sent by {@link #sweep()}. Every record is keyed by its aggregate (the task id).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final int SWEEP_BATCH = 200;

    private final MutinyEmitter<EventEnvelope> emitter;
    private final OutboxRepository outbox;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    EventPublisher(@Channel("pipeline-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<EventEnvelope> emitter, OutboxRepository outbox) {
        this.emitter = emitter;
        this.outbox = outbox;
    }

    /** Sends one event (not through the outbox); completes when Kafka acknowledged it. */
    public Uni<Void> send(String topic, String key, EventEnvelope envelope) {
        return emitter.sendMessage(Message.of(envelope).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build()));
    }

    /** Publishes outbox events and marks them; never fails (what is not sent is left to the sweep). */
    public Uni<Integer> publish(List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Long>> sends = new ArrayList<>(events.size());
        for (Pending e : events) {
            sends.add(send(e.topic(), e.key(), e.envelope()).replaceWith(e.id())
                    .onFailure().recoverWithItem(f -> {
                        LOG.warnf("event %d not published yet: %s", e.id(), f.getMessage());
                        return null;
                    }));
        }
        return Uni.join().all(sends).andCollectFailures().flatMap(ids -> {
            List<Long> sent = ids.stream().filter(id -> id != null).toList();
            return outbox.markPublished(sent).replaceWith(sent.size());
        }).onFailure().recoverWithItem(f -> {
            LOG.warnf("marking events published failed: %s", f.getMessage());
            return 0;
        });
    }

    public Uni<Integer> publish(Pending event) {
        return publish(List.of(event));
    }

    /** Publishes unpublished outbox events older than {@code ageMillis}. */
    public Uni<Integer> sweep(long ageMillis) {
        if (!sweeping.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return outbox.unpublished(ageMillis, SWEEP_BATCH).flatMap(this::publish)
                .eventually(() -> sweeping.set(false));
    }
}
