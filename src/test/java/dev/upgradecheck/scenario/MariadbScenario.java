package dev.upgradecheck.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.pipeline.DebeziumConfigs;
import dev.upgradecheck.testing.pipeline.Pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One generated upgrade window on a real MariaDB server (binlog in ROW format, GTID strict mode) read by a real
 * Debezium MariaDB connector on a real Kafka Connect worker ({@link ConnectReader}): the state the steps of {@link MariadbSteps} act on. It keeps the ground truth (every
 * change written to a captured table) and the numbered script of what it did.
 */
final class MariadbScenario implements RowWrites, Scenario {

    static final String ORDERS = "shop.orders";
    static final String ITEMS = "shop.items";
    private static final List<String> TABLES = List.of(ORDERS, ITEMS);

    private final Path dir;
    private final MariadbTestServer server;
    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    private final ConnectReader reader;
    /** The probe's binlog client: a server id of its own, and an account of its own to find its dump thread by. */
    private final Map<String, String> probeClient;
    private final Ledger ledger = new Ledger(TABLES);
    private int probes;
    private int nextKey = 1;
    private Path baseline;
    /** Server options now in the configuration file: every later restart keeps them. */
    private final List<String> configured = new ArrayList<>();

    private MariadbScenario(Path dir, MariadbTestServer server) {
        this.dir = dir;
        this.server = server;
        Pipeline pipeline = Pipeline.shared();
        String name = "scen-maria-" + SCENARIOS.incrementAndGet();
        Map<String, String> config = new LinkedHashMap<>(DebeziumConfigs.mariadb(server.port(), MariadbTestServer.CDC,
                MariadbTestServer.CDC_PASSWORD, name, ORDERS, pipeline.bootstrapServers()));
        config.put("table.include.list", String.join(",", TABLES));
        this.reader = new ConnectReader(pipeline, name, config, () -> dumpThreadRunning(MariadbTestServer.CDC));
        this.probeClient = Map.of("database.server.id",
                String.valueOf(Integer.parseInt(config.get("database.server.id")) + 100_000),
                "database.user", MariadbTestServer.ADMIN, "database.password", MariadbTestServer.ADMIN_PASSWORD);
    }

    /** A fresh server with the captured tables, and the reader streaming from the binlog's head. */
    static MariadbScenario start() {
        try {
            MariadbTestServer server = MariadbTestServer.start();
            server.adminExecute("CREATE TABLE shop.items (id INT PRIMARY KEY, amount INT)");
            MariadbScenario s = new MariadbScenario(Files.createTempDirectory("mariadb-scenario"), server);
            s.reader.start();
            s.reader.consume(Set.of());
            // a pipeline has streamed before its upgrade window: a row delivered and its offset committed
            JsonNode snapshotOffset = s.reader.committedOffset();
            s.insert(ORDERS, 1);
            s.readerConsume();
            s.reader.awaitCommittedOffsetBeyond(snapshotOffset);
            return s;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the MariaDB scenario: " + e.getMessage(), e);
        }
    }

    private boolean dumpThreadRunning(String user) {
        try {
            return !server.dumpThreads(user).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the process list: " + e.getMessage(), e);
        }
    }

    // ---- what the steps may do (preconditions)

    @Override
    public List<String> writableTables() {
        return TABLES;
    }


    boolean readerRunning() {
        return reader.running();
    }

    // ---- writes

    @Override
    public int nextKey(String table) {
        return nextKey++;
    }

    @Override
    public String rowValues() {
        return "1";
    }

