package dev.tianshu.pipeline.step.qa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.model.DbConnection;

/** Runs generated SQL on a test database, read-only: EXPLAIN it, or run it and see whether it returns a row. */
final class SqlProbe implements AutoCloseable {

    /** What happened to one statement. */
    record Outcome(boolean explained, boolean hasRows, String error) {
    }

    private final Connection connection;

    SqlProbe(String url) throws SQLException {
        this.connection = PostgresTestResource.server().connect(DbConnection.parse(url).database());
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET statement_timeout = '30s'");
        }
        connection.commit();
    }

    Outcome probe(String sql) throws SQLException {
        String body = sql.strip().replaceAll(";\\s*$", "");
        try (Statement s = connection.createStatement()) {
            s.execute("EXPLAIN " + body);
        } catch (SQLException e) {
            connection.rollback();
            return new Outcome(false, false, e.getMessage());
        }
        connection.commit();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM (" + body + ") q LIMIT 1")) {
            boolean rows = rs.next();
            connection.commit();
            return new Outcome(true, rows, null);
        } catch (SQLException e) {
            connection.rollback();
            return new Outcome(true, false, e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
