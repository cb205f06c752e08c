package dev.tianshu.pipeline.repository;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.pipeline.model.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tasks and their step rows: creation, lookup, listing, search and deletion. */
@ApplicationScoped
public class TaskRepository {

    /** Aggregate step state of a task, as the task list shows it. */
    static final String STEP_SUMMARY = "(SELECT CASE WHEN bool_or(s.step_status = 'failed') THEN 'failed' "
            + "WHEN bool_or(s.step_status = 'running') THEN 'running' "
            + "WHEN bool_and(s.step_status IN ('completed', 'skipped')) THEN 'all_completed' "
            + "WHEN bool_or(s.step_status = 'completed') THEN 'partial_completed' ELSE 'pending' END "
            + "FROM task_step s WHERE s.task_id = t.task_id) AS step_summary";

    private static final String INSERT = """
            WITH t AS (
                INSERT INTO task (task_id, task_name, db_connection, parameters, db_name)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (task_id) DO NOTHING
                RETURNING *),
            s AS (
                INSERT INTO task_step (task_id, step_name, step_order)
                SELECT t.task_id, x.name, x.ord FROM t,
                    (VALUES ('ddl_generation', 1), ('qa_generation', 2), ('sql_validation', 3), ('training_load', 4))
                    AS x (name, ord))
            SELECT * FROM t""";

    private final Pool pool;

    TaskRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Creates a task with its four pending steps. The id is {@code task_<yyyyMMdd_HHmmss>} of now; when another task
     * already has it (two creations in one second), the next free second is taken, so ids never collide.
     */
    public Uni<TaskRow> create(String taskName, String dbConnection, JsonObject parameters, String dbName) {
        return create(LocalDateTime.now().withNano(0), 0, taskName, dbConnection, parameters, dbName);
    }

    private Uni<TaskRow> create(LocalDateTime at, int tries, String taskName, String dbConnection,
            JsonObject parameters, String dbName) {
        String taskId = "task_" + at.format(Timestamps.COMPACT);
        return pool.preparedQuery(INSERT).execute(Tuple.of(taskId, taskName, dbConnection, parameters, dbName))
                .flatMap(rows -> {
                    if (rows.size() == 1) {
                        return Uni.createFrom().item(TaskRow.of(rows.iterator().next()));
                    }
                    if (tries >= 3600) {
                        return Uni.createFrom().failure(new IllegalStateException("no free task id near " + at));
                    }
                    return create(at.plusSeconds(1), tries + 1, taskName, dbConnection, parameters, dbName);
                });
    }

    public Uni<Optional<TaskRow>> find(String taskId) {
        return pool.preparedQuery("SELECT * FROM task WHERE task_id = $1").execute(Tuple.of(taskId))
                .map(rows -> rows.size() == 0 ? Optional.<TaskRow>empty() : Optional.of(TaskRow.of(rows.iterator().next())));
    }

    /** The task, or a 404 ("任务不存在") when there is none. */
    public Uni<TaskRow> require(String taskId) {
        return find(taskId).map(t -> t.orElseThrow(() -> ApiException.notFound("任务不存在: " + taskId)));
    }

    public Uni<List<StepRow>> steps(String taskId) {
        return pool.preparedQuery("SELECT * FROM task_step WHERE task_id = $1 ORDER BY step_order")
                .execute(Tuple.of(taskId)).map(rows -> map(rows, StepRow::of));
    }

    /** A task row with its aggregate step state, for lists. */
    public record Summary(TaskRow task, String stepSummary) {
    }

    public Uni<List<Summary>> list(int limit, int offset, String status) {
        return pool.preparedQuery("SELECT t.*, " + STEP_SUMMARY + " FROM task t "
                + "WHERE ($1::text IS NULL OR t.status = $1) ORDER BY t.created_at DESC, t.task_id DESC "
                + "LIMIT $2 OFFSET $3")
                .execute(Tuple.of(status, limit, offset))
                .map(rows -> map(rows, r -> new Summary(TaskRow.of(r), r.getString("step_summary"))));
    }

