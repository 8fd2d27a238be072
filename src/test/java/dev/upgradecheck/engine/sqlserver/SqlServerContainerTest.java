package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.EngineRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real SQL Server 2022 with the Agent running: a configured source passes, then each
 * misconfiguration fails. Runs where Docker exists (the GitHub workflow); skipped cleanly elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SqlServerContainerTest {

    private static final String SA_PASSWORD = "Upgrade-Check-2022!";
    private static final String CDC_PASSWORD = "Cdc-Reader-2022!";

    /** How long the Agent may take to come up after the engine, and a job to start or stop once asked. */
    private static final Duration AGENT_DELAY = Duration.ofMinutes(2);

    /** Either sign of a running Agent: the service view says so, or the Agent's own sessions are logged in. */
    private static final String AGENT_RUNNING = """
            SELECT (SELECT COUNT(*) FROM sys.dm_server_services
                     WHERE servicename LIKE N'SQL Server Agent%' AND status_desc = N'Running')
                 + (SELECT COUNT(*) FROM sys.dm_exec_sessions WHERE program_name LIKE N'SQLAgent - %')""";

    /** This database's capture job started and not stopped in the Agent's current session (msdb.dbo.syssessions). */
    private static final String CAPTURE_JOB_RUNNING = """
            SELECT COUNT(*) FROM msdb.dbo.sysjobactivity AS a
            JOIN msdb.dbo.cdc_jobs AS j ON j.job_id = a.job_id
            WHERE j.database_id = DB_ID() AND j.job_type = N'capture'
              AND a.session_id = (SELECT MAX(session_id) FROM msdb.dbo.syssessions)
              AND a.start_execution_date IS NOT NULL AND a.stop_execution_date IS NULL""";

    @Container
    static final MSSQLServerContainer<?> SERVER = new MSSQLServerContainer<>(
            DockerImageName.parse("mcr.microsoft.com/mssql/server:2022-latest"))
            .acceptLicense()
            .withPassword(SA_PASSWORD)
            .withEnv("MSSQL_AGENT_ENABLED", "true")
            // a JDBC container waits for its test query within this bound; withStartupTimeout would only set a
            // wait strategy that JdbcDatabaseContainer never consults
            .withStartupTimeoutSeconds(240);

    @TempDir
    static Path dir;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void configureCdc() throws Exception {
        // sp_cdc_enable_table asks the Agent to start the capture job it creates: the Agent starts some seconds
        // after the engine accepts logins, so wait for it first
        awaitPositive("SQL Server Agent running", "master", AGENT_RUNNING);
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
        // the Agent starts the capture job asynchronously; the first test expects it running
        awaitPositive("capture job running", "sales", CAPTURE_JOB_RUNNING);
    }

    @Test
    @Order(1)
    void configuredServerPassesAndRecordsABaseline() {
        CliRun.Result run = cli("precheck", "--tables", "dbo.orders,dbo.items", "--window", "2h",
                "--save-baseline", dir.resolve("baseline.json").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.statuses()).doesNotContainValue("FAIL").doesNotContainValue("ERROR");
        assertThat(run.status("mssql.agent")).isEqualTo("PASS");
        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("PASS");
        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("PASS");
        assertThat(run.err()).contains("baseline saved");
    }

    @Test
    @Order(2)
    void retentionShorterThanTheWindowFails() {
        CliRun.Result run = cli("precheck", "--tables", "dbo.orders", "--window", "5d");

        assertThat(run.status("mssql.cdc.retention")).isEqualTo("FAIL");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    /** Without a permission on the table the login cannot even see it, so HAS_PERMS_BY_NAME answers no: FAIL. */
    @Test
    @Order(3)
    void missingSelectGrantFails() throws Exception {
        admin("sales", "REVOKE SELECT ON dbo.items TO cdc_reader");
        try {
            CliRun.Result run = cli("precheck", "--tables", "dbo.items");

            assertThat(run.status("mssql.cdc_user.select")).as(run.out()).isEqualTo("FAIL");
            assertThat(run.remedy("mssql.cdc_user.select"))
                    .isEqualTo("USE [sales]; GRANT SELECT ON [dbo].[items] TO [cdc_reader];");
            assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
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

            assertThat(run.status("mssql.agent")).as(run.out()).isEqualTo("ERROR");
            assertThat(run.remedy("mssql.agent")).isEqualTo("USE [master]; GRANT VIEW SERVER STATE TO [cdc_reader];");
        } finally {
            admin("master", "GRANT VIEW SERVER STATE TO cdc_reader");
        }
    }

    @Test
    @Order(5)
    void stoppedCaptureJobFails() throws Exception {
        admin("sales", "EXEC sys.sp_cdc_stop_job @job_type = N'capture'");
        try {
            // sp_cdc_stop_job only asks the Agent to stop the job; sysjobactivity records the stop a moment later
            CliRun.Result run = Eventually.poll(AGENT_DELAY, Duration.ofMillis(500),
                    () -> cli("precheck", "--only", "mssql.cdc.capture_running"),
                    r -> "FAIL".equals(r.status("mssql.cdc.capture_running")));

            assertThat(run.status("mssql.cdc.capture_running")).as(run.out()).isEqualTo("FAIL");
            assertThat(run.remedy("mssql.cdc.capture_running")).contains("sp_cdc_start_job");
        } finally {
            admin("sales", "EXEC sys.sp_cdc_start_job @job_type = N'capture'");
        }
    }

    @Test
    @Order(6)
    void disabledCaptureJobFails() throws Exception {
        admin("msdb", "EXEC msdb.dbo.sp_update_job @job_name = N'cdc.sales_capture', @enabled = 0");
        try {
            CliRun.Result run = cli("precheck", "--only", "mssql.cdc.jobs");

            assertThat(run.status("mssql.cdc.jobs")).as(run.out()).isEqualTo("FAIL");
            assertThat(run.remedy("mssql.cdc.jobs")).contains("@job_name = N'cdc.sales_capture', @enabled = 1");
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
        assertThat(verify.status("mssql.verify.capture_instances")).as(verify.out()).isEqualTo("FAIL");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);

        CliRun.Result advice = cli("snapshot-advice", "--tables", "dbo.orders,dbo.items", "--baseline", baseline);
        assertThat(advice.json().path("verdict").asText()).as(advice.out()).isEqualTo("REQUIRED");
        assertThat(advice.table("dbo.orders").path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.table("dbo.items").path("verdict").asText()).isEqualTo("NOT_NEEDED");
    }

    @Test
    @Order(8)
    void cdcDisabledOnTheDatabaseFails() throws Exception {
        admin("sales", "EXEC sys.sp_cdc_disable_db");

        CliRun.Result run = cli("verify", "--tables", "dbo.orders", "--baseline", dir.resolve("baseline.json").toString());

        assertThat(run.status("mssql.cdc.database")).as(run.out()).isEqualTo("FAIL");
        assertThat(run.status("mssql.cdc.tables")).isEqualTo("FAIL");
        assertThat(run.status("mssql.verify.capture_instances")).isEqualTo("FAIL");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    @Order(9)
    void wrongPasswordExitsThree() {
        CliRun.Result run = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "wrong"))
                .run("precheck", "--engine", "sqlserver", "--url", url("sales"), "--user", "cdc_reader");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(run.err()).contains("18456");
    }

    /** The mapped port as the container has it now; encrypt=false: the image's certificate is self-signed. */
    private static String url(String database) {
        return "jdbc:sqlserver://" + SERVER.getHost() + ":" + SERVER.getMappedPort(MSSQLServerContainer.MS_SQL_SERVER_PORT)
                + ";databaseName=" + database + ";encrypt=false";
    }

    private static CliRun.Result cli(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "sqlserver", "--url", url("sales"),
                "--user", "cdc_reader", "--format", "json"));
        args.addAll(List.of(more));
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", CDC_PASSWORD))
                .engines(new EngineRegistry(List.of(new SqlServerInspector()))).run(args);
    }

    private static Connection sa(String database) throws Exception {
        return DriverManager.getConnection(url(database), "sa", SA_PASSWORD);
    }

    private static void admin(String database, String... statements) throws Exception {
        try (Connection c = sa(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Waits, at most {@link #AGENT_DELAY}, until the count query answers more than zero. */
    private static void awaitPositive(String what, String database, String countQuery) throws Exception {
        long count = Eventually.poll(AGENT_DELAY, Duration.ofSeconds(1), () -> {
            try (Connection c = sa(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(countQuery)) {
                rs.next();
                return rs.getLong(1);
            }
        }, n -> n > 0);
        assertThat(count).as(what).isPositive();
    }
}
