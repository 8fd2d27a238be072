package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan and offline snapshot-advice through the CLI: no database needed. */
class MysqlPlanTest {

    private static CliRun.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--engine", "mysql", "--format", "json"));
        return CliRun.withEnv(Map.of()).run(all.toArray(String[]::new));
    }

    private static List<String> statements(JsonNode runbook) {
        List<String> out = new ArrayList<>();
        runbook.path("steps").forEach(s -> s.path("statements").forEach(st -> out.add(st.asText())));
        return out;
    }

    private static List<String> titles(JsonNode runbook) {
        List<String> out = new ArrayList<>();
        runbook.path("steps").forEach(s -> out.add(s.path("title").asText()));
        return out;
    }

    private static String notes(JsonNode runbook) {
        return runbook.path("notes").toString();
    }

    @Test
    void minorUpgradeWithGtidNeedsNoSnapshot() {
        CliRun.Result run = cli("plan", "--from", "8.0.35", "--to", "8.0.36", "--gtid", "on");

        assertThat(run.exitCode()).isZero();
        assertThat(notes(run.json())).contains("Minor upgrade");
        assertThat(titles(run.json())).contains("Snapshot only if advised").doesNotContain("Snapshot the captured tables");
    }

    @Test
    void upgradeTo84SaysOldConnectorsFailWithoutShowMasterStatus() {
        CliRun.Result run = cli("plan", "--from", "8.0.40", "--to", "8.4.3", "--gtid", "on");

        assertThat(run.exitCode()).isZero();
        assertThat(notes(run.json())).contains("MySQL 8.4 removed SHOW MASTER STATUS")
                .contains("Upgrade the connector to a release that supports 8.4");
    }

    @Test
    void majorUpgradeWithoutGtidStopsResumesAndSnapshotsTheTables() {
        CliRun.Result run = cli("plan", "--from", "5.7.44", "--to", "8.0.36", "--gtid", "off", "--cdc-user", "cdc",
                "--tables", "shop.orders,shop.order`items");
        JsonNode runbook = run.json();

        assertThat(run.exitCode()).isZero();
        assertThat(titles(runbook)).contains("Stop the CDC source", "Consider turning GTIDs on first",
                "Snapshot the captured tables");
        assertThat(notes(runbook)).contains("caching_sha2_password").contains("binlog_expire_logs_seconds");
        assertThat(statements(runbook)).contains("SHOW MASTER STATUS;", "SET GLOBAL expire_logs_days = 1;",
                "upgrade-check reconcile --engine mysql --url <url> --user <user> --dest-url <dest-url> "
                        + "--tables 'shop.orders,shop.order`items' --keys",
                "CREATE TABLE `shop`.`upgrade_check_canary` (marker VARCHAR(64) PRIMARY KEY, "
                        + "written_at TIMESTAMP(3) NOT NULL);",
                "GRANT SELECT, INSERT, DELETE ON `shop`.`upgrade_check_canary` TO 'upgrade_check'@'%';");
    }

    @Test
    void majorUpgradeWithGtidResumesFromGtid() {
        JsonNode runbook = cli("plan", "--from", "8.0.36", "--to", "8.4.3", "--gtid", "on", "--cdc-user",
                "'cdc'@'10.%'", "--window", "20h").json();

        assertThat(notes(runbook)).contains("resumes from its GTID position").contains("SHOW BINARY LOG STATUS")
                .contains("mysql_native_password");
        assertThat(statements(runbook)).contains(
                "ALTER USER 'cdc'@'10.%' IDENTIFIED WITH caching_sha2_password BY '<new password>';",
                "SET PERSIST binlog_expire_logs_seconds = 144000;", "SHOW BINARY LOG STATUS;");
        assertThat(titles(runbook)).doesNotContain("Snapshot the captured tables");
    }

    @Test
    void rdsPlanSetsRetentionWithTheRdsProcedure() {
        JsonNode runbook = cli("plan", "--from", "8.0.36", "--to", "8.4.3", "--gtid", "on", "--platform", "rds",
                "--window", "5d").json();

        assertThat(statements(runbook)).contains("CALL mysql.rds_set_configuration('binlog retention hours', 168);");
        assertThat(statements(runbook)).anyMatch(s -> s.startsWith("aws rds modify-db-instance"));
        assertThat(notes(runbook)).contains("168 hours");
    }

    @Test
    void auroraPlanNamesTheClusterParameterGroupAndWriterEndpoint() {
        JsonNode runbook = cli("plan", "--from", "5.7", "--to", "8.0", "--gtid", "off", "--platform", "aurora").json();

        assertThat(notes(runbook)).contains("cluster parameter group").contains("writer");
        assertThat(statements(runbook)).anyMatch(s -> s.startsWith("aws rds modify-db-cluster"));
    }

    @Test
    void mariadbPlanUsesShowBinlogStatus() {
        JsonNode runbook = CliRun.withEnv(Map.of()).run("plan", "--engine", "mariadb", "--from", "10.6.18", "--to", "11.4.3",
                "--format", "json").json();

        assertThat(statements(runbook)).contains("SHOW BINLOG STATUS;", "SELECT @@GLOBAL.gtid_binlog_pos;");
    }

    @Test
    void planRefusesAPlatformThatDoesNotHostMysql() {
        assertThat(cli("plan", "--from", "8.0", "--to", "8.4", "--platform", "atlas").exitCode()).isEqualTo(2);
        assertThat(cli("plan", "--from", "8.0", "--to", "11.4").exitCode()).isEqualTo(2);
    }

    @Test
    void offlineAdviceRequiresASnapshotForAMajorUpgradeWithoutGtid() {
        CliRun.Result run = cli("snapshot-advice", "--from", "5.7", "--to", "8.0", "--gtid", "off", "--tables", "shop.orders");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(run.json().path("tables").get(0).path("verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void offlineAdviceNeedsNoSnapshotWithGtidOrForAMinorUpgrade() {
        assertThat(cli("snapshot-advice", "--from", "8.0", "--to", "8.4", "--gtid", "on").json().path("verdict")
                .asText()).isEqualTo("NOT_NEEDED");
        CliRun.Result minor = cli("snapshot-advice", "--from", "8.0.35", "--to", "8.0.36", "--gtid", "off");
        assertThat(minor.exitCode()).isZero();
        assertThat(minor.json().path("verdict").asText()).isEqualTo("NOT_NEEDED");
    }

    @Test
    void offlineAdviceRecommendsWhenGtidIsUnknown() {
        CliRun.Result run = cli("snapshot-advice", "--from", "8.0", "--to", "8.4");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("verdict").asText()).isEqualTo("RECOMMENDED");
    }
}
