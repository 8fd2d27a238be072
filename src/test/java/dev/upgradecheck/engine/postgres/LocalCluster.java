package dev.upgradecheck.engine.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster driven by pg_ctl in a directory of its own, for what zonky's embedded server cannot do:
 * restart it, crash it (immediate stop) and pg_upgrade it from 14 to 15. 14 runs from zonky's 14.x binaries (with
 * Debian 15's pg_controldata and a pg_resetwal shim that answers {@code -n}: both versions share control-file format
 * 1300), 15 from Debian's postgresql-15. The data directories come from one initdb per major and JVM, copied.
 */
public final class LocalCluster implements AutoCloseable {

    public static final Path PG15_BIN = Path.of("/usr/lib/postgresql/15/bin");

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static Path templates;

    private final Path work;
    private final int port;
    private Path bin;
    private String dataDir;
    private boolean running;

    private LocalCluster(Path work, int port, Path bin, String dataDir) {
        this.work = work;
        this.port = port;
        this.bin = bin;
        this.dataDir = dataDir;
    }

    /** Why the fixture cannot run on this machine, or empty when it can. */
    public static Optional<String> unavailable() {
        if (!Files.isExecutable(PG15_BIN.resolve("pg_upgrade"))) {
            return Optional.of("Debian's postgresql-15 is not installed");
        }
        try {
            if (ROOT && run(List.of("id", "-u", "postgres"), Files.createTempDirectory("pg-id")) != 0) {
                return Optional.of("no 'postgres' OS user to run the servers as");
            }
        } catch (IOException | InterruptedException e) {
            return Optional.of("cannot look up the postgres OS user: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * A new PostgreSQL 14 cluster in {@code work} (created; it and its parent made readable for the postgres OS
     * user), listening on {@code port} of localhost with wal_level logical and these extra postgresql.conf lines;
     * not yet started.
     */
    public static LocalCluster create14(Path work, int port, String... settings) {
        try {
            Files.createDirectories(work);
            if (ROOT) {
                // the servers run as postgres, which must reach the directory through a (700) temp parent
                mustRun(work, "chmod", "755", work.toString(), work.getParent().toString());
            }
            Path data = copyTemplate(14, work.resolve("d14"));
            configure(data, port, "wal_level = logical", settings);
            return new LocalCluster(work, port, template(14).resolve("bin-14"), "d14");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot create a PostgreSQL 14 cluster: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public void start() {
        pgCtl("-l", dataDir + ".log", "-w", "-t", "60", "-o", "-p " + port + " -k " + work, "start");
        running = true;
    }

    /** A clean shutdown (checkpoint first). */
    public void stop() {
        pgCtl("-w", "-t", "60", "-m", "fast", "stop");
        running = false;
    }

    /** Stop without a checkpoint, as a power cut would: the next start replays the WAL. */
    public void crash() {
        pgCtl("-w", "-t", "60", "-m", "immediate", "stop");
        running = false;
    }

    public void restart() {
        stop();
        start();
    }

    /**
     * pg_upgrade into a fresh 15 cluster, then starts it on the same port. The old cluster is first brought to a
     * clean shutdown (pg_upgrade refuses one that crashed). {@code settings} are the new cluster's postgresql.conf
     * lines: a new cluster starts from its own configuration, so wal_level is back to replica unless set here.
     */
    public void upgradeTo15(String... settings) {
        try {
            if (!running) {
                start();
            }
            stop();
            Path data = copyTemplate(15, work.resolve("d15"));
            configure(data, port, null, settings);
            asPostgres(work, PG15_BIN.resolve("pg_upgrade").toString(), "-b", bin.toString(), "-B", PG15_BIN.toString(),
                    "-d", dataDir, "-D", "d15", "-p", String.valueOf(port), "-P", String.valueOf(port), "-U", "postgres");
            bin = PG15_BIN;
            dataDir = "d15";
            start();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("pg_upgrade failed: " + e.getMessage(), e);
        }
    }

    /**
     * The other way up: every role and database dumped with Debian 15's pg_dumpall and restored into a fresh 15
     * cluster (started beside the old one on a port of its own), which then takes the old one's port. No slot, WAL
     * position or transaction id survives; publications do. {@code settings} as for {@link #upgradeTo15}.
     */
    public void dumpRestoreTo15(String... settings) {
        try {
            if (!running) {
                start();
            }
            int restorePort = dev.upgradecheck.testing.Ports.unused();
            Path data = copyTemplate(15, work.resolve("d15"));
            configure(data, restorePort, null, settings);
            String pgCtl = PG15_BIN.resolve("pg_ctl").toString();
            asPostgres(work, pgCtl, "-D", "d15", "-l", "d15.log", "-w", "-t", "60", "-o",
                    "-p " + restorePort + " -k " + work, "start");
            asPostgres(work, PG15_BIN.resolve("pg_dumpall").toString(), "-h", work.toString(), "-p",
                    String.valueOf(port), "-U", "postgres", "-f", "dumpall.sql");
            // the dump creates the role postgres too: psql reports that one error and goes on
            asPostgres(work, PG15_BIN.resolve("psql").toString(), "-X", "-q", "-h", work.toString(), "-p",
                    String.valueOf(restorePort), "-U", "postgres", "-d", "postgres", "-f", "dumpall.sql");
            stop();
            asPostgres(work, pgCtl, "-D", "d15", "-w", "-t", "60", "-m", "fast", "stop");
            Files.write(data.resolve("postgresql.conf"), List.of("port = " + port), StandardOpenOption.APPEND);
            bin = PG15_BIN;
            dataDir = "d15";
            start();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("dump and restore failed: " + e.getMessage(), e);
        }
    }

    /** Runs statements as the superuser on database postgres, once that session has ended (see PgServers#sql). */
    public void sql(String... statements) {
        PgServers.sql(url(), statements);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void close() {
        if (running) {
            crash();
        }
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir));
        command.addAll(List.of(args));
        try {
            asPostgres(work, command.toArray(String[]::new));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("pg_ctl failed: " + e.getMessage(), e);
        }
    }

    private static void configure(Path data, int port, String walLevel, String... settings) throws IOException {
        List<String> lines = new ArrayList<>(List.of("", "port = " + port, "max_replication_slots = 10",
                "max_wal_senders = 10", "fsync = off"));
        if (walLevel != null) {
            lines.add(walLevel);
        }
        lines.addAll(List.of(settings));
        Files.write(data.resolve("postgresql.conf"), lines, StandardOpenOption.APPEND);
    }

    private static Path copyTemplate(int major, Path target) throws IOException, InterruptedException {
        Path template = template(major).resolve("data-" + major);
        mustRun(target.getParent(), "cp", "-a", template.toString(), target.toString());
        return target;
    }

    /** One initdb per major and JVM (and the 14 bindir pg_upgrade needs), copied for every cluster. */
    private static synchronized Path template(int major) throws IOException, InterruptedException {
        if (templates == null) {
            templates = Files.createTempDirectory("upgrade-check-pg-templates");
            Path dir = templates;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of("rm", "-rf", dir.toString()), Path.of(System.getProperty("java.io.tmpdir")));
                } catch (IOException | InterruptedException ignored) {
                    // a temp directory left behind is harmless
                }
            }));
            if (ROOT) {
                mustRun(templates, "chmod", "755", templates.toString());
            }
        }
        Path data = templates.resolve("data-" + major);
        if (!Files.isDirectory(data)) {
            Path bin = major == 14 ? oldBindir(templates) : PG15_BIN;
            if (ROOT) {
                mustRun(templates, "chown", "-R", "postgres", templates.toString());
            }
            asPostgres(templates, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "-A", "trust", "--no-sync");
        }
        return templates;
    }

    /** zonky's 14.x (initdb, pg_ctl, postgres) plus what pg_upgrade 15 asks of an old bindir. */
    private static Path oldBindir(Path dir) throws IOException, InterruptedException {
        Path archive = dir.resolve("pg14.txz");
        Files.write(archive, PgServers.archive(14));
        Path home = Files.createDirectories(dir.resolve("old14"));
        mustRun(dir, "tar", "-xJf", archive.toString(), "-C", home.toString());
        Path bin = home.resolve("bin");
        Files.copy(PG15_BIN.resolve("pg_controldata"), bin.resolve("pg_controldata"), StandardCopyOption.REPLACE_EXISTING);
        try (InputStream shim = LocalCluster.class.getResourceAsStream("pg_resetwal-n-shim.sh")) {
            Files.copy(shim, bin.resolve("pg_resetwal"), StandardCopyOption.REPLACE_EXISTING);
        }
        mustRun(dir, "chmod", "755", bin.resolve("pg_resetwal").toString(), bin.resolve("pg_controldata").toString());
        Path link = dir.resolve("bin-14");
        Files.createSymbolicLink(link, bin);
        return link;
    }

    /** PostgreSQL refuses to run as root: servers, initdb and pg_upgrade run as the postgres OS user. */
    private static void asPostgres(Path dir, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            mustRun(dir, "chown", "-R", "postgres", dir.toString());
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        if (run(full, dir) != 0) {
            throw new IOException("failed: " + String.join(" ", command) + "\n" + Files.readString(dir.resolve("last.log")));
        }
    }

    private static void mustRun(Path dir, String... command) throws IOException, InterruptedException {
        if (run(List.of(command), dir) != 0) {
            throw new IOException("failed: " + String.join(" ", command) + "\n" + Files.readString(dir.resolve("last.log")));
        }
    }

    private static int run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createDirectories(dir).resolve("last.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return p.exitValue();
    }
}
