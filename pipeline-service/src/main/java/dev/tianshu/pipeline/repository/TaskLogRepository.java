package dev.tianshu.pipeline.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** data_pipeline.log of every task, one row per line (table task_log). */
@ApplicationScoped
public class TaskLogRepository {

    public record LogLine(long id, String taskId, OffsetDateTime loggedAt, String level, String logger, String step,
            String message) {
    }

    /** Size and time span of a task's log. */
    public record LogStats(long lines, long bytes, OffsetDateTime first, OffsetDateTime last) {
    }

    /** Filters of POST /tasks/{id}/logs/query; null fields do not filter. Times compare as local text. */
    public record Query(String level, OffsetDateTime from, OffsetDateTime to, String keyword, String logger,
            String step, String sortColumn, boolean descending, int limit, int offset) {
    }

    private final Pool pool;

    TaskLogRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(lines.size());
        for (LogLine l : lines) {
            batch.add(Tuple.of(l.taskId(), l.loggedAt(), l.level(), l.logger(), l.step(), l.message()));
        }
        return pool.preparedQuery("INSERT INTO task_log (task_id, logged_at, level, logger, step, message) "
                + "VALUES ($1, $2, $3, $4, $5, $6)").executeBatch(batch).replaceWithVoid();
    }

    /** The last {@code limit} lines (of {@code level}, if given), oldest first. */
    public Uni<List<LogLine>> tail(String taskId, int limit, String level) {
        return pool.preparedQuery("SELECT * FROM (SELECT * FROM task_log WHERE task_id = $1 "
                + "AND ($2::text IS NULL OR level = $2) ORDER BY id DESC LIMIT $3) x ORDER BY id")
                .execute(Tuple.of(taskId, level, limit)).map(rows -> TaskRepository.map(rows, TaskLogRepository::line));
    }

    public Uni<List<LogLine>> all(String taskId) {
        return pool.preparedQuery("SELECT * FROM task_log WHERE task_id = $1 ORDER BY id").execute(Tuple.of(taskId))
                .map(rows -> TaskRepository.map(rows, TaskLogRepository::line));
    }

    /** A page of lines; in it, {@link LogLine#id()} is the line's number in the log (1 = first). */
    public record Page(List<LogLine> lines, long total) {
    }

    public Uni<Page> query(String taskId, Query q) {
        List<Object> args = new ArrayList<>(List.of(taskId));
        StringBuilder where = new StringBuilder(" WHERE true");
        TaskRepository.condition(where, args, "level = ", q.level());
        TaskRepository.condition(where, args, "logged_at >= ", q.from());
        TaskRepository.condition(where, args, "logged_at <= ", q.to());
        if (q.keyword() != null) {
            args.add(q.keyword().toLowerCase());
            where.append(" AND strpos(lower(message), $").append(args.size()).append(") > 0");
        }
        if (q.logger() != null) {
            args.add(q.logger().toLowerCase());
            where.append(" AND strpos(lower(logger), $").append(args.size()).append(") > 0");
        }
        TaskRepository.condition(where, args, "step = ", q.step());
        String from = " FROM (SELECT *, row_number() OVER (ORDER BY id) AS line_number FROM task_log "
                + "WHERE task_id = $1) x";
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(q.limit());
        pageArgs.add(q.offset());
        String order = " ORDER BY " + q.sortColumn() + (q.descending() ? " DESC" : " ASC") + ", id"
                + (q.descending() ? " DESC" : "");
        Uni<Long> total = pool.preparedQuery("SELECT count(*)" + from + where).execute(Tuple.tuple(args))
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<LogLine>> page = pool.preparedQuery("SELECT *" + from + where + order + " LIMIT $"
                + (args.size() + 1) + " OFFSET $" + (args.size() + 2)).execute(Tuple.tuple(pageArgs))
                .map(rows -> TaskRepository.map(rows, r -> {
                    LogLine l = line(r);
                    return new LogLine(r.getLong("line_number"), l.taskId(), l.loggedAt(), l.level(), l.logger(),
                            l.step(), l.message());
                }));
        return Uni.combine().all().unis(page, total).asTuple().map(t -> new Page(t.getItem1(), t.getItem2()));
    }

    /** Line count, size of the rendered file ({@code yyyy-MM-dd HH:mm:ss [LEVEL] logger: message\n}), first/last. */
    public Uni<LogStats> stats(String taskId) {
        return pool.preparedQuery("SELECT count(*) AS n, coalesce(sum(octet_length(level) + octet_length(logger) "
                + "+ octet_length(message) + 26), 0) AS bytes, min(logged_at) AS first, max(logged_at) AS last "
                + "FROM task_log WHERE task_id = $1").execute(Tuple.of(taskId))
                .map(rows -> {
                    var r = rows.iterator().next();
                    return new LogStats(r.getLong("n"), r.getNumeric("bytes").longValue(),
                            r.getOffsetDateTime("first"), r.getOffsetDateTime("last"));
                });
    }

    private static LogLine line(io.vertx.mutiny.sqlclient.Row r) {
        return new LogLine(r.getLong("id"), r.getString("task_id"), r.getOffsetDateTime("logged_at"),
                r.getString("level"), r.getString("logger"), r.getString("step"), r.getString("message"));
    }
}
