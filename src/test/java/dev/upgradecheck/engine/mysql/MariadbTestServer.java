package dev.upgradecheck.engine.mysql;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away MariaDB server for one test class: Debian's mariadb-server binaries (.ci/run installs them),
 * a fresh data directory, a free loopback port, binary logging in ROW format. Tests that need it are skipped
 * (not failed) where the binaries are missing.
 */
public final class MariadbTestServer implements AutoCloseable {

    public static final String ADMIN = "uc_admin";
    public static final String ADMIN_PASSWORD = "admin-pw-7";
    public static final String CDC = "uc_cdc";
    public static final String CDC_PASSWORD = "cdc-pw-7";
    /** Can read tables but not the binlog: the account whose missing grants the tests expect to see named. */
    public static final String NO_REPLICATION = "uc_norepl";
    public static final String NO_REPLICATION_PASSWORD = "norepl-pw-7";

    /** ER_NO_SUCH_THREAD: the thread ended between the look and the KILL. */
    private static final int UNKNOWN_THREAD = 1094;
    private static Path template;

    private final Path dir;
    private final int port;
    private final List<String> command;
    private Process process;

    private MariadbTestServer(Path dir, int port, List<String> command) throws IOException {
        this.dir = dir;
        this.port = port;
        this.command = command;
        this.process = launch(command);
    }

    private Process launch(List<String> options) throws IOException {
        return new ProcessBuilder(options).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
    }

    /** Whether the MariaDB binaries a test server needs are on this machine. */
    public static boolean installed() {
        return serverBinary().isPresent() && installBinary().isPresent();
    }

    private static Optional<Path> serverBinary() {
        return find("mariadbd", "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");
    }

    private static Optional<Path> installBinary() {
        return find("mariadb-install-db", "/usr/bin", "/usr/local/bin", "/usr/sbin");
    }

