package dev.tianshu.pipeline.step;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * The files of one task (its "task directory"), kept in PostgreSQL so that they survive restarts and every replica
 * sees them. Names are plain file names; a name with a '/' lives in a sub-directory (backups) and is not listed.
 * Text is UTF-8.
 */
public interface TaskFiles {

    Uni<Optional<String>> readText(String name);

    /** Creates or replaces the file. */
    Uni<Void> writeText(String name, String content);

    /** The top-level file names, newest first. */
    Uni<List<String>> names();

    /** Renames a file, replacing any file of the target name; a no-op when {@code from} does not exist. */
    Uni<Void> rename(String from, String to);

    Uni<Void> delete(String name);
}