    /** The filters of POST /tasks/query; null fields do not filter. */
    public record Query(String status, String taskNameLike, String createdBy, String dbName,
            OffsetDateTime createdFrom, OffsetDateTime createdTo, OffsetDateTime startedFrom,
            OffsetDateTime startedTo, OffsetDateTime completedFrom, OffsetDateTime completedTo,
            String sortColumn, boolean descending, int limit, int offset) {
    }

    public record Page(List<Summary> tasks, long total) {
    }

    public Uni<Page> query(Query q) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        condition(where, args, "t.status = ", q.status());
        if (q.taskNameLike() != null) {
            args.add("%" + q.taskNameLike().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND t.task_name ILIKE $").append(args.size());
        }
        condition(where, args, "t.by_user = ", q.createdBy());
        condition(where, args, "t.db_name = ", q.dbName());
        condition(where, args, "t.created_at >= ", q.createdFrom());
        condition(where, args, "t.created_at <= ", q.createdTo());
        condition(where, args, "t.started_at >= ", q.startedFrom());
        condition(where, args, "t.started_at <= ", q.startedTo());
        condition(where, args, "t.completed_at >= ", q.completedFrom());
        condition(where, args, "t.completed_at <= ", q.completedTo());
        String order = " ORDER BY t." + q.sortColumn() + (q.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST")
                + ", t.task_id" + (q.descending() ? " DESC" : "");
        Tuple filter = Tuple.tuple(args);
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(q.limit());
        pageArgs.add(q.offset());
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM task t" + where).execute(filter)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Summary>> page = pool.preparedQuery("SELECT t.*, " + STEP_SUMMARY + " FROM task t" + where + order
                + " LIMIT $" + (args.size() + 1) + " OFFSET $" + (args.size() + 2))
                .execute(Tuple.tuple(pageArgs))
                .map(rows -> map(rows, r -> new Summary(TaskRow.of(r), r.getString("step_summary"))));
        return Uni.combine().all().unis(page, total).asTuple().map(t -> new Page(t.getItem1(), t.getItem2()));
    }

    /** Appends {@code AND <expression>$n} with the value as the next parameter, when the value is given. */
    static void condition(StringBuilder where, List<Object> args, String expression, Object value) {
        if (value != null) {
            args.add(value);
            where.append(" AND ").append(expression).append('$').append(args.size());
        }
    }

    /** What deleting a task's directory removed. */
    public record Deletion(boolean taskExisted, boolean running, int files, long bytes) {
    }

    /**
     * Deletes a task's files and log (its "directory") and either the task itself or only marks it
     * directory_exists = false. A running task is left alone (running = true).
     */
    public Uni<Deletion> delete(String taskId, boolean deleteRecords) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT status FROM task WHERE task_id = $1 FOR UPDATE")
                .execute(Tuple.of(taskId)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Deletion(false, false, 0, 0));
                    }
                    if ("in_progress".equals(rows.iterator().next().getString("status"))) {
                        return Uni.createFrom().item(new Deletion(true, true, 0, 0));
                    }
                    return c.preparedQuery("WITH f AS (DELETE FROM task_file WHERE task_id = $1 "
                            + "RETURNING file_name, octet_length(content) AS size), "
                            + "l AS (DELETE FROM task_log WHERE task_id = $1 RETURNING octet_length(message) + 40 AS size) "
                            + "SELECT (SELECT count(*) FROM f WHERE file_name NOT LIKE '%/%') "
                            + "+ (SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END FROM l) AS files, "
                            + "coalesce((SELECT sum(size) FROM f), 0) + coalesce((SELECT sum(size) FROM l), 0) AS bytes")
                            .execute(Tuple.of(taskId))
                            .flatMap(counts -> {
                                Row r = counts.iterator().next();
                                Deletion d = new Deletion(true, false, r.getLong("files").intValue(),
                                        r.getNumeric("bytes").longValue());
                                String sql = deleteRecords ? "DELETE FROM task WHERE task_id = $1"
                                        : "UPDATE task SET directory_exists = false, updated_at = clock_timestamp() "
                                                + "WHERE task_id = $1";
                                return c.preparedQuery(sql).execute(Tuple.of(taskId)).replaceWith(d);
                            });
                }));
    }

    static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(mapper.apply(row));
        }
        return list;
    }
}
