package dev.tianshu.trainingdata.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.common.training.TrainingEvents;
import dev.tianshu.trainingdata.config.TrainingDataConfig;
import dev.tianshu.trainingdata.repository.TrainingItemRepository;
import dev.tianshu.trainingdata.repository.TrainingItemRepository.Change;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.core.Vertx;

/**
 * Relays training_change rows to the changes topic (a transactional outbox): the request that wrote a change
 * publishes it at once; a periodic sweep publishes whatever was left unpublished by a failed send or a crash. A row is
 * marked published only after Kafka acknowledged it, so every change reaches the topic at least once. The event id
 * is derived from the row, so a change published twice carries the same event id.
 */
@ApplicationScoped
public class ChangePublisher {

    private static final Logger LOG = Logger.getLogger(ChangePublisher.class);
    private static final int SWEEP_BATCH = 200;

    private final MutinyEmitter<Record<String, EventEnvelope>> emitter;
    private final TrainingItemRepository repository;
    private final ObjectMapper mapper;
    private final TrainingDataConfig.Outbox config;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long timer = -1;

    ChangePublisher(@Channel("training-changes-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<Record<String, EventEnvelope>> emitter, TrainingItemRepository repository,
            ObjectMapper mapper, TrainingDataConfig config) {
        this.emitter = emitter;
        this.repository = repository;
        this.mapper = mapper;
        this.config = config.outbox();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        timer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep().subscribe().with(
                published -> {
                    if (published > 0) {
                        LOG.infof("outbox sweep published %d change events", published);
                    }
                },
                failure -> LOG.warnf("outbox sweep failed: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Publishes these changes and marks them published; the number acknowledged. Never fails: what is not sent is
     * left to the sweep.
     */
    public Uni<Integer> publish(List<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Long>> sends = new ArrayList<>(changes.size());
        for (Change change : changes) {
            sends.add(emitter.send(Record.of(change.itemId(), envelope(change)))
                    .replaceWith(change.seq())
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("change %d not published yet: %s", change.seq(), e.getMessage());
                        return null;
                    }));
        }
        return Uni.join().all(sends).andCollectFailures().flatMap(seqs -> {
            List<Long> acknowledged = seqs.stream().filter(seq -> seq != null).toList();
            return repository.markPublished(acknowledged).replaceWith(acknowledged.size());
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("marking changes published failed: %s", e.getMessage());
            return 0;
        });
    }

    /** Publishes unpublished changes older than the sweep delay; the number published. */
    public Uni<Integer> sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return sweepFrom(0).eventually(() -> sweeping.set(false));
    }

    private Uni<Integer> sweepFrom(int published) {
        return repository.unpublished(config.sweepDelay().toSeconds(), SWEEP_BATCH).flatMap(changes -> {
            if (changes.isEmpty()) {
                return Uni.createFrom().item(published);
            }
            return publish(changes).flatMap(sent -> sent < SWEEP_BATCH ? Uni.createFrom().item(published + sent)
                    : sweepFrom(published + sent));
        });
    }

    EventEnvelope envelope(Change change) {
        String type = switch (change.op()) {
            case "created" -> TrainingEvents.ITEM_CREATED;
            case "updated" -> TrainingEvents.ITEM_UPDATED;
            default -> TrainingEvents.ITEM_DELETED;
        };
        UUID eventId = UUID.nameUUIDFromBytes(("training_change:" + change.seq()).getBytes(StandardCharsets.UTF_8));
        JsonNode payload;
        try {
            payload = mapper.readTree(change.payload().encode());
        } catch (Exception e) {
            throw new IllegalStateException("change " + change.seq() + " has an unreadable payload", e);
        }
        return new EventEnvelope(eventId, type, change.occurredAt().toInstant(), TrainingEvents.VERSION,
                change.itemId(), payload);
    }
}
