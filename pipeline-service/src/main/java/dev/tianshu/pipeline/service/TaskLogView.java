package dev.tianshu.pipeline.service;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.TaskLogRepository.LogLine;

/** data_pipeline.log as text and as API entries: {@code yyyy-MM-dd HH:mm:ss [LEVEL] logger: message}. */
public final class TaskLogView {

    public static final String FILE = "data_pipeline.log";

    private TaskLogView() {
    }

    public static byte[] render(List<LogLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (LogLine l : lines) {
            sb.append(Timestamps.local(l.loggedAt()).format(Timestamps.LOG)).append(" [").append(l.level())
                    .append("] ").append(l.logger()).append(": ").append(l.message()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Map<String, Object> entry(LogLine l, boolean withStepAndLine) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", l.level());
        m.put("logger", l.logger());
        m.put("message", l.message());
        m.put("timestamp", Timestamps.local(l.loggedAt()).format(Timestamps.LOG));
        if (withStepAndLine) {
            m.put("step", l.step());
            m.put("line_number", l.id());
        }
        return m;
    }
}
