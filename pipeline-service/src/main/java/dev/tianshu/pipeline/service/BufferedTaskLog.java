package dev.tianshu.pipeline.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jboss.logging.Logger;

import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.repository.TaskLogRepository;
import dev.tianshu.pipeline.repository.TaskLogRepository.LogLine;
import dev.tianshu.pipeline.step.TaskLog;
import io.smallrye.mutiny.Uni;

/**
 * A task's log as a step writes it: lines are stamped when logged, kept in order in memory and written by
 * {@link #flush()} (called with every heartbeat and before the step's outcome is recorded). Connection strings are
 * masked on the way in. Lines are also written to the service log.
 */
public class BufferedTaskLog implements TaskLog {

    private static final Logger LOG = Logger.getLogger("dev.tianshu.pipeline.task");

    private final String taskId;
    private final String step;
    private final TaskLogRepository repository;
    private final ConcurrentLinkedQueue<LogLine> pending = new ConcurrentLinkedQueue<>();

    public BufferedTaskLog(String taskId, String step, TaskLogRepository repository) {
        this.taskId = taskId;
        this.step = step;
        this.repository = repository;
    }

    @Override
    public void info(String logger, String message) {
        add("INFO", logger, message);
    }

    @Override
    public void warn(String logger, String message) {
        add("WARNING", logger, message);
    }

    @Override
    public void error(String logger, String message) {
        add("ERROR", logger, message);
    }

    private void add(String level, String logger, String message) {
        String text = DbConnection.maskAll(message == null ? "" : message);
        String name = logger == null || logger.isBlank() ? "TaskDir_" + taskId
                : logger.startsWith("TaskDir_") || logger.contains(".") ? logger : "data_pipeline." + logger;
        pending.add(new LogLine(0, taskId, OffsetDateTime.now(), level, name, step, text));
        LOG.logf(level.equals("ERROR") ? Logger.Level.ERROR : level.equals("WARNING") ? Logger.Level.WARN
                : Logger.Level.INFO, "[%s] %s: %s", taskId, name, text);
    }

    /** Writes what was logged since the last flush. Never fails (a failed write is retried by the next flush). */
    public Uni<Void> flush() {
        List<LogLine> lines = new ArrayList<>();
        for (LogLine line; (line = pending.poll()) != null;) {
            lines.add(line);
        }
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.insert(lines).onFailure().recoverWithUni(e -> {
            LOG.warnf("task log of %s not written yet: %s", taskId, e.getMessage());
            pending.addAll(lines);
            return Uni.createFrom().voidItem();
        });
    }
}
