package dev.tianshu.pipeline.client;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.model.DbConnection;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Opens connection pools to business databases. Every session is read-only ({@code default_transaction_read_only})
 * and every statement has a timeout ({@code statement_timeout}), set as start-up parameters of the connection, so no
 * query the pipeline sends there can write or run away. The caller closes the pool.
 */
@ApplicationScoped
public class BusinessDatabases {

    private final Vertx vertx;
    private final PipelineConfig config;

    BusinessDatabases(Vertx vertx, PipelineConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** The configured business database (TIANSHU_BUSINESS_DB_URL), or null if none is configured. */
    public DbConnection defaultConnection() {
        return config.businessDbUrl().filter(s -> !s.isBlank()).map(DbConnection::parse).orElse(null);
    }

    public Pool open(DbConnection connection, int maxSize) {
        return open(vertx, connection, maxSize, config.statementTimeout().toMillis());
    }

    /** A read-only pool with a statement timeout; usable without CDI (tests, benchmarks). */
    public static Pool open(Vertx vertx, DbConnection connection, int maxSize, long statementTimeoutMillis) {
        PgConnectOptions options = PgConnectOptions.fromUri(connection.url());
        options.setProperties(Map.of(
                "default_transaction_read_only", "on",
                "statement_timeout", Long.toString(statementTimeoutMillis),
                "application_name", "tianshu-pipeline"));
        options.setConnectTimeout(10_000);
        options.setCachePreparedStatements(false);
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(Math.max(1, maxSize)))
                .connectingTo(options)
                .using(vertx)
                .build();
    }
}
