package dev.upgradecheck.engine.mysql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import dev.upgradecheck.value.HumanDuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No false all-clear on a real MariaDB: each loss case (changes a reader cannot get back) must not be NOT_NEEDED
 * and must fail verify; the control cases, where the connector's own offset proves continuity, stay NOT_NEEDED.
 * The connector's offset is written in Debezium's MariaDB shape into the baseline, as precheck --connect-url
 * saves it.
 */
class MariadbContinuityTest {

    private static MariadbTestServer server;
    private static int ids = 5000;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        server = MariadbTestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--engine", "mariadb", "--url", server.url(), "--user", MariadbTestServer.ADMIN,
                "--format", "json"));
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", MariadbTestServer.ADMIN_PASSWORD))
                .run(all.toArray(String[]::new));
    }

    private static void write(int transactions) throws Exception {
        for (int i = 0; i < transactions; i++) {
            server.adminExecute("INSERT INTO shop.orders VALUES (" + (++ids) + ", 1)");
        }
    }

    private static String gtidPos() throws Exception {
        return server.adminQuery("SELECT @@GLOBAL.gtid_binlog_pos");
    }

    /** Debezium's MariaDB offset: the start of the last transaction, the GTIDs completed before it. */
    private static Map<String, Object> offset(MysqlCatalog.BinlogPosition at, String gtids, int event) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", at.file());
        o.put("pos", at.position());
        o.put("gtids", gtids);
        o.put("server_id", 1);
        o.put("event", event);
        o.put("row", event == 0 ? 0 : 1);
        o.put("ts_sec", 1_767_225_600);
        return o;
    }

    private static PipelineView connector(Map<String, Object> offset) {
        return new PipelineView("shop-cdc", ConnectorChecks.MARIADB_CONNECTOR, "RUNNING", List.of("RUNNING"),
                Map.of("database.hostname", "127.0.0.1", "database.port", String.valueOf(server.port()),
                        "database.server.id", "5400", "table.include.list", "shop\\.orders"),
                List.of(new ConnectorOffset(Map.of("server", "shop-cdc"), offset)), null, Instant.now());
    }

    /** precheck --save-baseline, then the connector's view added as the baseline's pipeline. */
    private Path baseline(Map<String, Object> offset) throws Exception {
        Path file = tmp.resolve("baseline.json");
        CliRun.Result precheck = cli("precheck", "--save-baseline", file.toString(), "--only", "mysql.log_bin");
        assertThat(precheck.exitCode()).as(precheck.out() + precheck.err()).isZero();
        if (offset != null) {
            ObjectNode json = (ObjectNode) Json.mapper().readTree(file.toFile());
            json.set("pipeline", Json.mapper().valueToTree(connector(offset)));
            Files.writeString(file, Json.mapper().writeValueAsString(json));
        }
        return file;
    }

    private static ConnectionSpec spec() {
        return new ConnectionSpec("mariadb", server.url(), MariadbTestServer.ADMIN,
                Secret.of(MariadbTestServer.ADMIN_PASSWORD), HumanDuration.parse("5s"), HumanDuration.parse("5s"));
    }

    private static CliRun.Result advice(Path baseline) {
        return cli("snapshot-advice", "--baseline", baseline.toString(), "--tables", "shop.orders");
    }

    private static CliRun.Result verify(Path baseline) {
        return cli("verify", "--cdc-user", MariadbTestServer.CDC, "--baseline", baseline.toString());
    }

    @Test
    void controlConnectorOffsetAtTheHeadWithWritesAfterIsNotNeeded() throws Exception {
        Path baseline = baseline(offset(server.head(), gtidPos(), 0));
        write(2);
        server.adminExecute("FLUSH BINARY LOGS");

        CliRun.Result advice = advice(baseline);
        assertThat(advice.exitCode()).as(advice.out()).isZero();
        assertThat(advice.json().path("verdict").asText()).isEqualTo("NOT_NEEDED");
        assertThat(advice.json().path("evidence").toString()).contains("connector offset");
        CliRun.Result verify = verify(baseline);
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.status("mysql.verify.reader")).isEqualTo("PASS");
        assertThat(verify.status("mysql.verify.row_events")).isEqualTo("PASS");
    }

    /**
     * A transaction from another server_id in the connector's domain (a restart with another server-id): MariaDB
     * could serve the old position, but Debezium's connector refuses it (found by the MariaDB scenarios).
     */
    @Test
    void aTransactionFromAnotherServerIdInTheConnectorsDomainIsNoAllClear() throws Exception {
        Path baseline = baseline(offset(server.head(), gtidPos(), 0));
        server.adminExecute("SET GLOBAL server_id = 2");
        try {
            write(1);
        } finally {
            server.adminExecute("SET GLOBAL server_id = 1");
        }

        CliRun.Result advice = advice(baseline);
        assertThat(advice.json().path("verdict").asText()).as(advice.out()).isEqualTo("REQUIRED");
        assertThat(advice.json().path("reasons").toString()).contains("another server_id");
        CliRun.Result verify = verify(baseline);
        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.reader")).isEqualTo("FAIL");
    }

    /**
     * A baseline taken while binlog_row_image was MINIMAL, writes, then FULL again: snapshot-advice said REQUIRED
     * but verify exited 0, as the settings check only WARNs on a change (found by the MariaDB scenarios).
     */
    @Test
    void writesSinceABaselineTakenWithMinimalRowImagesFailVerify() throws Exception {
        server.adminExecute("SET GLOBAL binlog_row_image = 'MINIMAL'");
        Path baseline;
        try {
            baseline = baseline(offset(server.head(), gtidPos(), 0));
            write(1);
        } finally {
            server.adminExecute("SET GLOBAL binlog_row_image = 'FULL'");
        }

        CliRun.Result verify = verify(baseline);
        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.row_events")).isEqualTo("FAIL");
        assertThat(verify.check("mysql.verify.row_events").get("detail").asText()).contains("MINIMAL at the baseline");
    }

    /** binlog_format MIXED for a while and set back: the settings look right; only the binlog holds the statements. */
    @Test
    void changesLoggedAsStatementsWhileBinlogFormatWasMixedRequireASnapshot() throws Exception {
        Path baseline = baseline(offset(server.head(), gtidPos(), 0));
        server.adminExecute("SET GLOBAL binlog_format = 'MIXED'");
        try {
            write(2);
        } finally {
            server.adminExecute("SET GLOBAL binlog_format = 'ROW'");
        }
        write(1);

        CliRun.Result advice = advice(baseline);
        assertThat(advice.json().path("verdict").asText()).as(advice.out()).isEqualTo("REQUIRED");
        assertThat(advice.json().path("reasons").toString()).contains("2 change(s) logged as statements")
                .contains("the first: INSERT at ");
        CliRun.Result verify = verify(baseline);
        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.row_events")).isEqualTo("FAIL");
    }

    @Test
    void liveBinlogRowImageMinimalWithAnUpdateRequiresASnapshot() throws Exception {
        Path baseline = baseline(offset(server.head(), gtidPos(), 0));
        server.adminExecute("SET GLOBAL binlog_row_image = 'MINIMAL'");
        try {
            server.adminExecute("UPDATE shop.orders SET amount = amount + 1");

            CliRun.Result advice = advice(baseline);
            assertThat(advice.exitCode()).isEqualTo(1);
            assertThat(advice.json().path("verdict").asText()).isEqualTo("REQUIRED");
            assertThat(advice.table("shop.orders").path("verdict").asText()).isEqualTo("REQUIRED");
            assertThat(advice.json().path("reasons").toString()).contains("binlog_row_image = MINIMAL");
            assertThat(verify(baseline).exitCode()).isEqualTo(1);
        } finally {
            server.adminExecute("SET GLOBAL binlog_row_image = 'FULL'");
        }
    }

    @Test
    void aPausedRealReaderBehindTheBaselineIsNoAllClear() throws Exception {
        MysqlCatalog.BinlogPosition start = server.head();
        Process reader = server.startBinlogReader(start.file(), start.position(), tmp);
        try {
            write(1);
            String read = gtidPos();
            Path out = tmp.resolve("binlog-reader.out");
            // the reader's output file appears once the process has started writing (seen missing on a loaded machine)
            Eventually.poll(Duration.ofSeconds(20), Duration.ofMillis(100),
                    () -> Files.exists(out) ? Files.readString(out) : "", text -> text.contains("GTID " + read));
        } finally {
            reader.destroy();
            reader.waitFor();
        }
        assertThat(Files.readString(tmp.resolve("binlog-reader.out"))).as("the reader read up to " + gtidPos())
                .contains("GTID " + gtidPos());
        write(1);
        String unread = gtidPos();
        server.adminExecute("FLUSH BINARY LOGS");
        write(1);
        Path baseline = baseline(null);
        server.purgeBinlogsTo(server.head().file());
        assertThat(Files.readString(tmp.resolve("binlog-reader.out"))).doesNotContain("GTID " + unread);

        CliRun.Result advice = advice(baseline);
        assertThat(advice.json().path("verdict").asText()).isNotEqualTo("NOT_NEEDED");
        assertThat(advice.exitCode()).isEqualTo(1);
        assertThat(advice.json().path("reasons").toString()).contains("the reader's own position is unknown");
        CliRun.Result verify = verify(baseline);
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.reader")).isEqualTo("FAIL");
    }

    @Test
    void noBaselineAndNoConnectorOffsetIsNoAllClear() {
        for (String[] args : List.of(new String[] {"snapshot-advice"},
                new String[] {"snapshot-advice", "--target-version", "10.11.99"})) {
            CliRun.Result advice = cli(args);
            assertThat(advice.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(advice.json().path("verdict").asText()).isEqualTo("RECOMMENDED");
            assertThat(advice.json().path("reasons").toString()).contains("--connect-url");
        }
    }

    @Test
    void resetMasterAfterTheBaselineIsDetectedThoughNamesAndSequencesMatchAgain() throws Exception {
        server.adminExecute("RESET MASTER");
        write(3);
        Path baseline = baseline(offset(server.head(), gtidPos(), 0));
        MysqlCatalog.BinlogPosition then = server.head();
        server.adminExecute("RESET MASTER");
        // more, and larger, transactions than before: the same file name, longer, and higher sequence numbers
        for (int i = 0; i < 5; i++) {
            server.adminExecute("INSERT INTO shop.orders VALUES (" + (++ids) + ", 1), (" + (++ids) + ", 2)");
        }
        assertThat(server.head().file()).isEqualTo(then.file());
        assertThat(server.head().position()).isGreaterThan(then.position());

        CliRun.Result advice = advice(baseline);
        assertThat(advice.exitCode()).isEqualTo(1);
        assertThat(advice.json().path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.json().path("reasons").toString()).contains("BINLOG_GTID_POS");
        CliRun.Result verify = verify(baseline);
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.gtid")).isEqualTo("FAIL");
    }

    /**
     * Without a baseline an offset the binlog still serves is no proof: after RESET MASTER the new transactions
     * reuse the GTIDs, so a connector that resumed from its old GTID skipped the first of them and now sits at the
     * head of a history it only partly read.
     */
    @Test
    void withoutABaselineAConnectorAtTheHeadAfterResetMasterIsNoAllClear() throws Exception {
        server.adminExecute("RESET MASTER");
        write(5);
        PipelineView resumedPastReusedGtids = connector(offset(server.head(), gtidPos(), 0));
        TargetOptions options = TargetOptions.NONE.withTables(List.of("shop.orders"));
        try (MysqlSession session = (MysqlSession) new MysqlInspector().open(spec())) {
            SnapshotAdvice advice = session.adviseSnapshot(new Inspection(options, CheckSelection.ALL,
                    resumedPastReusedGtids), Optional.empty());

            assertThat(advice.verdict()).as(advice.toString()).isEqualTo(Verdict.RECOMMENDED);
            assertThat(advice.evidence()).isEmpty();
            assertThat(advice.reasons()).anyMatch(r -> r.contains("it resumes by GTID"))
                    .anyMatch(r -> r.contains("RESET MASTER"));
        }
    }

    @Test
    void thePurgedFileOfTheConnectorsLastTransactionRequiresASnapshot() throws Exception {
        server.adminExecute("FLUSH BINARY LOGS");
        MysqlCatalog.BinlogPosition lastTransaction = server.head();
        String completedBefore = gtidPos();
        write(1);
        server.adminExecute("FLUSH BINARY LOGS");
        write(1);
        // the connector had sent part of its last transaction when it stopped: its offset points before it
        Path baseline = baseline(offset(lastTransaction, completedBefore, 2));
        server.purgeBinlogsTo(server.head().file());

        CliRun.Result advice = advice(baseline);
        assertThat(advice.exitCode()).isEqualTo(1);
        assertThat(advice.json().path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.json().path("reasons").toString()).contains(lastTransaction.file());
        CliRun.Result verify = verify(baseline);
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.reader")).isEqualTo("FAIL");
    }

    @Test
    void connectorChecksAndDrainJudgeTheOffsetAgainstTheBinlog() throws Exception {
        MysqlCatalog.BinlogPosition behindAt = server.head();
        String behindGtids = gtidPos();
        write(2);
        PipelineView atHead = connector(offset(server.head(), gtidPos(), 0));
        PipelineView behind = connector(offset(behindAt, behindGtids, 0));
        TargetOptions options = TargetOptions.NONE.withTables(List.of("shop.orders"));
        try (MysqlSession session = (MysqlSession) new MysqlInspector().open(spec())) {
            DrainStatus drained = session.drainStatus(Optional.of(atHead), options);
            assertThat(drained.drained()).as(drained.toString()).isTrue();
            assertThat(drained.basis()).contains("committed offset");

            DrainStatus lagging = session.drainStatus(Optional.of(behind), options);
            assertThat(lagging.drained()).isFalse();
            assertThat(lagging.behind()).isEqualTo("domain 0: 2 transactions");

            DrainStatus serverSide = session.drainStatus(Optional.empty(), options);
            assertThat(serverSide.drained()).isFalse();
            assertThat(serverSide.basis()).startsWith("server-side, weaker");

            var checks = session.connectorChecks(behind, Inspection.of(options));
            assertThat(checks).extracting(r -> r.id() + "=" + r.status())
                    .containsExactly("connect.config=PASS", "connect.offset=PASS", "connect.binlog_filter=PASS");
        }
    }

    /**
     * Found while building the MariaDB scenarios' canary: a server restarted with the captured database left out of
     * its binlog (binlog-ignore-db) logs nothing of its writes, so the connector's offset still sits at a position the
     * binlog serves; snapshot-advice said NOT_NEEDED and verify exited 0 while the writes never reached the reader.
     */
    @Test
    void aCapturedDatabaseLeftOutOfTheBinlogIsNoAllClear() throws Exception {
        Path baseline = baseline(offset(server.head(), gtidPos(), 0));
        server.restartWith("--binlog-ignore-db=shop");
        try {
            write(2);
            CliRun.Result advice = advice(baseline);
            assertThat(advice.json().path("verdict").asText()).as(advice.out()).isEqualTo("REQUIRED");
            assertThat(advice.json().path("reasons").toString()).contains("binlog_ignore_db=shop");
            try (MysqlSession session = (MysqlSession) new MysqlInspector().open(spec())) {
                var checks = session.connectorChecks(connector(offset(server.head(), gtidPos(), 0)),
                        Inspection.of(TargetOptions.NONE));
                assertThat(checks).extracting(r -> r.id() + "=" + r.status()).contains("connect.binlog_filter=FAIL");
            }
        } finally {
            server.restart();
        }
    }
}
