package dev.tianshu.gateway.proxy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jboss.logging.Logger;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One line per request on the JBoss Logging category {@value #CATEGORY}:
 * {@code 2026-05-04T10:15:30.123Z GET /api/v0/data_pipeline/jobs 200 3.127ms rid=… upstream=pipeline}. The path is
 * logged without its query string, which may carry tokens; {@code upstream=-} marks the gateway's own answers.
 * <p>
 * Cost: a log record per request (its allocation, the hand-over to the asynchronous handler, one write per line)
 * would cost more than the proxying itself. So each event loop collects the lines of the requests it finishes in one
 * round of I/O and logs them as one record of several lines, right after that round (no timer, no delay). Every line
 * carries its own timestamp, so the category's handler formats with {@code %s%n}. Turn the log off with
 * {@code quarkus.log.category."tianshu.gateway.access".level=OFF}, or send it elsewhere with that category's
 * {@code handlers}.
 */
public final class AccessLog {

    public static final String CATEGORY = "tianshu.gateway.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** A record holds at most this many lines; more are flushed at once. */
    private static final int MAX_LINES = 256;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private static final FastThreadLocal<Batch> batches = new FastThreadLocal<>() {
        @Override
        protected Batch initialValue() {
            return new Batch();
        }
    };

    private AccessLog() {
    }

    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /**
     * Adds the line of a finished request.
     *
     * @param upstream the upstream's name, or {@code null} when the gateway answered itself
     */
    public static void log(String method, String path, int status, long elapsedNanos, String requestId,
            String upstream) {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            Batch single = new Batch();
            single.append(method, path, status, elapsedNanos, requestId, upstream);
            single.flush();
            return;
        }
        Batch batch = batches.get();
        if (batch.lines == 0) {
            context.runOnContext(batch.flushTask);
        }
        batch.append(method, path, status, elapsedNanos, requestId, upstream);
        if (batch.lines >= MAX_LINES) {
            batch.flush();
        }
    }

    /** The lines of one event loop not logged yet. */
    private static final class Batch {

        final StringBuilder text = new StringBuilder(4096);
        final io.vertx.core.Handler<Void> flushTask = v -> flush();
        int lines;
        long second = Long.MIN_VALUE;
        String secondText;

        void append(String method, String path, int status, long elapsedNanos, String requestId, String upstream) {
            if (lines > 0) {
                text.append('\n');
            }
            long now = System.currentTimeMillis();
            if (now / 1000 != second) {
                second = now / 1000;
                secondText = SECOND.format(Instant.ofEpochSecond(second));
            }
            text.append(secondText).append('.');
            pad3(text, (int) (now % 1000));
            text.append("Z ").append(method).append(' ').append(path).append(' ').append(status).append(' ');
            long micros = elapsedNanos / 1_000;
            text.append(micros / 1_000).append('.');
            pad3(text, (int) (micros % 1_000));
            text.append("ms rid=").append(requestId).append(" upstream=").append(upstream == null ? "-" : upstream);
            lines++;
        }

        void flush() {
            if (lines == 0) {
                return;
            }
            String record = text.toString();
            text.setLength(0);
            lines = 0;
            LOG.info(record);
        }

        private static void pad3(StringBuilder text, int value) {
            if (value < 100) {
                text.append('0');
            }
            if (value < 10) {
                text.append('0');
            }
            text.append(value);
        }
    }
}
