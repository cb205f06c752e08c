package dev.tianshu.pipeline.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tianshu.pipeline.step.TaskLog;

/** Keeps every log line, for assertions. */
public class RecordingTaskLog implements TaskLog {

    public record Line(String level, String logger, String message) {
    }

    public final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String logger, String message) {
        lines.add(new Line("INFO", logger, message));
    }

    @Override
    public void warn(String logger, String message) {
        lines.add(new Line("WARNING", logger, message));
    }

    @Override
    public void error(String logger, String message) {
        lines.add(new Line("ERROR", logger, message));
    }

    public boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.message().contains(text));
    }
}
