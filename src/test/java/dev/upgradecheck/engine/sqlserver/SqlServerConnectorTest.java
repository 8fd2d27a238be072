package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.RecordedConnectWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.upgradecheck.testing.RecordedConnectWorker.offset;
import static dev.upgradecheck.testing.RecordedConnectWorker.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Debezium SQL Server connector's committed offset (commit_lsn, change_lsn, in Debezium's 0000002a:000001f0:0003
 * form, partition {"server", "database"}) against the recorded database: capture instances start at
 * 0x00000025000000480001 and the max LSN is 0x0000002A000001F00003.
 */
class SqlServerConnectorTest {

    private static final String CAUGHT_UP = "0000002a:000001f0:0003";
    private static final String BEFORE_CLEANUP = "00000020:00000010:0001";
    private static final String MIDWAY = "00000028:00000100:0002";

    @TempDir
    Path dir;

    private final RecordedSqlServer server = new RecordedSqlServer();
    private final RecordedConnectWorker worker = new RecordedConnectWorker();

    @AfterEach
    void stop() {
        worker.close();
    }

    private void connector(String database, String commitLsn) {
        worker.connector("sales-cdc", "RUNNING", List.of(task(0, "RUNNING")), Map.of(
                        "connector.class", "io.debezium.connector.sqlserver.SqlServerConnector",
                        "database.hostname", "db1.internal", "database.names", database,
                        "database.password", "kc-db-Secret77", "topic.prefix", "sales"),
                List.of(offset(Map.of("server", "sales", "database", database),
                        Map.of("commit_lsn", commitLsn, "change_lsn", commitLsn, "event_serial_no", 1))));
    }

