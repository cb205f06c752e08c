package dev.tianshu.pipeline.service;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.event.EventPublisher;
import dev.tianshu.pipeline.event.PipelineEvents;
import dev.tianshu.pipeline.event.StepOutcome;
import dev.tianshu.pipeline.event.StepRequested;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.OutboxRepository;
import dev.tianshu.pipeline.repository.OutboxRepository.Pending;
import dev.tianshu.pipeline.repository.RunRepository;
import dev.tianshu.pipeline.repository.RunRepository.Claim;
import dev.tianshu.pipeline.repository.TaskFileRepository;
import dev.tianshu.pipeline.repository.TaskLogRepository;
import dev.tianshu.pipeline.repository.TaskRepository;
import dev.tianshu.pipeline.repository.TaskRow;
import dev.tianshu.pipeline.step.PipelineStep;
import dev.tianshu.pipeline.step.StepContext;
import dev.tianshu.pipeline.step.StepFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs the steps requested of this replica: claims the step in the database (so a duplicate or stale request runs
 * nothing), runs it in the background with a heartbeat that records its progress and flushes its log, then records
 * its outcome and publishes it (outbox). If this replica dies, the heartbeat stops and another replica (or this one
 * after a restart) requests the step again once the lease has passed.
 */
@ApplicationScoped
public class StepRunner {

    private static final Logger LOG = Logger.getLogger(StepRunner.class);

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final RunRepository runs;
    private final TaskRepository tasks;
    private final TaskFileRepository files;
    private final TaskLogRepository logs;
    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final ObjectMapper mapper;
    private final PipelineConfig.Execution config;
    private final Vertx vertx;
    private final Map<StepName, PipelineStep> steps;

    StepRunner(RunRepository runs, TaskRepository tasks, TaskFileRepository files, TaskLogRepository logs,
            OutboxRepository outbox, EventPublisher publisher, ObjectMapper mapper, PipelineConfig config, Vertx vertx,
            Instance<PipelineStep> steps) {
        this.runs = runs;
        this.tasks = tasks;
        this.files = files;
        this.logs = logs;
        this.outbox = outbox;
        this.publisher = publisher;
        this.mapper = mapper;
        this.config = config.execution();
        this.vertx = vertx;
        this.steps = steps.stream().collect(Collectors.toMap(PipelineStep::name, Function.identity()));
    }

    /**
     * Claims the requested step; completes once claimed (or found not claimable), while the step itself goes on in
     * the background.
     */
    public Uni<Void> accept(StepRequested request) {
        Optional<StepName> name = StepName.ofApiName(request.step());
        if (name.isEmpty() || !steps.containsKey(name.get())) {
            LOG.warnf("ignored a request for unknown step %s of %s", request.step(), request.taskId());
            return Uni.createFrom().voidItem();
        }
        String executionId = request.taskId() + "_step_" + request.step() + "_exec_" + Timestamps.compactNow();
        return runs.claim(request.taskId(), request.runId(), request.step(), owner, executionId,
                config.lease().toMillis()).flatMap(claim -> {
                    if (claim.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return tasks.find(request.taskId()).invoke(task -> task.ifPresent(t ->
                            run(t, request, steps.get(name.get()), claim.get()).subscribe().with(
                                    x -> { }, e -> LOG.errorf(e, "step %s of %s ended abnormally", request.step(),
                                            request.taskId()))))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> run(TaskRow task, StepRequested request, PipelineStep step, Claim claim) {
        String taskId = task.taskId();
        BufferedTaskLog log = new BufferedTaskLog(taskId, request.step(), logs);
        TrackedProgress progress = new TrackedProgress();
        StepContext context = new StepContext(taskId, request.runId().toString(), claim.executionId(), step.name(),
                task.parameters(), new DbTaskFiles(taskId, files), log, progress);
        log.info(null, "[" + request.step() + "] 开始执行步骤: " + request.step()
                + (claim.attempt() > 1 ? "（第 " + claim.attempt() + " 次尝试，上次执行未完成）" : ""));
        long started = System.nanoTime();
        long timer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> runs.heartbeat(taskId, request.step(),
                owner, claim.attempt(), progress.snapshot())
                .flatMap(alive -> log.flush().replaceWith(alive))
                .subscribe().with(alive -> {
                    if (!alive) {
                        LOG.warnf("step %s of %s was taken over by another owner", request.step(), taskId);
                    }
                }, e -> LOG.warnf("heartbeat of %s/%s failed: %s", taskId, request.step(), e.getMessage())));
        Uni<Map<String, Object>> work;
        try {
            work = step.run(context);
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        return work
                .map(result -> new Ended(true, new JsonObject(mapper.convertValue(result, Map.class)), null))
                .onFailure().recoverWithItem(e -> {
                    String message = e instanceof StepFailure ? e.getMessage()
                            : "步骤执行失败: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    if (!(e instanceof StepFailure)) {
                        LOG.errorf(e, "step %s of %s failed", request.step(), taskId);
                    }
                    return new Ended(false, null, DbConnection.maskAll(message));
                })
                .flatMap(ended -> {
                    vertx.cancelTimer(timer);
                    double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
                    if (ended.completed()) {
                        log.info(null, "[" + request.step() + "] 步骤执行完成: " + request.step() + "，耗时 "
                                + String.format("%.2f", seconds) + "秒");
                    } else {
                        log.error(null, "[" + request.step() + "] 步骤执行失败: " + ended.error());
                    }
                    return log.flush().flatMap(x -> finish(task, request, claim, ended, progress));
                });
    }

    private record Ended(boolean completed, JsonObject result, String error) {
    }

    private Uni<Void> finish(TaskRow task, StepRequested request, Claim claim, Ended ended, TrackedProgress progress) {
        StepOutcome outcome = new StepOutcome(task.taskId(), request.runId(), request.step(),
                ended.completed() ? "completed" : "failed", ended.error(), claim.attempt());
        EventEnvelope envelope = EventEnvelope.of(ended.completed() ? PipelineEvents.STEP_COMPLETED
                : PipelineEvents.STEP_FAILED, PipelineEvents.VERSION, task.taskId(), outcome, mapper);
        return runs.pool().withTransaction(c -> runs.finish(c, task.taskId(), request.step(), owner, claim.attempt(),
                ended.completed(), ended.result(), ended.error(), progress.snapshot())
                .flatMap(mine -> mine ? outbox.add(c, PipelineEvents.STEP_OUTCOMES_TOPIC, task.taskId(), envelope)
                        .map(Optional::of) : Uni.createFrom().item(Optional.<Pending>empty())))
                .flatMap(pending -> pending.isPresent() ? publisher.publish(pending.get()).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    public String owner() {
        return owner;
    }
}
