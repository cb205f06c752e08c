package dev.tianshu.pipeline.step.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.client.BusinessDatabases;
import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Pools, settings and catalog reads shared by the plain JUnit tests of step 1. */
final class DdlTestSupport {

    static final Duration WAIT = Duration.ofSeconds(120);

    /** Step 1's settings without the configuration system. */
    record DdlSettings(int maxConcurrentTables, int sampleRows, long largeTableRows, int enumMaxDistinct)
            implements PipelineConfig.Ddl {

        static DdlSettings defaults() {
            return new DdlSettings(8, 20, 1_000_000, 20);
        }

        DdlSettings withLargeTableRows(long rows) {
            return new DdlSettings(maxConcurrentTables, sampleRows, rows, enumMaxDistinct);
        }
    }

    private DdlTestSupport() {
    }

    static Pool pool(Vertx vertx, String url) {
        return BusinessDatabases.open(vertx, DbConnection.parse(url), 8, 60_000);
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    /** What a call fails with, unwrapped from CompletionException. */
    static Throwable failure(Runnable call) {
        try {
            call.run();
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    static TableInfo inspect(Pool pool, String table, PipelineConfig.Ddl config) {
        return await(new CatalogInspector().inspect(pool, TableRef.parse(table), config));
    }

    /** The tables and partitioned tables of a schema, by name. */
    static List<String> tables(Pool pool, String schema) {
        return await(pool.preparedQuery("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(schema))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    for (Row row : rows) {
                        names.add(row.getString(0));
                    }
                    return names;
                }));
    }

    /** "name type[ not null]" of a table's columns, in order (compared between a source and its recreation). */
    static List<String> columnTypes(String database, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = PostgresTestResource.server().connect(database);
                PreparedStatement s = c.prepareStatement("SELECT a.attname || ' ' || format_type(a.atttypid, "
                        + "a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END FROM pg_attribute a "
                        + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
                        + "ORDER BY a.attnum")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** Runs SQL (DDL) in a database of the test server, as its owner. */
    static void execute(String database, String sql) throws SQLException {
        try (Connection c = PostgresTestResource.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String database(String url) {
        return DbConnection.parse(url).database();
    }
}
