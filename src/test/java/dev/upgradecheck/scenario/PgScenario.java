package dev.upgradecheck.scenario;

import dev.upgradecheck.engine.postgres.LocalCluster;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One generated upgrade window on a real PostgreSQL 14 cluster read by a real Debezium connector: the state the
 * steps of {@link PgSteps} act on. It keeps the ground truth (every change the scenario wrote to a captured table)
 * and the script of what it did, numbered, so a failing chain reads as steps to reproduce by hand.
 */
final class PgScenario implements RowWrites, Scenario {

    static final String SLOT = "cdc_slot";
    /** A copy of the slot, read by a second reader to learn what a resume at the baseline would still deliver. */
    private static final String PROBE_SLOT = "probe_slot";
    static final String PUBLICATION = "cdc_pub";
    static final String ORDERS = "public.orders";
    static final String ITEMS = "public.items";
    /** Partitioned by key range (events_low below 1000, events_high above), published through its root. */
    static final String EVENTS = "public.events";
    /** Created unpublished; a step adds it to the publication, and from then on it is captured. */
    static final String LATE = "public.late";

    private final Path dir;
    private final LocalCluster cluster;
    private final DebeziumReader reader;
    private final Ledger ledger = new Ledger(List.of(ORDERS, ITEMS, EVENTS, LATE));
    private int nextKey = 1;
    private boolean heartbeat;
    private boolean upgraded;
    private boolean lateCaptured;
    private boolean itemsPublished = true;
    private boolean walLevelLogical = true;
    private Path baseline;

    private PgScenario(Path dir) {
        this.dir = dir;
        this.cluster = LocalCluster.create14(dir.resolve("cluster"), Ports.unused());
        this.reader = new DebeziumReader(dir.resolve("offsets.dat"), this::connector, () -> slotActive(SLOT));
    }

