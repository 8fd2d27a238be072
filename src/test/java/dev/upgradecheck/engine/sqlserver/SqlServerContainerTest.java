package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.engine.EngineRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real SQL Server 2022 with the Agent running: a configured source passes, then each
 * misconfiguration fails. Runs where Docker exists (the GitHub workflow); skipped cleanly elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlServerContainerTest {

    private static final String SA_PASSWORD = "Upgrade-Check-2022!";
    private static final String CDC_PASSWORD = "Cdc-Reader-2022!";

    @Container
    static final MSSQLServerContainer<?> SERVER = new MSSQLServerContainer<>(
            DockerImageName.parse("mcr.microsoft.com/mssql/server:2022-latest"))
            .acceptLicense()
            .withPassword(SA_PASSWORD)
            .withEnv("MSSQL_AGENT_ENABLED", "true")
            .withStartupTimeout(Duration.ofMinutes(4));

    @TempDir
    static Path dir;

    @BeforeAll
    static void configureCdc() throws Exception {
        admin("master", "CREATE DATABASE sales",
                "CREATE LOGIN cdc_reader WITH PASSWORD = '" + CDC_PASSWORD + "'",
                "GRANT VIEW SERVER STATE TO cdc_reader");
        admin("sales", "CREATE TABLE dbo.orders (id int PRIMARY KEY, amount int)",
                "CREATE TABLE dbo.items (id int PRIMARY KEY, name nvarchar(50))",
                "EXEC sys.sp_cdc_enable_db",
                "EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'orders', @role_name = NULL",
                "EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'items', @role_name = NULL",
                "CREATE USER cdc_reader FOR LOGIN cdc_reader",
                "GRANT SELECT ON SCHEMA::cdc TO cdc_reader",
                "GRANT SELECT ON dbo.orders TO cdc_reader",
                "GRANT SELECT ON dbo.items TO cdc_reader",
                "BACKUP DATABASE sales TO DISK = N'/var/opt/mssql/data/sales.bak' WITH COPY_ONLY",
                "INSERT INTO dbo.orders VALUES (1, 10)");
        admin("msdb", "CREATE USER cdc_reader FOR LOGIN cdc_reader",
                "GRANT SELECT ON dbo.cdc_jobs TO cdc_reader",
                "GRANT SELECT ON dbo.sysjobs TO cdc_reader",
                "GRANT SELECT ON dbo.sysjobactivity TO cdc_reader",
                "GRANT SELECT ON dbo.backupset TO cdc_reader");
    }

    @Test
    @Order(1)
    void configuredServerPassesAndRecordsABaseline() throws Exception {
        CliRun.Result run = cli("precheck", "--tables", "dbo.orders,dbo.items", "--window", "2h",
                "--save-baseline", dir.resolve("baseline.json").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.statuses()).doesNotContainValue("FAIL").doesNotContainValue("ERROR");
        assertThat(run.status("mssql.agent")).isEqualTo("PASS");
        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("PASS");
        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("PASS");
    }

    @Test
    @Order(5)
    void stoppedCaptureJobFails() throws Exception {
        admin("sales", "EXEC sys.sp_cdc_stop_job @job_type = N'capture'");
        try {
            // sp_stop_job only asks the Agent to stop the job; sysjobactivity records the stop a moment later
            CliRun.Result run = cli("precheck", "--only", "mssql.cdc.capture_running");
            for (int i = 0; i < 20 && !"FAIL".equals(run.status("mssql.cdc.capture_running")); i++) {
                Thread.sleep(500);
                run = cli("precheck", "--only", "mssql.cdc.capture_running");
            }
            assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("FAIL");
            assertThat(run.out()).contains("sp_cdc_start_job");
        } finally {
            admin("sales", "EXEC sys.sp_cdc_start_job @job_type = N'capture'");
        }
    }

    @Test
    @Order(2)
    void retentionShorterThanTheWindowFails() {
        CliRun.Result run = cli("precheck", "--tables", "dbo.orders", "--window", "5d");

        assertThat(run.status("mssql.cdc.retention")).isEqualTo("FAIL");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    @Order(3)
    void missingSelectGrantFails() throws Exception {
        admin("sales", "REVOKE SELECT ON dbo.items TO cdc_reader");
        try {
            CliRun.Result run = cli("precheck", "--tables", "dbo.items");
            assertThat(run.status("mssql.cdc_user.select")).isIn("FAIL", "ERROR");
        } finally {
            admin("sales", "GRANT SELECT ON dbo.items TO cdc_reader");
        }
    }

    @Test
    @Order(4)
    void deniedViewServerStateNamesTheGrant() throws Exception {
        admin("master", "REVOKE VIEW SERVER STATE TO cdc_reader");
        try {
            CliRun.Result run = cli("precheck", "--only", "mssql.agent");
            assertThat(run.status("mssql.agent")).isEqualTo("ERROR");
            assertThat(run.out()).contains("GRANT VIEW SERVER STATE TO [cdc_reader]");
        } finally {
            admin("master", "GRANT VIEW SERVER STATE TO cdc_reader");
        }
    }

    @Test
    @Order(6)
    void disabledCaptureJobFails() throws Exception {
        admin("msdb", "EXEC msdb.dbo.sp_update_job @job_name = N'cdc.sales_capture', @enabled = 0");
        try {
            assertThat(cli("precheck", "--only", "mssql.cdc.jobs").status("mssql.cdc.jobs")).isEqualTo("FAIL");
        } finally {
            admin("msdb", "EXEC msdb.dbo.sp_update_job @job_name = N'cdc.sales_capture', @enabled = 1");
        }
    }

    @Test
    @Order(7)
    void tableRecreatedAfterTheBaselineFailsVerifyAndNeedsASnapshot() throws Exception {
        admin("sales", "EXEC sys.sp_cdc_disable_table @source_schema = N'dbo', @source_name = N'orders', "
                        + "@capture_instance = N'dbo_orders'",
                "INSERT INTO dbo.orders VALUES (2, 20)",
                "EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'orders', @role_name = NULL");
        String baseline = dir.resolve("baseline.json").toString();

        CliRun.Result verify = cli("verify", "--tables", "dbo.orders,dbo.items", "--baseline", baseline);
        assertThat(verify.status("mssql.verify.capture_instances")).isEqualTo("FAIL");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);

        CliRun.Result advice = cli("snapshot-advice", "--tables", "dbo.orders,dbo.items", "--baseline", baseline);
        assertThat(Json.mapper().readTree(advice.out()).path("verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    @Order(8)
    void cdcDisabledOnTheDatabaseFails() throws Exception {
        admin("sales", "EXEC sys.sp_cdc_disable_db");

        CliRun.Result run = cli("verify", "--tables", "dbo.orders", "--baseline", dir.resolve("baseline.json").toString());

        assertThat(run.status("mssql.cdc.database")).isEqualTo("FAIL");
        assertThat(run.status("mssql.cdc.tables")).isEqualTo("FAIL");
        assertThat(run.status("mssql.verify.capture_instances")).isEqualTo("FAIL");
    }

    @Test
    @Order(9)
    void wrongPasswordExitsThree() {
        CliRun.Result run = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "wrong"))
                .run("precheck", "--engine", "sqlserver", "--url", url(), "--user", "cdc_reader");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(run.err()).contains("18456");
    }

    private static String url() {
        return "jdbc:sqlserver://" + SERVER.getHost() + ":" + SERVER.getMappedPort(MSSQLServerContainer.MS_SQL_SERVER_PORT)
                + ";databaseName=sales;encrypt=false";
    }

    private static CliRun.Result cli(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "sqlserver", "--url", url(),
                "--user", "cdc_reader", "--format", "json"));
        args.addAll(List.of(more));
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", CDC_PASSWORD))
                .engines(new EngineRegistry(List.of(new SqlServerInspector()))).run(args);
    }

    private static void admin(String database, String... statements) throws Exception {
        String adminUrl = "jdbc:sqlserver://" + SERVER.getHost() + ":"
                + SERVER.getMappedPort(MSSQLServerContainer.MS_SQL_SERVER_PORT) + ";databaseName=" + database
                + ";encrypt=false";
        try (Connection c = DriverManager.getConnection(adminUrl, "sa", SA_PASSWORD); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