    @Override
    public String changedColumns() {
        return "amount = amount + 1";
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public void write(String step, String sql) {
        ledger.log(step);
        admin(sql);
    }

    private void admin(String sql) {
        try {
            server.adminExecute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    // ---- the reader

    void readerConsume() {
        ledger.log("reader consumes");
        ledger.readerRead();
        if (!reader.running()) {
            reader.start();
        }
        if (!reader.consume(ledger.written())) {
            ledger.log("  reader stopped by itself: " + reader.failure());
            reader.stop();
        }
    }

    void readerStop() {
        ledger.log("reader stops");
        reader.stop();
    }

    // ---- the binlog and the server

    void flushBinaryLogs() {
        ledger.disrupted("binlog rotated");
        ledger.log("FLUSH BINARY LOGS");
        admin("FLUSH BINARY LOGS");
    }

    /** With the reader stopped, as a DBA frees disk in the window: every binlog file but the newest goes. */
    void purgeToNewest() {
        ledger.disrupted("binlogs purged");
        try {
            String newest = server.adminQuery("SHOW BINLOG STATUS");
            ledger.log("PURGE BINARY LOGS TO '" + newest + "'");
            server.purgeBinlogsTo(newest);
        } catch (Exception e) {
            throw new IllegalStateException("cannot purge the binlogs: " + e.getMessage(), e);
        }
    }

    /** With the reader stopped: every binlog file goes and the GTID binlog position starts again, empty. */
    void resetMaster() {
        ledger.disrupted("RESET MASTER");
        ledger.log("RESET MASTER");
        admin("RESET MASTER");
    }

    void restart() {
        restartWith("restart");
    }

    /**
     * The connector stops, then the server restarts with {@code options} added (a changed setting such as
     * {@code --binlog-format=MIXED}); a later plain restart drops them, as a DBA undoing the change.
     */
    void restartWith(String what, String... options) {
        ledger.disrupted(what);
        ledger.log("server " + what);
        reader.stop();
        List<String> all = new ArrayList<>(configured);
        all.addAll(List.of(options));
        try {
            server.restartWith(all.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart MariaDB: " + e.getMessage(), e);
        }
    }

    /**
     * A binlog filter that leaves the captured database out, written into the configuration (a new package's
     * my.cnf, a copied template) and so kept by every later restart. A filter set and removed again inside the
     * window is not in the vocabulary: the server then keeps no trace of it, as of writes made with sql_log_bin=0,
     * and only the destination shows the loss (the runbook's reconcile).
     */
    void restartWithBinlogFilter() {
        configured.add("--binlog-ignore-db=shop");
        restartWith("restart with binlog-ignore-db=shop in its configuration");
    }

    boolean binlogFiltered() {
        return !configured.isEmpty();
    }

    // ---- the tool

    /** The baseline, with the connector's committed offset in it (--connect-url, as the runbook says). */
    void saveBaseline() {
        ledger.log("precheck --save-baseline --connect-url" + (reader.running() ? " (the reader running)" : ""));
        ledger.baselineTaken(new Ledger.Baseline(true, !reader.running(), alreadyLost()));
        baseline = dir.resolve("baseline.json");
        // a later baseline replaces the earlier one, as a DBA re-taking it would (--force)
        List<String> options = new ArrayList<>(List.of("--save-baseline", baseline.toString(), "--force"));
        CliRun.Result r = tool("precheck", options);
        if (r.exitCode() > 1) {
            throw new IllegalStateException("precheck could not run: " + r);
        }
    }

    /**
     * The changes written and not delivered that the connector resumed now would not deliver either: lost before this
     * moment. A binlog reader consumes nothing, so a second connector resumed from a copy of the reader's committed
     * offsets tells (its own binlog client, schema history and topics), given 10 s of quiet.
     */
    private Set<Change> alreadyLost() {
        Set<Change> undelivered = new TreeSet<>(ledger.written());
        undelivered.removeAll(reader.delivered());
        if (undelivered.isEmpty()) {
            return undelivered;
        }
        ConnectReader probe = reader.probe(reader.name() + "-probe-" + ++probes, probeClient,
                () -> dumpThreadRunning(MariadbTestServer.ADMIN));
        if (probe == null) {
            ledger.log("  (no probe at the baseline: the connector has committed no offset)");
            return Set.of();
        }
        long started = System.nanoTime();
        try {
            probe.start();
            // a change the probe misses by impatience would pass a loss in the window off as an earlier one
            probe.consume(undelivered, DebeziumReader.PATIENT_QUIET_MS);
            // stopped before it goes: a binlog client whose dump thread is killed under it reconnects
            probe.stop();
        } finally {
            probe.close();
            killDumpThreads(MariadbTestServer.ADMIN);
        }
        // the probe's cost, for the long run's log: it must not make each scenario much slower
        System.out.printf("probe at the baseline: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        if (!probe.streamed()) {
            // a probe that never streamed says nothing: every change stays judged in the window
            ledger.log("  (the baseline's probe did not stream: " + probe.failure() + ")");
            return Set.of();
        }
        undelivered.removeAll(probe.delivered());
        return undelivered;
    }

    /** A dump thread outlives its reader until the next event: the reader's checks must not take it for a reader. */
    private void killDumpThreads(String user) {
        try {
            server.killDumpThreads(user);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the probe's dump thread: " + e.getMessage(), e);
        }
    }

    private CliRun.Result tool(String command, List<String> options) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(options);
        all.addAll(List.of("--engine", "mariadb", "--url", server.url(), "--user", MariadbTestServer.ADMIN,
                "--format", "json", "--connect-url", reader.connectUrl().toString(), "--connector", reader.name()));
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", MariadbTestServer.ADMIN_PASSWORD))
                .run(all.toArray(String[]::new));
    }

    // ---- the window closes: the verdicts, then the reader resumes and the ground truth is counted

    /**
     * verify and snapshot-advice (with the baseline when one was saved, and the connector as the runbook passes it);
     * then the connector resumes as the runbook says for NOT_NEEDED (its committed offset, no snapshot) whatever the
     * verdict was, so what it then misses is the gap a NOT_NEEDED would have left; once it streams, the canary.
     */
    @Override
    public Judgement judge() {
        String given = (baseline == null ? "" : " --baseline") + " --connect-url";
        ledger.log("verify" + given + "; snapshot-advice" + given);
        List<String> options = new ArrayList<>();
        if (baseline != null) {
            options.addAll(List.of("--baseline", baseline.toString()));
        }
        List<String> verifyOptions = new ArrayList<>(options);
        verifyOptions.addAll(List.of("--cdc-user", MariadbTestServer.CDC));
        CliRun.Result verify = tool("verify", verifyOptions);
        CliRun.Result advice = tool("snapshot-advice", options);
        ledger.log("connector resumes from its offset, no snapshot");
        reader.stop();
        reader.start();
        boolean resumed = reader.consume(ledger.written());
        if (resumed) {
            // the runbook's canary once the pipeline runs again: a row into every captured table must arrive too (a
            // connector that no longer streams a table loses what comes next, which a NOT_NEEDED would have hidden)
            ledger.log("canary: a row into every captured table");
            writableTables().forEach(t -> insert(t, 1));
            resumed = reader.consume(ledger.written());
        }
        String refusal = resumed ? null : reader.failure();
        reader.stop();
        return Judgement.of(ledger, verify, advice, reader.delivered(), refusal);
    }

    @Override
    public void close() {
        try {
            reader.close();
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the MariaDB scenario: " + e.getMessage(), e);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the scenario directory " + dir, e);
            }
        }
    }
}
