package dev.tianshu.pipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.common.testing.SharedDatasets;

/**
 * Business databases for tests, on the test PostgreSQL server, created once per JVM: the demo highway_db from the
 * generator of deploy/local, and the public datasets of ../shared/datasets (loaded with psql, as load_all.sh does).
 * Each is answered as a connection string of the form tasks take.
 */
public final class BusinessDbs {

    private static final Map<String, String> CREATED = new HashMap<>();

    private BusinessDbs() {
    }

    /** The demo highway_db (8 tables, generated data up to yesterday). */
    public static synchronized String highway() {
        return CREATED.computeIfAbsent("highway", k -> {
            String db = PostgresTestResource.createDatabase("highway_db");
            Path generator = Path.of("..", "deploy", "local", "highway_db");
            try (Connection c = PostgresTestResource.server().connect(db); Statement s = c.createStatement()) {
                s.execute(Files.readString(generator.resolve("schema.sql")));
                s.execute(Files.readString(generator.resolve("generate.sql")));
            } catch (Exception e) {
                throw new IllegalStateException("could not create the demo highway_db", e);
            }
            return url(db);
        });
    }

    /** The name of the demo highway_db's database on the test server. */
    public static String highwayName() {
        String url = highway();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** pagila (DVD rental: 15+ tables, foreign keys, views, enum and domain types), or null without ../shared. */
    public static synchronized String pagila() {
        Path dir = SharedDatasets.path("pagila");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        return CREATED.computeIfAbsent("pagila", k -> {
            String db = PostgresTestResource.createDatabase("pagila");
            psql(db, dir.resolve("pagila-schema.sql"), dir.resolve("pagila-data.sql"));
            return url(db);
        });
    }

    /** A defog database (e.g. "restaurants") with its column comments, or null without ../shared. */
    public static synchronized String defog(String name) {
        Path dir = SharedDatasets.path("defog-data");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        return CREATED.computeIfAbsent("defog-" + name, k -> {
            String db = PostgresTestResource.createDatabase(name);
            psql(db, dir.resolve("defog_data/" + name + "/" + name + ".sql"),
                    dir.resolve("comments/" + name + "_comments.sql"));
            return url(db);
        });
    }

    /** An empty scratch database (dropped by nobody: the test server is thrown away). */
    public static String scratch() {
        return url(PostgresTestResource.createDatabase("scratch"));
    }

    /** The connection string of a database on the test server. */
    public static String url(String database) {
        PostgresTestResource.Server s = PostgresTestResource.server();
        String auth = s.password() == null || s.password().isEmpty() ? s.user() : s.user() + ":" + s.password();
        return "postgresql://" + auth + "@" + s.host() + ":" + s.port() + "/" + database;
    }

    /** Runs SQL scripts with psql (they use COPY … FROM stdin, which JDBC cannot run). */
    public static void psql(String database, Path... scripts) {
        PostgresTestResource.Server s = PostgresTestResource.server();
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", s.host(),
                "-p", Integer.toString(s.port()), "-U", s.user(), "-d", database));
        for (Path script : scripts) {
            cmd.add("-f");
            cmd.add(script.toAbsolutePath().toString());
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", s.password() == null ? "" : s.password());
            pb.environment().put("PGOPTIONS", "-c client_min_messages=warning");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("psql failed on " + database + ": " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run psql", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
