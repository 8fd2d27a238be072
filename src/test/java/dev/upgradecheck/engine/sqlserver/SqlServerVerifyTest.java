package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.RecordedCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** precheck --save-baseline, then verify and snapshot-advice against a changed (recorded) database. */
@ExtendWith(RecordedCatalog.EveryQueryAnswered.class) // a few commands: SqlServerPrecheckTest asks every answer
class SqlServerVerifyTest {

    @TempDir
    Path dir;

    private final RecordedSqlServer server = new RecordedSqlServer();

    private Path saveBaseline() {
        Path file = dir.resolve("baseline.json");
        CliRun.Result run = new SqlServerHarness(server).command("precheck", "--tables", "dbo.orders,dbo.items",
                "--save-baseline", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        return file;
    }

    private CliRun.Result after(String command, Path baseline) {
        return new SqlServerHarness(server).command(command, "--tables", "dbo.orders,dbo.items",
                "--baseline", baseline.toString());
    }

    @Test
    void baselineRecordsMaxLsnAndCaptureInstancesWithoutSecrets() throws Exception {
        Path file = saveBaseline();

        String text = Files.readString(file);
        JsonNode state = new CliRun.Result(0, text, "").json().path("state");
        assertThat(state.path("maxLsn").asText()).isEqualTo("0x0000002A000001F00003");
        assertThat(state.path("database").asText()).isEqualTo("sales");
        assertThat(state.path("captureInstances")).hasSize(2);
        assertThat(state.path("captureInstances").get(0).path("startLsn").asText()).isEqualTo("0x00000025000000480001");
        assertThat(text).doesNotContain(SqlServerHarness.PASSWORD);
    }

    @Test
    void verifyPassesWhenCaptureInstancesSurvivedButTheAdviceWantsTheReadersOwnPosition() {
        Path baseline = saveBaseline();
        server.maxLsn = RecordedSqlServer.lsn("0x0000002B000000100001");

        CliRun.Result verify = after("verify", baseline);
        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(ExitCode.OK);
        assertThat(verify.status("mssql.verify.capture_instances")).isEqualTo("PASS");
        assertThat(verify.status("mssql.verify.max_lsn")).isEqualTo("PASS");

        CliRun.Result advice = after("snapshot-advice", baseline);
        assertThat(advice.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(advice.json().path("verdict").asText()).isEqualTo("RECOMMENDED");
        assertThat(advice.json().path("reasons").toString()).contains("reader's own position");
    }

    @Test
    void verifyFailsWhenACaptureInstanceWasRecreatedAfterTheBaseline() {
        Path baseline = saveBaseline();
        server.captureInstances = List.of(
                RecordedSqlServer.instance("dbo_orders", "dbo", "orders", 1525580473,
                        RecordedSqlServer.lsn("0x0000002B000000100001"), null),
                RecordedSqlServer.instance("dbo_items", "dbo", "items", 1301579675, RecordedSqlServer.START_LSN, null));
        server.maxLsn = RecordedSqlServer.lsn("0x0000002B000000200001");

        CliRun.Result verify = after("verify", baseline);
        assertThat(verify.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(verify.status("mssql.verify.capture_instances")).isEqualTo("FAIL");
        assertThat(verify.check("mssql.verify.capture_instances").path("observed").asText())
                .contains("dbo.orders").contains("re-created").doesNotContain("dbo.items");

        CliRun.Result advice = after("snapshot-advice", baseline);
        assertThat(advice.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(advice.json().path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(verdictOf(advice, "dbo.orders")).isEqualTo("REQUIRED");
        assertThat(verdictOf(advice, "dbo.items")).as("kept, but the reader's position is unknown")
                .isEqualTo("RECOMMENDED");
    }

    @Test
    void verifyFailsWhenCleanupDeletedChangesPastTheBaseline() {
        Path baseline = saveBaseline();
        server.captureInstances = List.of(
                RecordedSqlServer.instance("dbo_orders", "dbo", "orders", 1269579561,
                        RecordedSqlServer.lsn("0x0000002B000000100001"), null),
                RecordedSqlServer.instance("dbo_items", "dbo", "items", 1301579675, RecordedSqlServer.START_LSN, null));
        server.maxLsn = RecordedSqlServer.lsn("0x0000002C000000100001");

        CliRun.Result verify = after("verify", baseline);

        assertThat(verify.status("mssql.verify.capture_instances")).isEqualTo("FAIL");
        assertThat(verify.check("mssql.verify.capture_instances").path("observed").asText()).contains("cleanup");
    }

    @Test
    void verifyFailsWhenCdcWasDisabledOnATable() {
        Path baseline = saveBaseline();
        server.captureInstances = List.of(
                RecordedSqlServer.instance("dbo_items", "dbo", "items", 1301579675, RecordedSqlServer.START_LSN, null));
        server.trackedTables = List.of(List.of("dbo", "items"));
        server.tableTracked = false;

        CliRun.Result verify = after("verify", baseline);

        assertThat(verify.status("mssql.verify.capture_instances")).isEqualTo("FAIL");
        assertThat(verify.status("mssql.cdc.tables")).isEqualTo("FAIL");
        assertThat(verify.check("mssql.verify.capture_instances").path("remedy").asText())
                .contains("@source_name = N'orders'");
        assertThat(verdictOf(after("snapshot-advice", baseline), "dbo.orders")).isEqualTo("REQUIRED");
    }

    @Test
    void verifyFailsWhenCdcWasDisabledOnTheDatabase() {
        Path baseline = saveBaseline();
        server.databaseCdcEnabled = false;
        server.trackedTables = List.of();
        server.tableTracked = false;

        CliRun.Result verify = after("verify", baseline);

        assertThat(verify.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(verify.status("mssql.cdc.database")).isEqualTo("FAIL");
        assertThat(verify.status("mssql.verify.capture_instances")).isEqualTo("FAIL");
        CliRun.Result advice = after("snapshot-advice", baseline);
        assertThat(verdictOf(advice, "dbo.orders")).isEqualTo("REQUIRED");
        assertThat(verdictOf(advice, "dbo.items")).isEqualTo("REQUIRED");
    }

    @Test
    void verifyFailsWhenTheDatabaseIsBehindTheBaseline() {
        Path baseline = saveBaseline();
        server.maxLsn = RecordedSqlServer.lsn("0x00000029000000100001");

        CliRun.Result verify = after("verify", baseline);

        assertThat(verify.status("mssql.verify.max_lsn")).isEqualTo("FAIL");
        assertThat(after("snapshot-advice", baseline).json().path("verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void baselineOfAnotherDatabaseIsBadInput() throws Exception {
        Path baseline = saveBaseline();
        Files.writeString(baseline, Files.readString(baseline).replace("\"database\" : \"sales\"",
                "\"database\" : \"hr\""));

        CliRun.Result verify = after("verify", baseline);

        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void corruptLsnInTheBaselineIsBadInput() throws Exception {
        Path baseline = saveBaseline();
        Files.writeString(baseline, Files.readString(baseline).replace("0x0000002A000001F00003", "0xZZ"));

        assertThat(after("verify", baseline).exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void withoutABaselineSnapshotIsRecommendedForTrackedTablesAndRequiredForUntracked() {
        server.trackedTables = List.of(List.of("dbo", "orders"));
        server.tableTracked = false;

        CliRun.Result advice = new SqlServerHarness(server).command("snapshot-advice",
                "--tables", "dbo.orders,dbo.items");

        assertThat(advice.json().path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(verdictOf(advice, "dbo.orders")).isEqualTo("RECOMMENDED");
        assertThat(verdictOf(advice, "dbo.items")).isEqualTo("REQUIRED");
    }

    private static String verdictOf(CliRun.Result run, String table) {
        for (JsonNode t : run.json().path("tables")) {
            if (t.path("table").asText().equals(table)) {
                return t.path("verdict").asText();
            }
        }
        throw new AssertionError("no table " + table + " in " + run.out());
    }
}