    private CliRun.Result command(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--connect-url", worker.url(), "--connector", "sales-cdc",
                "--tables", "dbo.orders,dbo.items"));
        args.addAll(List.of(more));
        return new SqlServerHarness(server).command(command, args.toArray(String[]::new));
    }

    /** drain's report in JSON; its progress lines go to standard error. */
    private CliRun.Result drain(String... more) {
        return drainAs("json", more);
    }

    private CliRun.Result drainAs(String format, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("drain", "--engine", "sqlserver", "--url",
                SqlServerHarness.URL, "--user", "cdc_reader", "--format", format));
        args.addAll(List.of(more));
        return new SqlServerHarness(server).run(args.toArray(String[]::new));
    }

    @Test
    void precheckSeesTheConnectorReadingThisDatabaseCaughtUp() {
        connector("sales", CAUGHT_UP);

        CliRun.Result run = command("precheck");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.status("connect.connector")).isEqualTo("PASS");
        assertThat(run.status("connect.tasks")).isEqualTo("PASS");
        assertThat(run.status("connect.offsets.available")).isEqualTo("PASS");
        assertThat(run.status("connect.config")).isEqualTo("PASS");
        assertThat(run.status("connect.offset")).isEqualTo("PASS");
        assertThat(run.check("connect.lag").get("observed").asText()).contains("= max LSN 0x0000002A000001F00003");
        assertThat(run.out()).doesNotContain("kc-db-Secret77");
    }

    @Test
    void aConnectorForAnotherDatabaseFailsTheConfigCheck() {
        connector("billing", CAUGHT_UP);

        CliRun.Result run = command("precheck");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(run.status("connect.config")).isEqualTo("FAIL");
        assertThat(run.check("connect.config").get("observed").asText()).contains("database.names=billing");
    }

    @Test
    void cleanupPastTheConnectorsOffsetFailsAndMakesTheSnapshotRequired() {
        connector("sales", BEFORE_CLEANUP);

        CliRun.Result precheck = command("precheck");
        CliRun.Result advice = command("snapshot-advice");

        assertThat(precheck.status("connect.offset")).isEqualTo("FAIL");
        assertThat(precheck.check("connect.offset").get("observed").asText())
                .contains("0x00000020000000100001", "dbo_orders (start_lsn 0x00000025000000480001)");
        assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.table("dbo.orders").get("verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void theConnectorsOffsetIsTheContinuityEvidenceTheAdviceNeeds() {
        connector("sales", MIDWAY);

        CliRun.Result advice = command("snapshot-advice");

        assertThat(advice.exitCode()).as(advice.toString()).isEqualTo(ExitCode.OK);
        assertThat(advice.json().get("verdict").asText()).isEqualTo("NOT_NEEDED");
        assertThat(advice.out()).contains("commit_lsn 0x00000028000001000002");
    }

    @Test
    void theBaselineKeepsTheConnectorsOffsetWithoutSecretsAndTheAdviceUsesIt() throws Exception {
        connector("sales", MIDWAY);
        Path baseline = dir.resolve("baseline.json");
        assertThat(command("precheck", "--save-baseline", baseline.toString()).exitCode()).isEqualTo(ExitCode.OK);

        String text = Files.readString(baseline);
        assertThat(text).contains("\"commit_lsn\" : \"00000028:00000100:0002\"").doesNotContain("kc-db-Secret77");

        CliRun.Result advice = new SqlServerHarness(server).command("snapshot-advice", "--tables",
                "dbo.orders,dbo.items", "--baseline", baseline.toString());
        assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("NOT_NEEDED");
        assertThat(advice.out()).contains("recorded in the baseline");
    }

    @Test
    void drainEndsWhenTheCommittedOffsetReachesTheMaxLsnAndTimesOutSayingHowFarBehind() {
        connector("sales", CAUGHT_UP);
        String[] connect = {"--connect-url", worker.url(), "--connector", "sales-cdc"};
        CliRun.Result drained = drain(connect[0], connect[1], connect[2], connect[3], "--timeout", "5s",
                "--interval", "100ms");

        connector("sales", MIDWAY);
        CliRun.Result behind = drain(connect[0], connect[1], connect[2], connect[3], "--timeout", "1s",
                "--interval", "200ms");

        assertThat(drained.exitCode()).as(drained.toString()).isEqualTo(ExitCode.OK);
        assertThat(drained.json().path("command").asText()).isEqualTo("drain");
        assertThat(drained.status("drain")).isEqualTo("PASS");
        assertThat(drained.check("drain").path("observed").asText()).contains("reader at 0x0000002A000001F00003");
        assertThat(behind.exitCode()).as(behind.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(behind.status("drain")).isEqualTo("FAIL");
        assertThat(behind.check("drain").path("observed").asText())
                .contains("not drained after 1s", "behind", "0x00000028000001000002");
        assertThat(behind.json().path("summary").path("fail").asInt()).isEqualTo(1);
        assertThat(behind.err()).as("progress stays on standard error").contains("upgrade-check drain: behind:");
        assertThat(worker.requests()).allSatisfy(r -> assertThat(r).startsWith("GET "));
        assertThat(worker.requests().stream().filter(r -> r.endsWith("/offsets")).count()).isGreaterThan(3);
    }

    @Test
    void drainWithoutTheConnectorSaysSqlServerCannotMeasureTheReader() {
        CliRun.Result run = drain("--timeout", "5s");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(run.status("drain")).isEqualTo("ERROR");
        assertThat(run.check("drain").path("detail").asText()).contains("cannot measure");
        assertThat(run.check("drain").path("remedy").asText()).contains("--connect-url");
        assertThat(run.err()).contains("server alone");
    }

    @Test
    void drainWritesItsReportInEveryFormat() {
        connector("sales", MIDWAY);
        String[] behind = {"--connect-url", worker.url(), "--connector", "sales-cdc", "--timeout", "300ms",
                "--interval", "100ms"};

        CliRun.Result text = drainAs("text", behind);
        CliRun.Result markdown = drainAs("markdown", behind);
        CliRun.Result junit = drainAs("junit", behind);

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(text.out()).contains("FAIL", "drain", "not drained after 300ms").doesNotContain("kc-db-Secret77");
        assertThat(markdown.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(markdown.out()).contains("FAIL", "`drain`", "not drained after 300ms");
        assertThat(junit.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(junit.out()).startsWith("<?xml").contains("<failure", "not drained after 300ms");
    }
}