    /** A fresh cluster with the captured tables, publication and slot, and the reader streaming from the slot. */
    static PgScenario start() {
        PgScenario s;
        try {
            s = new PgScenario(Files.createTempDirectory("pg-scenario"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.cluster.start();
        s.cluster.sql("CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "CREATE TABLE public.items (id int PRIMARY KEY, note text)",
                "CREATE TABLE public.events (id int PRIMARY KEY, note text) PARTITION BY RANGE (id)",
                "CREATE TABLE public.events_low PARTITION OF public.events FOR VALUES FROM (0) TO (1000)",
                "CREATE TABLE public.events_high PARTITION OF public.events FOR VALUES FROM (1000) TO (MAXVALUE)",
                "CREATE TABLE public.late (id int PRIMARY KEY, note text)",
                "CREATE PUBLICATION cdc_pub FOR TABLE public.orders, public.items, public.events "
                        + "WITH (publish_via_partition_root = true)",
                "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')");
        s.reader.start(DebeziumReader.Start.plain(false));
        s.reader.consume(Set.of());
        // a pipeline has streamed before its upgrade window: a row delivered and its offset committed
        s.insert(ORDERS, 1);
        s.readerConsume();
        s.reader.awaitCommittedOffset();
        return s;
    }

    /** The PostgreSQL connector on the scenario's slot and publication (pgoutput). */
    private Properties connector(DebeziumReader.Start how) {
        Properties p = new Properties();
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.hostname", "localhost");
        p.setProperty("database.port", String.valueOf(cluster.port()));
        p.setProperty("database.user", "postgres");
        p.setProperty("database.password", "");
        p.setProperty("database.dbname", "postgres");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", SLOT);
        p.setProperty("publication.name", PUBLICATION);
        p.setProperty("publication.autocreate.mode", "disabled");
        // as an operator configures it: the tables meant to be captured, kept when one leaves the publication
        p.setProperty("table.include.list", String.join(",", writableTables()));
        p.setProperty("offset.mismatch.strategy", how.mismatchStrategy());
        return p;
    }

    // ---- what the steps may do (preconditions)

    @Override
    public List<String> writableTables() {
        return lateCaptured ? List.of(ORDERS, ITEMS, EVENTS, LATE) : List.of(ORDERS, ITEMS, EVENTS);
    }


    boolean readerRunning() {
        return reader.running();
    }

    boolean upgraded() {
        return upgraded;
    }

    /** Read from the server: the reader creates the slot itself when it starts and finds none. */
    boolean slotExists() {
        return slotExists(SLOT);
    }

    private boolean slotExists(String slot) {
        return slotQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
    }

    private boolean slotActive(String slot) {
        return slotQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active");
    }

    private boolean slotQuery(String sql) {
        try (var c = cluster.connect(); var r = c.createStatement().executeQuery(sql)) {
            return r.next();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read pg_replication_slots: " + e.getMessage(), e);
        }
    }

    boolean walLevelLogical() {
        return walLevelLogical;
    }

    boolean lateCaptured() {
        return lateCaptured;
    }

    boolean itemsPublished() {
        return itemsPublished;
    }

    // ---- writes

    @Override
    public int nextKey(String table) {
        // every other key of the partitioned table lands in its second partition
        int key = EVENTS.equals(table) && nextKey % 2 == 0 ? 1000 + nextKey : nextKey;
        nextKey++;
        return key;
    }

    @Override
    public String rowValues() {
        return "'v1'";
    }

    @Override
    public String changedColumns() {
        return "note = note || '+'";
    }

    void truncate(String table) {
        ledger.truncated(table);
        write("truncate " + table, "TRUNCATE " + table);
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public void write(String step, String sql) {
        ledger.log(step);
        cluster.sql(sql);
    }

    // ---- the reader

    /** Starts the reader if it is stopped (a plain connector restart) and lets it catch up. */
    void readerConsume() {
        ledger.log("reader consumes" + (heartbeat ? " (heartbeat on)" : ""));
        ledger.readerRead();
        if (!reader.running()) {
            reader.start(DebeziumReader.Start.plain(heartbeat));
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

    void heartbeat(boolean on) {
        ledger.log("heartbeat " + (on ? "on" : "off") + " (from the reader's next start)");
        heartbeat = on;
    }

    // ---- the tool

    /**
     * The baseline with the reader's committed offset in it (its properties and offsets file, as for a Debezium
     * engine without Kafka Connect), once it committed one: the proof that a slot it confirmed inside its last
     * transaction was drained.
     */
    void saveBaseline() {
        Path config = readerConfig();
        ledger.log("precheck --save-baseline" + (config == null ? " (the reader has committed no offset yet)"
                : " --debezium-config") + (reader.running() ? " (the reader running)" : ""));
        ledger.baselineTaken(new Ledger.Baseline(config != null, !reader.running(), alreadyLost()));
        baseline = dir.resolve("baseline.json");
        List<String> options = new ArrayList<>(List.of("--target-version", "15", "--save-baseline",
                baseline.toString()));
        // a later baseline replaces the earlier one, as a DBA re-taking it would (--force)
        options.add("--force");
        if (config != null) {
            options.addAll(List.of("--debezium-config", config.toString()));
        }
        CliRun.Result r = tool("precheck", options);
        if (r.exitCode() > 1) {
            throw new IllegalStateException("precheck could not run: " + r);
        }
    }

    /**
     * The changes written and not delivered that a reader resumed now (the reader's offsets, a copy of its slot, as
     * the window's end resumes it) would not deliver either: lost before this moment. Without a slot every one is.
     */
    private Set<Change> alreadyLost() {
        Set<Change> undelivered = new java.util.TreeSet<>(ledger.written());
        undelivered.removeAll(reader.delivered());
        if (undelivered.isEmpty() || !slotExists()) {
            return undelivered;
        }
        cluster.sql("SELECT pg_copy_logical_replication_slot('cdc_slot', '" + PROBE_SLOT + "')");
        DebeziumReader probe = reader.fork(dir.resolve("probe-offsets.dat"), how -> {
            Properties p = connector(how);
            p.setProperty("slot.name", PROBE_SLOT);
            // its own metrics MBeans: Debezium waits up to a minute for a running reader's to go otherwise
            p.setProperty("custom.metric.tags", "reader=probe");
            return p;
        }, () -> slotActive(PROBE_SLOT));
        try {
            probe.start(new DebeziumReader.Start(heartbeat, "trust_slot"));
            // a change the probe misses by impatience would pass a loss in the window off as an earlier one
            probe.consume(undelivered, DebeziumReader.PATIENT_QUIET_MS);
        } finally {
            probe.stop();
            dropProbeSlot();
        }
        if (!probe.streamed()) {
            // a probe that never streamed says nothing: every change stays judged in the window
            ledger.log("  (the baseline's probe did not stream: " + probe.failure() + ")");
            return Set.of();
        }
        undelivered.removeAll(probe.delivered());
        return undelivered;
    }

    /** The probe's walsender may outlive its reader's stop for a moment: an active slot cannot be dropped. */
    private void dropProbeSlot() {
        for (int i = 0; i < 100 && slotExists(PROBE_SLOT); i++) {
            if (!slotActive(PROBE_SLOT)) {
                cluster.sql("SELECT pg_drop_replication_slot('" + PROBE_SLOT + "')");
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (slotExists(PROBE_SLOT)) {
            throw new IllegalStateException("the probe's slot stayed active for 10 s after its reader stopped");
        }
    }

    /** The reader's properties, naming its offsets file; null while it has committed no offset. */
    Path readerConfig() {
        return reader.config(dir.resolve("reader.properties"));
    }

    /** Runs the tool against this scenario's cluster, slot and publication. */
    CliRun.Result tool(String command, List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("--slot", SLOT, "--publication", PUBLICATION));
        return PgServers.cli(command, cluster.url(), all.toArray(String[]::new));
    }

    // ---- the server

    void restart() {
        ledger.disrupted("restart");
        ledger.log("server restart");
        reader.stop();
        cluster.restart();
    }

    void crash() {
        ledger.disrupted("crash");
        ledger.log("server crash (immediate stop) and start");
        reader.stop();
        cluster.crash();
        cluster.start();
    }

    void upgrade(boolean logical) {
        toNewMajor("pg_upgrade", "pg_upgrade 14 -> 15", logical, cluster::upgradeTo15);
    }

    void dumpRestore(boolean logical) {
        toNewMajor("dump/restore", "pg_dumpall | psql into a fresh 15 cluster on the same port", logical,
                cluster::dumpRestoreTo15);
    }

    /** The reader stops, then {@code how} runs with the new cluster's settings: wal_level logical or its default. */
    private void toNewMajor(String disruption, String what, boolean logical, Consumer<String[]> how) {
        ledger.disrupted(disruption);
        ledger.log(what + ", new cluster wal_level " + (logical ? "logical" : "default (replica)"));
        reader.stop();
        how.accept(logical ? new String[] {"wal_level = logical"} : new String[0]);
        upgraded = true;
        walLevelLogical = logical;
    }

    // ---- the slot and the publication (with the reader stopped: an active slot cannot be dropped or advanced)

    void dropSlot() {
        ledger.disrupted("slot dropped");
        ledger.log("drop slot");
        cluster.sql("SELECT pg_drop_replication_slot('cdc_slot')");
    }

    void createSlot() {
        ledger.disrupted("slot recreated");
        ledger.log("create slot");
        cluster.sql("SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')");
    }

    void advanceSlot() {
        ledger.disrupted("slot advanced");
        ledger.log("advance slot to the current WAL position");
        cluster.sql("SELECT pg_replication_slot_advance('cdc_slot', pg_current_wal_lsn())");
    }

    void publicationDropItems() {
        ledger.disrupted("publication altered");
        ledger.log("ALTER PUBLICATION cdc_pub DROP TABLE public.items");
        cluster.sql("ALTER PUBLICATION cdc_pub DROP TABLE public.items");
        itemsPublished = false;
    }

    void publicationAdd(String table) {
        ledger.disrupted("publication altered");
        ledger.log("ALTER PUBLICATION cdc_pub ADD TABLE " + table);
        cluster.sql("ALTER PUBLICATION cdc_pub ADD TABLE " + table);
        if (ITEMS.equals(table)) {
            itemsPublished = true;
        } else {
            lateCaptured = true;
            if (reader.running()) {
                // Kafka Connect restarts a connector whose configuration changed: its include list gains the table
                ledger.log("  the connector's table.include.list gains " + table + ": it restarts");
                reader.stop();
                reader.start(DebeziumReader.Start.plain(heartbeat));
                // until it streams again: an engine cannot be stopped while its task starts
                reader.consume(Set.of());
            }
        }
    }

    // ---- the window closes: the verdicts, then the reader resumes and the ground truth is counted

    /**
     * At the runbook's "compare with the baseline" step: verify and snapshot-advice (with the baseline when one was
     * saved, and the reader's offsets once it committed one, as the runbook passes the connector). Then the reader resumes as the runbook says for a NOT_NEEDED verdict (its stored offset, no snapshot,
     * {@code offset.mismatch.strategy=trust_slot}) whatever the verdict was, so what it then misses is the gap a
     * NOT_NEEDED would have left.
     */
    @Override
    public Judgement judge() {
        Path config = readerConfig();
        String given = (baseline == null ? "" : " --baseline") + (config == null ? "" : " --debezium-config");
        ledger.log("verify" + given + "; snapshot-advice" + given);
        List<String> options = new ArrayList<>();
        if (baseline != null) {
            options.addAll(List.of("--baseline", baseline.toString()));
        }
        if (config != null) {
            options.addAll(List.of("--debezium-config", config.toString()));
        }
        CliRun.Result verify = tool("verify", options);
        CliRun.Result advice = tool("snapshot-advice", options);
        ledger.log("reader resumes from its offset, no snapshot, offset.mismatch.strategy=trust_slot");
        reader.stop();
        reader.start(new DebeziumReader.Start(heartbeat, "trust_slot"));
        boolean resumed = reader.consume(ledger.written());
        if (resumed) {
            // the runbook's canary once the pipeline runs again: a row into every captured table must arrive too (a
            // table no longer published, say, loses what comes next, which a NOT_NEEDED would have hidden)
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
            reader.stop();
        } finally {
            cluster.close();
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the scenario directory " + dir, e);
        }
    }
}