    /** Starts a server, or aborts the calling test class (JUnit assumption) when MariaDB is not installed. */
    public static MariadbTestServer start() throws Exception {
        Assumptions.assumeTrue(installed(),
                "MariaDB binaries not installed (apt-get install mariadb-server; .ci/run does it)");
        Optional<Path> server = serverBinary();
        Optional<Path> install = installBinary();
        Path dir = Files.createTempDirectory("uc-mariadb-");
        Path data = dir.resolve("data");
        Path init = dir.resolve("init.sql");
        Files.writeString(init, String.join("\n",
                // IF NOT EXISTS: the init file runs again at every restart
                "CREATE USER IF NOT EXISTS '" + ADMIN + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "';",
                "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION;",
                "CREATE USER IF NOT EXISTS '" + CDC + "'@'%' IDENTIFIED BY '" + CDC_PASSWORD + "';",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, LOCK TABLES ON *.* TO '" + CDC + "'@'%';",
                "CREATE USER IF NOT EXISTS '" + NO_REPLICATION + "'@'%' IDENTIFIED BY '" + NO_REPLICATION_PASSWORD + "';",
                "GRANT SELECT ON `shop`.* TO '" + NO_REPLICATION + "'@'%';",
                "CREATE DATABASE IF NOT EXISTS shop;",
                "CREATE TABLE IF NOT EXISTS shop.orders (id INT PRIMARY KEY, amount INT);",
                ""));
        copy(installedTemplate(install.get()), data);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(server.get().toString(), "--no-defaults",
                "--datadir=" + data, "--tmpdir=" + tmp, "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--user=root", "--log-bin=" + data.resolve("binlog"), "--binlog-format=ROW", "--server-id=1",
                "--gtid-strict-mode=ON", "--skip-name-resolve", "--init-file=" + init,
                "--innodb-buffer-pool-size=16M", "--log-error=" + dir.resolve("error.log"),
                "--pid-file=" + dir.resolve("mariadbd.pid")));
        MariadbTestServer started = new MariadbTestServer(dir, port, List.copyOf(command));
        started.awaitReady();
        return started;
    }

    /**
     * One mariadb-install-db per JVM (it takes seconds, more on a loaded machine), copied for each server: the
     * scenarios start a fresh server for every generated window.
     */
    private static synchronized Path installedTemplate(Path install) throws IOException, InterruptedException {
        if (template == null) {
            Path dir = Files.createTempDirectory("uc-mariadb-template-");
            Path data = dir.resolve("data");
            // a temp directory of its own: two test JVMs bootstrapping at once in /tmp lost each other's temp tables
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            run(List.of(install.toString(), "--no-defaults", "--datadir=" + data, "--tmpdir=" + tmp, "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db"), dir.resolve("install.log"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            template = data;
        }
        return template;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind at exit is harmless
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited: " + Files.readString(dir.resolve("error.log")));
            }
            try (Connection c = admin()) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("mariadbd did not accept connections within 60s", last);
    }

    public String url() {
        return "jdbc:mysql://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    /** The test's own writable connection: what a DBA would do, never what the tool does. */
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(url() + "?allowPublicKeyRetrieval=true", ADMIN, ADMIN_PASSWORD);
    }

    public void adminExecute(String... statements) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    public String adminQuery(String sql) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * A real binlog reader: {@code mariadb-binlog --read-from-remote-server --stop-never} as the CDC account,
     * streaming from a file and position into {@code dir}. Aborts the calling test where the client is missing.
     */
    public Process startBinlogReader(String file, long position, Path dir) throws IOException {
        Optional<Path> client = find("mariadb-binlog", "/usr/bin", "/usr/local/bin");
        Assumptions.assumeTrue(client.isPresent(), "mariadb-binlog not installed (apt-get install mariadb-client)");
        ProcessBuilder reader = new ProcessBuilder(client.get().toString(), "--read-from-remote-server",
                "--stop-never", "--host=127.0.0.1", "--port=" + port, "--user=" + CDC, "--start-position=" + position,
                "--result-file=" + dir.resolve("binlog-reader.out"), file)
                .redirectErrorStream(true).redirectOutput(dir.resolve("binlog-reader.log").toFile());
        reader.environment().put("MYSQL_PWD", CDC_PASSWORD);
        return reader.start();
    }

    /** The current binlog file and position (SHOW BINLOG STATUS). */
    public MysqlCatalog.BinlogPosition head() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement(); var rs = s.executeQuery("SHOW BINLOG STATUS")) {
            rs.next();
            return new MysqlCatalog.BinlogPosition(rs.getString(1), rs.getLong(2));
        }
    }

    /**
     * Purges every binlog file before {@code file}. MariaDB keeps a file until its binlog
     * checkpoint is written (asynchronously), so the purge is retried until the files are gone.
     */
    public void purgeBinlogsTo(String file) throws Exception {
        for (int i = 0; i < 100; i++) {
            adminExecute("PURGE BINARY LOGS TO '" + file + "'");
            if (file.equals(adminQuery("SHOW BINARY LOGS"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("MariaDB kept binlogs older than " + file);
    }

    /** The binlog dump threads' states, as the test's admin sees them. */
    public List<String> dumpThreadStates() throws SQLException {
        return new ArrayList<>(dumpThreads("%").values());
    }

    /** The binlog dump threads serving the accounts {@code user} (a LIKE pattern) names: thread id to state. */
    public Map<Long, String> dumpThreads(String user) throws SQLException {
        Map<Long, String> threads = new LinkedHashMap<>();
        try (Connection c = admin(); var s = c.prepareStatement("SELECT ID, STATE FROM information_schema.PROCESSLIST"
                + " WHERE COMMAND LIKE 'Binlog Dump%' AND USER LIKE ?")) {
            s.setString(1, user);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    threads.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return threads;
    }

    /** Ends the dump threads serving {@code user}: one whose reader went waits for the next event before it sees. */
    public void killDumpThreads(String user) throws SQLException {
        for (long id : dumpThreads(user).keySet()) {
            try {
                adminExecute("KILL CONNECTION " + id);
            } catch (SQLException e) {
                if (e.getErrorCode() != UNKNOWN_THREAD) {
                    throw e;
                }
            }
        }
    }

    private static Optional<Path> find(String name, String... dirs) {
        for (String d : dirs) {
            Path p = Paths.get(d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Paths.get(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A clean shutdown (SIGTERM) and a start on the same data directory and port, as a DBA's restart. */
    public void restart() throws Exception {
        restartWith();
    }

    /**
     * A restart with server options added after the usual ones (the later one wins, e.g. {@code --binlog-format=MIXED}
     * or {@code --server-id=2}), as a DBA's edited configuration; the next plain {@link #restart()} drops them again.
     */
    public void restartWith(String... options) throws Exception {
        stop();
        List<String> withOptions = new ArrayList<>(command);
        withOptions.addAll(List.of(options));
        process = launch(withOptions);
        awaitReady();
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        deleteTree(dir);
    }
}
