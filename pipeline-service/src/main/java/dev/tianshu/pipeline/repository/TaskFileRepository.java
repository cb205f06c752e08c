package dev.tianshu.pipeline.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The files of the task directories (table task_file). */
@ApplicationScoped
public class TaskFileRepository {

    public record FileInfo(String name, long size, OffsetDateTime createdAt, OffsetDateTime modifiedAt) {
    }

    public record FileContent(FileInfo info, byte[] content) {
    }

    private final Pool pool;

    TaskFileRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Optional<FileContent>> read(String taskId, String name) {
        return pool.preparedQuery("SELECT file_name, content, created_at, modified_at FROM task_file "
                + "WHERE task_id = $1 AND file_name = $2").execute(Tuple.of(taskId, name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var r = rows.iterator().next();
                    byte[] content = r.getBuffer("content").getBytes();
                    return Optional.of(new FileContent(new FileInfo(name, content.length,
                            r.getOffsetDateTime("created_at"), r.getOffsetDateTime("modified_at")), content));
                });
    }

    public Uni<Boolean> exists(String taskId, String name) {
        return pool.preparedQuery("SELECT 1 FROM task_file WHERE task_id = $1 AND file_name = $2")
                .execute(Tuple.of(taskId, name)).map(rows -> rows.size() > 0);
    }

    /** Creates or replaces a file (its created_at stays that of the first version). */
    public Uni<Void> write(String taskId, String name, byte[] content) {
        return write(pool, taskId, name, content);
    }

    public Uni<Void> write(SqlClient client, String taskId, String name, byte[] content) {
        return client.preparedQuery("INSERT INTO task_file (task_id, file_name, content) VALUES ($1, $2, $3) "
                + "ON CONFLICT (task_id, file_name) DO UPDATE SET content = excluded.content, "
                + "modified_at = clock_timestamp()")
                .execute(Tuple.of(taskId, name, Buffer.buffer(content).getDelegate())).replaceWithVoid();
    }

    /** The top-level files (not those in sub-directories), newest first. */
    public Uni<List<FileInfo>> list(String taskId) {
        return pool.preparedQuery("SELECT file_name, octet_length(content) AS size, created_at, modified_at "
                + "FROM task_file WHERE task_id = $1 AND strpos(file_name, '/') = 0 "
                + "ORDER BY modified_at DESC, file_name").execute(Tuple.of(taskId))
                .map(rows -> TaskRepository.map(rows, r -> new FileInfo(r.getString("file_name"),
                        r.getInteger("size"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("modified_at"))));
    }

    /** Renames a file, replacing a file of the target name; false when there was nothing to rename. */
    public Uni<Boolean> rename(String taskId, String from, String to) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM task_file WHERE task_id = $1 AND file_name = $2")
                .execute(Tuple.of(taskId, to))
                .flatMap(x -> c.preparedQuery("UPDATE task_file SET file_name = $3, modified_at = clock_timestamp() "
                        + "WHERE task_id = $1 AND file_name = $2").execute(Tuple.of(taskId, from, to)))
                .map(rows -> rows.rowCount() > 0));
    }

    /** Copies a file to a new name (the copy's times are now); false when the source does not exist. */
    public Uni<Boolean> copy(SqlClient client, String taskId, String from, String to) {
        return client.preparedQuery("INSERT INTO task_file (task_id, file_name, content) "
                + "SELECT task_id, $3, content FROM task_file WHERE task_id = $1 AND file_name = $2 "
                + "ON CONFLICT (task_id, file_name) DO UPDATE SET content = excluded.content, "
                + "modified_at = clock_timestamp()").execute(Tuple.of(taskId, from, to))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> delete(String taskId, String name) {
        return pool.preparedQuery("DELETE FROM task_file WHERE task_id = $1 AND file_name = $2")
                .execute(Tuple.of(taskId, name)).replaceWithVoid();
    }

    /**
     * Moves every top-level file except those named in {@code keep} into the sub-directory {@code directory}; the
     * names moved.
     */
    public Uni<List<String>> moveAllInto(SqlClient client, String taskId, String directory, List<String> keep) {
        return client.preparedQuery("UPDATE task_file SET file_name = $2 || '/' || file_name "
                + "WHERE task_id = $1 AND strpos(file_name, '/') = 0 AND NOT (file_name = ANY($3)) "
                + "RETURNING substr(file_name, length($2) + 2) AS name")
                .execute(Tuple.of(taskId, directory, keep.toArray(new String[0])))
                .map(rows -> TaskRepository.map(rows, r -> r.getString("name")));
    }
}
