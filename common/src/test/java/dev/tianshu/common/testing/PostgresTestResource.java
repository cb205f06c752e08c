package dev.tianshu.common.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test a fresh, empty database on a real PostgreSQL server: the one {@code deploy/local/test.sh}
 * started (its libpq URL in {@code TIANSHU_TEST_PG_URL}), or else a private cluster this JVM starts itself. The
 * service's own migrations then create its schema, exactly as at a real start.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static Server server;

    /** Where the test database lives; tests that query it directly use these. */
    public record Server(String host, int port, String user, String password) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), user, password);
        }

        /** The datasource configuration of a service that uses {@code database} on this server. */
        public Map<String, String> datasourceConfig(String database) {
            return Map.of(
                    "quarkus.datasource.username", user,
                    "quarkus.datasource.password", password,
                    "quarkus.datasource.jdbc.url", jdbcUrl(database),
                    "quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + database);
        }
    }

    private String database;

    /** The server the test databases are on, started on first use. */
    public static synchronized Server server() {
        if (server == null) {
            String external = System.getenv("TIANSHU_TEST_PG_URL");
            if (external != null && !external.isBlank()) {
                server = parseLibpqUrl(external);
            } else {
                server = LocalPostgres.startNew("test-postgres").server();
            }
        }
        return server;
    }

    /** Creates a new empty database on the test server and returns its name. */
    public static String createDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return name;
    }

    public static void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = server().connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> start() {
        database = createDatabase("tianshu_test");
        return server().datasourceConfig(database);
    }

    @Override
    public void stop() {
        if (database != null) {
            dropDatabase(database);
        }
    }

    static Server parseLibpqUrl(String url) {
        URI uri = URI.create(url);
        String user = "postgres";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        return new Server(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
    }
}
