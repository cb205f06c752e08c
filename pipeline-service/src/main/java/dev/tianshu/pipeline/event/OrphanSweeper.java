package dev.tianshu.pipeline.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.repository.OutboxRepository;
import dev.tianshu.pipeline.repository.OutboxRepository.Pending;
import dev.tianshu.pipeline.repository.RunRepository;
import dev.tianshu.pipeline.repository.RunRepository.Orphan;
import dev.tianshu.pipeline.service.ExecutionService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Keeps executions going when a replica dies or an event is lost: every sweep interval, each replica requests again
 * the steps whose heartbeat is older than the lease (their owner is gone) or whose request was never claimed,
 * publishes outbox events a crash left unpublished, and handles again the last outcome of an execution that has not
 * moved on for 30 s (its outcome event was lost, e.g. while the database was down). Replicas race safely: each transition is a conditional UPDATE.
 */
@ApplicationScoped
public class OrphanSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class);
    /** A request nobody claimed within this time is sent again. */
    private static final long UNCLAIMED_MILLIS = 60_000;
    /** An ended step whose execution has not moved on for this long lost its outcome event. */
    private static final long STALLED_MILLIS = 30_000;

    private final RunRepository runs;
    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final ExecutionService executions;
    private final PipelineConfig.Execution config;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long timer = -1;

    OrphanSweeper(RunRepository runs, OutboxRepository outbox, EventPublisher publisher, ExecutionService executions,
            PipelineConfig config) {
        this.executions = executions;
        this.runs = runs;
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config.execution();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        timer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep().subscribe().with(
                n -> {
                    if (n > 0) {
                        LOG.infof("requested %d orphaned steps again", n);
                    }
                },
                e -> LOG.warnf("sweep failed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One sweep; the number of steps requested again. */
    public Uni<Integer> sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return runs.pool().withTransaction(c -> runs.orphans(c, config.lease().toMillis(), UNCLAIMED_MILLIS)
                .flatMap(orphans -> {
                    List<Uni<Pending>> adds = new ArrayList<>();
                    for (Orphan o : orphans) {
                        LOG.infof("step %s of %s has no live owner; requesting it again", o.step(), o.taskId());
                        adds.add(outbox.add(c, PipelineEvents.STEP_REQUESTS_TOPIC, o.taskId(),
                                executions.requested(o.taskId(), o.runId(), o.step(), o.executionMode())));
                    }
                    return adds.isEmpty() ? Uni.createFrom().item(List.<Pending>of())
                            : Uni.join().all(adds).andFailFast();
                }))
                .flatMap(pending -> publisher.publish(pending).replaceWith(pending.size()))
                .flatMap(n -> publisher.sweep(config.heartbeat().toMillis()).replaceWith(n))
                .flatMap(n -> runs.stalled(STALLED_MILLIS).flatMap(stalled -> {
                    if (stalled.isEmpty()) {
                        return Uni.createFrom().item(n);
                    }
                    // the outcome is handled again; handling it is idempotent
                    return Multi.createFrom().iterable(stalled)
                            .onItem().transformToUniAndConcatenate(st -> executions.onOutcome(new StepOutcome(
                                    st.taskId(), st.runId(), st.step(), st.status(), null, st.attempt())))
                            .collect().asList().replaceWith(n + stalled.size());
                }))
                .eventually(() -> sweeping.set(false));
    }
}
