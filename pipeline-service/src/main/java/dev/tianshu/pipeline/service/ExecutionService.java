package dev.tianshu.pipeline.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.pipeline.event.EventPublisher;
import dev.tianshu.pipeline.event.PipelineEvents;
import dev.tianshu.pipeline.event.StepOutcome;
import dev.tianshu.pipeline.event.StepRequested;
import dev.tianshu.pipeline.model.PrettyJson;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.TaskParameters;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.OutboxRepository;
import dev.tianshu.pipeline.repository.OutboxRepository.Pending;
import dev.tianshu.pipeline.repository.RunRepository;
import dev.tianshu.pipeline.repository.StepRow;
import dev.tianshu.pipeline.repository.TaskFileRepository;
import dev.tianshu.pipeline.repository.TaskLogRepository;
import dev.tianshu.pipeline.repository.TaskRepository;
import dev.tianshu.pipeline.repository.TaskRow;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Orchestrates executions: {@link #execute} starts one and requests its first step; {@link #onOutcome} requests the
 * next step when one ends, or ends the task. State changes and the events they cause are written in one transaction
 * (the events through the outbox) and published after commit.
 */
@ApplicationScoped
public class ExecutionService {

    static final String TASK_DIRECTORY = "data_pipeline/training_data/";

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final TaskFileRepository files;
    private final TaskLogRepository logs;
    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final ObjectMapper mapper;

    ExecutionService(RunRepository runs, TaskRepository tasks, TaskFileRepository files, TaskLogRepository logs,
            OutboxRepository outbox, EventPublisher publisher, ObjectMapper mapper) {
        this.runs = runs;
        this.tasks = tasks;
        this.files = files;
        this.logs = logs;
        this.outbox = outbox;
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /**
     * Starts an execution: all enabled steps in order ({@code step == null}), or one step. 404 for an unknown task,
     * 409 while the task is being executed.
     */
    public Uni<TaskRow> execute(String taskId, StepName step) {
        UUID runId = UUID.randomUUID();
        String mode = step == null ? "complete" : "step";
        BufferedTaskLog log = new BufferedTaskLog(taskId, null, logs);
        return tasks.require(taskId).flatMap(before -> {
            TaskParameters parameters = before.parameters();
            List<String> skipped = new ArrayList<>();
            if (step == null && !parameters.enableSqlValidation()) {
                skipped.add(StepName.SQL_VALIDATION.apiName());
            }
            if (step == null && !parameters.enableTrainingDataLoad()) {
                skipped.add(StepName.TRAINING_LOAD.apiName());
            }
            StepName first = step == null ? StepName.DDL_GENERATION : step;
            return runs.pool().withTransaction(c -> runs.start(c, taskId, runId, mode, step == null ? null
                    : step.apiName(), skipped).flatMap(started -> {
                        if (started.isEmpty()) {
                            return Uni.createFrom().failure(ApiException.conflict("任务正在执行中，请等待当前执行完成后再试"));
                        }
                        TaskRow task = started.get();
                        Uni<Void> prepare = step == null ? prepareDirectory(c, task, parameters)
                                : Uni.createFrom().voidItem();
                        return prepare.flatMap(x -> runs.request(c, taskId, runId, first.apiName()))
                                .flatMap(x -> outbox.add(c, PipelineEvents.STEP_REQUESTS_TOPIC, taskId,
                                        requested(taskId, runId, first.apiName(), mode)))
                                .map(pending -> new Object[] {task, pending});
                    }))
                    .flatMap(pair -> {
                        TaskRow task = (TaskRow) pair[0];
                        log.info(null, "任务目录日志初始化完成 - 任务ID: " + taskId);
                        log.info(null, "任务参数: " + new JsonObject(parameters.toMaskedMap()).encode());
                        log.info(null, step == null ? "完整工作流任务开始执行" : "单步执行任务开始: " + step.apiName());
                        return log.flush().flatMap(x -> publisher.publish((Pending) pair[1])).replaceWith(task);
                    });
        });
    }

    /** Complete mode: earlier outputs move to file_bak_&lt;ts&gt;/ (table_list.txt stays), task_config.json. */
    private Uni<Void> prepareDirectory(SqlClient c, TaskRow task, TaskParameters parameters) {
        String dir = "file_bak_" + Timestamps.compactNow() + "_" + UUID.randomUUID().toString().substring(0, 4);
        return files.moveAllInto(c, task.taskId(), dir, List.of("table_list.txt")).flatMap(moved -> {
            Uni<Void> backup = Uni.createFrom().voidItem();
            if (!moved.isEmpty()) {
                JsonObject info = new JsonObject().put("backup_time", Timestamps.isoNow())
                        .put("backup_directory", dir).put("moved_files", moved).put("failed_files", List.of())
                        .put("task_id", task.taskId());
                backup = files.write(c, task.taskId(), dir + "/backup_info.json", bytes(info));
            }
            JsonObject config = new JsonObject().put("task_id", task.taskId())
                    .put("created_at", Timestamps.iso(task.createdAt()))
                    .put("parameters", new JsonObject(parameters.toMaskedMap()))
                    .put("output_directory", TASK_DIRECTORY + task.taskId());
            return backup.flatMap(x -> files.write(c, task.taskId(), "task_config.json", bytes(config)));
        });
    }

    /** A step ended: request the next step of a complete execution, or end the task. */
    public Uni<Void> onOutcome(StepOutcome outcome) {
        BufferedTaskLog log = new BufferedTaskLog(outcome.taskId(), outcome.step(), logs);
        return runs.pool().withTransaction(c -> runs.lock(c, outcome.taskId()).flatMap(found -> {
            Optional<TaskRow> task = found.filter(t -> t.running() && outcome.runId().equals(t.runId()));
            if (task.isEmpty()) {
                return Uni.createFrom().item(Optional.<Pending>empty());
            }
            return runs.steps(c, outcome.taskId()).flatMap(steps -> advance(c, task.get(), steps, outcome, log));
        })).flatMap(pending -> log.flush().flatMap(x -> pending.isPresent() ? publisher.publish(pending.get())
                .replaceWithVoid() : Uni.createFrom().voidItem()));
    }

    private Uni<Optional<Pending>> advance(SqlClient c, TaskRow task, List<StepRow> steps, StepOutcome outcome,
            BufferedTaskLog log) {
        String taskId = task.taskId();
        StepRow ended = steps.stream().filter(s -> s.stepName().equals(outcome.step())).findFirst().orElse(null);
        if (ended == null || !("completed".equals(ended.stepStatus()) || "failed".equals(ended.stepStatus()))) {
            return Uni.createFrom().item(Optional.empty());
        }
        if ("step".equals(task.executionMode())) {
            String status = stepModeStatus(steps);
            log.info(null, "单步执行完成: " + outcome.step() + "，任务状态: " + status);
            JsonObject result = ended.result() == null ? new JsonObject() : ended.result();
            return files.write(c, taskId, outcome.step() + "_result.json", bytes(result))
                    .flatMap(x -> runs.end(c, taskId, status, "failed".equals(status) ? firstError(steps) : null,
                            TaskResults.of(steps, !"failed".equals(status))))
                    .replaceWith(Optional.empty());
        }
        if ("failed".equals(ended.stepStatus())) {
            log.error(null, "完整工作流执行失败，步骤 " + outcome.step() + ": " + ended.errorMessage());
            return runs.end(c, taskId, "failed", ended.errorMessage(), TaskResults.of(steps, false))
                    .replaceWith(Optional.empty());
        }
        Optional<StepRow> next = steps.stream()
                .filter(s -> s.stepOrder() > ended.stepOrder() && !"skipped".equals(s.stepStatus())).findFirst();
        if (next.isPresent()) {
            if (!"pending".equals(next.get().stepStatus()) || next.get().requestedAt() != null) {
                // a redelivered outcome: the next step was requested already
                return Uni.createFrom().item(Optional.empty());
            }
            String step = next.get().stepName();
            return runs.request(c, taskId, task.runId(), step)
                    .flatMap(x -> outbox.add(c, PipelineEvents.STEP_REQUESTS_TOPIC, taskId,
                            requested(taskId, task.runId(), step, "complete")))
                    .map(Optional::of);
        }
        JsonObject result = TaskResults.of(steps, true);
        log.info(null, "完整工作流任务执行完成");
        return files.write(c, taskId, "task_result.json", bytes(result))
                .flatMap(x -> runs.end(c, taskId, "completed", null, result))
                .replaceWith(Optional.empty());
    }

    /** The original's rule: any failed → failed; ddl and qa completed and ≥ 3 completed → completed; else partial. */
    static String stepModeStatus(List<StepRow> steps) {
        if (steps.stream().anyMatch(s -> "failed".equals(s.stepStatus()))) {
            return "failed";
        }
        long completed = steps.stream().filter(s -> "completed".equals(s.stepStatus())).count();
        boolean basics = steps.stream().filter(s -> s.stepOrder() <= 2).allMatch(s -> "completed".equals(s.stepStatus()));
        return basics && completed >= 3 ? "completed" : "partial_completed";
    }

    private static String firstError(List<StepRow> steps) {
        return steps.stream().filter(s -> "failed".equals(s.stepStatus())).map(StepRow::errorMessage).findFirst()
                .orElse(null);
    }

    /** The event requesting {@code step} of execution {@code runId}. */
    public EventEnvelope requested(String taskId, UUID runId, String step, String mode) {
        return EventEnvelope.of(PipelineEvents.STEP_REQUESTED, PipelineEvents.VERSION, taskId,
                new StepRequested(taskId, runId, step, mode), mapper);
    }

    static byte[] bytes(JsonObject json) {
        return PrettyJson.reformat(json.encode()).getBytes(StandardCharsets.UTF_8);
    }
}
