package dev.tianshu.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throwaway PostgreSQL cluster run from the machine's PostgreSQL binaries (Debian package
 * {@code postgresql}), with its data directory under the module's {@code target/}. It listens on loopback TCP only.
 * The server refuses to run as root, so as root every command runs as the {@code postgres} user.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dataDir;
    private final Path logFile;
    private final Path binDir;
    private final int port;
    private boolean running;

    private LocalPostgres(Path baseDir, int port) {
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("postgres.log");
        this.binDir = findBinDir();
        this.port = port;
    }

    /** Creates a new cluster in {@code target/<name>} (wiping an old one) and starts it on a free port. */
    public static LocalPostgres startNew(String name) {
        Path base = Path.of("target", name).toAbsolutePath();
        LocalPostgres pg = new LocalPostgres(base, freePort());
        pg.init();
        pg.start();
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stopQuietly, "stop-" + name));
        return pg;
    }

    public int port() {
        return port;
    }

    /** This cluster as a test server: loopback, superuser {@code postgres}, trust authentication. */
    public PostgresTestResource.Server server() {
        return new PostgresTestResource.Server("127.0.0.1", port, "postgres", "");
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"));
        running = true;
    }

    /** Stops the server (fast shutdown: open connections are cut). Data stays for a later {@link #start()}. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        running = false;
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // the JVM is going away; nothing more to do
        }
    }

    private void init() {
        try {
            if (Files.exists(dataDir.getParent())) {
                try (Stream<Path> paths = Files.walk(dataDir.getParent())) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dataDir);
            if (ROOT) {
                run(List.of("chown", "-R", "postgres", dataDir.getParent().toString()), false);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + dataDir, e);
        }
        run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync"));
    }

    private String bin(String tool) {
        return binDir == null ? tool : binDir.resolve(tool).toString();
    }

    private void run(List<String> command) {
        run(command, ROOT);
    }

    private void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("command failed: " + String.join(" ", full) + "\n" + output
                        + tail(logFile));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full.get(0)
                    + " (is the Debian package postgresql installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code TIANSHU_PG_BIN}, else the newest /usr/lib/postgresql/N/bin, else whatever is on the PATH. */
    static Path findBinDir() {
        String configured = System.getenv("TIANSHU_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> parseVersion(v.getFileName().toString())))
                        .map(v -> v.resolve("bin"))
                        .orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static int parseVersion(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
