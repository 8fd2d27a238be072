package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.RecordedConnectWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.upgradecheck.testing.RecordedConnectWorker.offset;
import static dev.upgradecheck.testing.RecordedConnectWorker.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Debezium Oracle connector's committed offset ({@code scn}, {@code commit_scn} per redo thread) against the
 * recorded database: RESETLOGS at 1,920,977, current SCN 5,000,000, archived logs 38-42 from SCN 3,900,000 on disk.
 */
class OracleConnectorTest {

    private final OracleFixture db = new OracleFixture();
    private final RecordedConnectWorker worker = new RecordedConnectWorker();

    @AfterEach
    void stop() {
        worker.close();
    }

    private void connector(String dbname, String scn) {
        worker.connector("orcl-cdc", "RUNNING", List.of(task(0, "RUNNING")), Map.of(
                        "connector.class", "io.debezium.connector.oracle.OracleConnector",
                        "database.dbname", dbname, "database.password", "kc-ora-Secret1", "topic.prefix", "orcl"),
                List.of(offset(Map.of("server", "orcl"),
                        Map.of("scn", scn, "commit_scn", "4950100:1:0a001b0042010000", "snapshot_scn", "2000000"))));
    }

    private CliRun.Result run(String command) {
        return OracleCli.run(db::connection, command, "--engine", "oracle", "--url", OracleFixture.URL, "--user",
                db.sessionUser, "--format", "json", "--tables", "APP.ORDERS", "--connect-url", worker.url(),
                "--connector", "orcl-cdc");
    }

    @Test
    void anOffsetWhoseRedoIsStillOnDiskPassesAndIsTheAdvicesEvidence() {
        connector("ORCL", "4300000");

        CliRun.Result precheck = run("precheck");
        CliRun.Result advice = run("snapshot-advice");

        assertThat(precheck.status("connect.config")).as(precheck.toString()).isEqualTo("PASS");
        assertThat(precheck.status("connect.offset")).isEqualTo("PASS");
        assertThat(precheck.check("connect.lag").get("observed").asText())
                .contains("last commit SCN 4950100, current SCN 5000000: 49900 SCNs behind");
        assertThat(precheck.out()).doesNotContain("kc-ora-Secret1");
        assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("NOT_NEEDED");
        assertThat(advice.out()).contains("SCN 4300000 (the connector's committed offset)");
    }

    @Test
    void aDeletedArchivedLogAfterTheOffsetFailsAndRequiresASnapshot() {
        connector("ORCL", "4300000");
        db.archivedSince.set(1, OracleFixture.archived(39, 4_200_000, 4_500_000, "YES"));

        CliRun.Result precheck = run("precheck");
        CliRun.Result advice = run("snapshot-advice");

        assertThat(precheck.status("connect.offset")).isEqualTo("FAIL");
        assertThat(precheck.check("connect.offset").get("observed").asText()).contains("archived log deleted",
                "sequence 39");
        assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void anOffsetFromAnEarlierIncarnationFails() {
        connector("ORCL", "1500000");

        CliRun.Result precheck = run("precheck");

        assertThat(precheck.status("connect.offset")).isEqualTo("FAIL");
        assertThat(precheck.check("connect.offset").get("observed").asText()).contains("RESETLOGS");
    }

    @Test
    void aConnectorOfAnotherDatabaseFailsTheConfigCheck() {
        connector("HRDB", "4300000");

        assertThat(run("precheck").status("connect.config")).isEqualTo("FAIL");
    }
}
