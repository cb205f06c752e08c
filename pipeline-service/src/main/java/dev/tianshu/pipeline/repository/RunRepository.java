package dev.tianshu.pipeline.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The execution state of tasks and steps: starting an execution, claiming, heart-beating and ending a step, and
 * finding steps whose owner died. Every transition is one conditional UPDATE, so concurrent replicas and redelivered
 * events cannot apply a transition twice.
 */
@ApplicationScoped
public class RunRepository {

    private static final String RESET = "step_status = CASE WHEN step_name = ANY($3) THEN 'skipped' ELSE 'pending' END, "
            + "run_id = $2, requested_at = NULL, started_at = NULL, completed_at = NULL, error_message = NULL, "
            + "attempt = 0, owner = NULL, heartbeat_at = NULL, progress = NULL, result = NULL, execution_id = NULL";

    private final Pool pool;

    RunRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Marks the task in progress for a new execution, unless it is in progress already (empty then). Steps of the
     * execution are reset (those in {@code skipped} to skipped); in step mode only {@code stepName} is.
     */
    public Uni<Optional<TaskRow>> start(SqlClient c, String taskId, UUID runId, String mode, String stepName,
            List<String> skipped) {
        return c.preparedQuery("UPDATE task SET status = 'in_progress', run_id = $2, execution_mode = $3, "
                + "run_step = $4, started_at = coalesce(started_at, clock_timestamp()), completed_at = NULL, "
                + "error_message = NULL, result = CASE WHEN $3 = 'complete' THEN NULL ELSE result END, "
                + "updated_at = clock_timestamp() WHERE task_id = $1 AND status <> 'in_progress' RETURNING *")
                .execute(Tuple.of(taskId, runId, mode, stepName))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<TaskRow>empty());
                    }
                    TaskRow task = TaskRow.of(rows.iterator().next());
                    String which = "complete".equals(mode) ? "" : " AND step_name = $4";
                    Tuple args = "complete".equals(mode) ? Tuple.of(taskId, runId, skipped.toArray(new String[0]))
                            : Tuple.of(taskId, runId, skipped.toArray(new String[0]), stepName);
                    return c.preparedQuery("UPDATE task_step SET " + RESET + " WHERE task_id = $1" + which)
                            .execute(args).replaceWith(Optional.of(task));
                });
    }

    /** Marks a pending step of the run requested (the request event goes into the outbox in the same transaction). */
    public Uni<Boolean> request(SqlClient c, String taskId, UUID runId, String step) {
        return c.preparedQuery("UPDATE task_step SET requested_at = clock_timestamp() WHERE task_id = $1 "
                + "AND run_id = $2 AND step_name = $3 AND step_status = 'pending'")
                .execute(Tuple.of(taskId, runId, step)).map(rows -> rows.rowCount() == 1);
    }

    /** A claimed step: the attempt number (1 for the first) and its execution id. */
    public record Claim(int attempt, String executionId) {
    }

    /**
     * Claims a requested step of the task's current execution for {@code owner}: a pending requested step, or a
     * running one whose heartbeat is older than the lease (its owner died). Empty when there is nothing to claim.
     */
    public Uni<Optional<Claim>> claim(String taskId, UUID runId, String step, String owner, String executionId,
            long leaseMillis) {
        return pool.preparedQuery("UPDATE task_step s SET step_status = 'running', owner = $4, "
                + "heartbeat_at = clock_timestamp(), attempt = s.attempt + 1, "
                + "started_at = coalesce(s.started_at, clock_timestamp()), "
                + "execution_id = coalesce(s.execution_id, $5), progress = NULL "
                + "FROM task t WHERE s.task_id = $1 AND s.step_name = $3 AND s.run_id = $2 AND t.task_id = s.task_id "
                + "AND t.run_id = $2 AND t.status = 'in_progress' AND ((s.step_status = 'pending' "
                + "AND s.requested_at IS NOT NULL) OR (s.step_status = 'running' "
                + "AND s.heartbeat_at < clock_timestamp() - $6 * interval '1 millisecond')) "
                + "RETURNING s.attempt, s.execution_id")
                .execute(Tuple.of(taskId, runId, step, owner, executionId, leaseMillis))
                .map(rows -> rows.size() == 0 ? Optional.<Claim>empty()
                        : Optional.of(new Claim(rows.iterator().next().getInteger("attempt"),
                                rows.iterator().next().getString("execution_id"))));
    }

    /** Records that the step is alive, with its progress; false when the claim was lost (another owner took over). */
    public Uni<Boolean> heartbeat(String taskId, String step, String owner, int attempt, JsonObject progress) {
        return pool.preparedQuery("UPDATE task_step SET heartbeat_at = clock_timestamp(), progress = $5 "
                + "WHERE task_id = $1 AND step_name = $2 AND owner = $3 AND attempt = $4 AND step_status = 'running'")
                .execute(Tuple.of(taskId, step, owner, attempt, progress)).map(rows -> rows.rowCount() == 1);
    }

    /** Ends a claimed step (completed or failed); false when the claim was lost, and then nothing changes. */
    public Uni<Boolean> finish(SqlClient c, String taskId, String step, String owner, int attempt, boolean completed,
            JsonObject result, String errorMessage, JsonObject progress) {
        return c.preparedQuery("UPDATE task_step SET step_status = $5, completed_at = clock_timestamp(), "
                + "result = $6, error_message = $7, progress = $8, heartbeat_at = clock_timestamp() "
                + "WHERE task_id = $1 AND step_name = $2 AND owner = $3 AND attempt = $4 AND step_status = 'running'")
                .execute(Tuple.tuple(List.of(taskId, step, owner, attempt, completed ? "completed" : "failed"))
                        .addValue(result).addValue(errorMessage).addValue(progress))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The task row, locked for the rest of the transaction. */
    public Uni<Optional<TaskRow>> lock(SqlClient c, String taskId) {
        return c.preparedQuery("SELECT * FROM task WHERE task_id = $1 FOR UPDATE").execute(Tuple.of(taskId))
                .map(rows -> rows.size() == 0 ? Optional.<TaskRow>empty() : Optional.of(TaskRow.of(rows.iterator().next())));
    }

    public Uni<List<StepRow>> steps(SqlClient c, String taskId) {
        return c.preparedQuery("SELECT * FROM task_step WHERE task_id = $1 ORDER BY step_order")
                .execute(Tuple.of(taskId)).map(rows -> TaskRepository.map(rows, StepRow::of));
    }

    /** Ends the task's execution with a final status. */
    public Uni<Void> end(SqlClient c, String taskId, String status, String errorMessage, JsonObject result) {
        return c.preparedQuery("UPDATE task SET status = $2, error_message = $3, result = coalesce($4, result), "
                + "completed_at = clock_timestamp(), updated_at = clock_timestamp() WHERE task_id = $1")
                .execute(Tuple.of(taskId, status, errorMessage, result)).replaceWithVoid();
    }

    /** The last step that ended in an execution that has not moved on since (its outcome got lost). */
    public record Stalled(String taskId, UUID runId, String step, String status, int attempt) {
    }

    /**
     * In-progress executions with no step running or requested whose last ended step ended more than
     * {@code ageMillis} ago: the outcome event of that step was lost, so nothing requested the next step.
     */
    public Uni<List<Stalled>> stalled(long ageMillis) {
        return pool.preparedQuery("SELECT DISTINCT ON (t.task_id) t.task_id, t.run_id, s.step_name, s.step_status, "
                + "s.attempt FROM task t JOIN task_step s ON s.task_id = t.task_id AND s.run_id = t.run_id "
                + "WHERE t.status = 'in_progress' AND s.step_status IN ('completed', 'failed') "
                + "AND s.completed_at < clock_timestamp() - $1 * interval '1 millisecond' "
                + "AND NOT EXISTS (SELECT 1 FROM task_step o WHERE o.task_id = t.task_id AND o.run_id = t.run_id "
                + "AND (o.step_status = 'running' OR (o.step_status = 'pending' AND o.requested_at IS NOT NULL))) "
                + "ORDER BY t.task_id, s.step_order DESC")
                .execute(Tuple.of(ageMillis))
                .map(rows -> TaskRepository.map(rows, r -> new Stalled(r.getString("task_id"), r.getUUID("run_id"),
                        r.getString("step_name"), r.getString("step_status"), r.getInteger("attempt"))));
    }

    /** A step to request again: its owner died, or its request got lost. */
    public record Orphan(String taskId, UUID runId, String step, String executionMode) {
    }

    /**
     * Steps of in-progress executions that need a new request: running with a heartbeat older than the lease, or
     * requested but unclaimed for longer than {@code unclaimedMillis}. Each is marked requested again (now), in the
     * caller's transaction.
     */
    public Uni<List<Orphan>> orphans(SqlClient c, long leaseMillis, long unclaimedMillis) {
        return c.preparedQuery("UPDATE task_step s SET step_status = 'pending', owner = NULL, "
                + "requested_at = clock_timestamp() FROM task t WHERE t.task_id = s.task_id AND t.run_id = s.run_id "
                + "AND t.status = 'in_progress' AND ((s.step_status = 'running' "
                + "AND s.heartbeat_at < clock_timestamp() - $1 * interval '1 millisecond') OR (s.step_status = 'pending' "
                + "AND s.requested_at < clock_timestamp() - $2 * interval '1 millisecond')) "
                + "RETURNING s.task_id, s.run_id, s.step_name, t.execution_mode")
                .execute(Tuple.of(leaseMillis, unclaimedMillis))
                .map(rows -> TaskRepository.map(rows, r -> new Orphan(r.getString("task_id"), r.getUUID("run_id"),
                        r.getString("step_name"), r.getString("execution_mode"))));
    }
}
