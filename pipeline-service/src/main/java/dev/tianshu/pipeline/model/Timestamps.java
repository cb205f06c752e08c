package dev.tianshu.pipeline.model;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the /api/v0 family writes times: local time of the server, ISO, microseconds ("2025-07-02T17:40:00.268100"). */
public final class Timestamps {

    public static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    /** The log's and the file names' forms. */
    public static final DateTimeFormatter LOG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    public static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private Timestamps() {
    }

    public static String iso(OffsetDateTime time) {
        return time == null ? null : local(time).format(ISO);
    }

    public static LocalDateTime local(OffsetDateTime time) {
        return time.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
    }

    public static String isoNow() {
        return LocalDateTime.now().format(ISO);
    }

    public static String compactNow() {
        return LocalDateTime.now().format(COMPACT);
    }
}
