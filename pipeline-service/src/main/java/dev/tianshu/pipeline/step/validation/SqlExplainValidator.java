package dev.tianshu.pipeline.step.validation;

import java.time.Duration;

import dev.tianshu.common.sql.ReadOnlySql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Validates one statement without running it: it must be a single read-only query (ReadOnlySql), and PostgreSQL must
 * plan it — EXPLAIN inside a read-only transaction, under the pool's statement timeout. Failures caused by the
 * connection (not by the SQL) are retried.
 */
public final class SqlExplainValidator {

    /** The verdict on one statement. {@code connectionProblem} means the database, not the SQL, was at fault. */
    public record Verdict(boolean valid, String error, double seconds, int retries, boolean connectionProblem,
            boolean repairable) {
    }

    private final int maxRetries;
    private final long timeoutSeconds;

    public SqlExplainValidator(int maxRetries, long timeoutSeconds) {
        this.maxRetries = maxRetries;
        this.timeoutSeconds = timeoutSeconds;
    }

    public Uni<Verdict> validate(Pool pool, String sql) {
        long started = System.nanoTime();
        ReadOnlySql.Verdict check = ReadOnlySql.check(sql);
        if (!check.allowed()) {
            boolean repairable = check.kind() == ReadOnlySql.Kind.UNPARSABLE;
            return Uni.createFrom().item(new Verdict(false, check.message(), seconds(started), 0, false, repairable));
        }
        String statement = sql.strip().replaceAll(";+\\s*$", "");
        return attempt(pool, statement, started, 0);
    }

    private Uni<Verdict> attempt(Pool pool, String statement, long started, int retries) {
        return pool.withTransaction(c -> c.query("SET TRANSACTION READ ONLY").execute()
                        .flatMap(x -> c.query("EXPLAIN " + statement).execute()))
                .map(rows -> new Verdict(true, null, seconds(started), retries, false, false))
                .onFailure().recoverWithUni(e -> {
                    if (isConnectionProblem(e) && retries < maxRetries) {
                        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500))
                                .flatMap(x -> attempt(pool, statement, started, retries + 1));
                    }
                    return Uni.createFrom().item(new Verdict(false, message(e), seconds(started), retries,
                            isConnectionProblem(e), !isConnectionProblem(e) && !isTimeout(e)));
                });
    }

    private String message(Throwable e) {
        if (isTimeout(e)) {
            return "验证超时(" + timeoutSeconds + "秒)";
        }
        if (e instanceof PgException pg) {
            return pg.getErrorMessage() + (pg.getDetail() == null ? "" : " (" + pg.getDetail() + ")")
                    + (pg.getHint() == null ? "" : " 提示: " + pg.getHint());
        }
        return "数据库连接错误: " + e.getMessage();
    }

    static boolean isTimeout(Throwable e) {
        return e instanceof PgException pg && "57014".equals(pg.getSqlState());
    }

    /** Errors of the connection or the server's state, as opposed to errors of the statement. */
    static boolean isConnectionProblem(Throwable e) {
        if (e instanceof PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
        }
        return true;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
