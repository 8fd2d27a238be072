package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.RecordedCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every precheck against recorded catalog answers, through the CLI: exit codes and the JSON report. */
@ExtendWith({RecordedCatalog.EveryQueryAnswered.class, RecordedCatalog.EveryAnswerAsked.class})
class SqlServerPrecheckTest {

    private static final String[] SCOPE = {"--tables", "dbo.orders,dbo.items", "--window", "2h"};

    private final RecordedSqlServer server = new RecordedSqlServer();

    private CliRun.Result precheck(String... more) {
        return new SqlServerHarness(server).command("precheck", concat(SCOPE, more));
    }

    @Test
    void wellConfiguredSourcePassesEveryCheck() {
        SqlServerHarness harness = new SqlServerHarness(server);
        CliRun.Result run = harness.command("precheck", SCOPE);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.statuses()).containsOnlyKeys(SqlServerChecks.PRECHECK.stream().map(c -> c.id()).toList());
        assertThat(run.statuses().values()).containsOnly("PASS");
        assertThat(run.json().path("engine").asText()).isEqualTo("sqlserver");
        assertThat(run.json().path("server").path("platform").asText()).isEqualTo("self-hosted");
        assertThat(run.out() + run.err()).doesNotContain(SqlServerHarness.PASSWORD);
        assertThat(harness.sentStatements()).allSatisfy(sql -> assertThat(sql).startsWith("SELECT"));
    }

    @Test
    void failsWhenCdcIsOffOnTheDatabase() {
        server.databaseCdcEnabled = false;
        server.tableTracked = false;
        server.trackedTables.clear();

        CliRun.Result run = precheck();

        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(run.status("mssql.cdc.database")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.database").path("remedy").asText())
                .isEqualTo("USE [sales]; EXEC sys.sp_cdc_enable_db;");
        assertThat(run.status("mssql.cdc.tables")).isEqualTo("FAIL");
        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("SKIP");
    }

    @Test
    void failsWhenACapturedTableIsNotTracked() {
        server.trackedTables.removeIf(t -> t.get(1).equals("items"));
        server.captureInstances.removeIf(i -> i.get(2).equals("items"));
        server.tableTracked = false;

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.tables")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.tables").path("remedy").asText()).isEqualTo("USE [sales]; "
                + "EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'items', @role_name = NULL;");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void failsWhenANamedTableDoesNotExist() {
        server.tableTracked = null;

        CliRun.Result run = new SqlServerHarness(server).command("precheck", "--tables", "dbo.orders,dbo.gone");

        assertThat(run.status("mssql.cdc.tables")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.tables").path("observed").asText()).contains("dbo.gone: not found");
    }

    @Test
    void failsWhenSqlServerAgentIsStopped() {
        server.agentServices = List.of(List.of("SQL Server Agent (MSSQLSERVER)", "Stopped"));

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.agent")).isEqualTo("FAIL");
        assertThat(run.check("mssql.agent").path("remedy").asText()).contains("net start SQLSERVERAGENT");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void agentSeenThroughItsSessionsWhenTheServiceViewListsNoAgent() {
        server.agentServices = List.of();
        server.agentSessions = 2;

        assertThat(precheck().status("mssql.agent")).isEqualTo("PASS");
    }

    @Test
    void agentCheckNamesTheGrantWhenViewServerStateIsDenied() {
        server.failing(RecordedSqlServer.AGENT_SERVICES,
                "VIEW SERVER STATE permission was denied on object 'server', database 'master'.", 300);

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.agent")).isEqualTo("ERROR");
        assertThat(run.check("mssql.agent").path("remedy").asText())
                .isEqualTo("USE [master]; GRANT VIEW SERVER STATE TO [cdc_reader];");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void failsWhenTheCaptureJobIsDisabled() {
        server.jobs = List.of(Arrays.asList("capture", 0L, "cdc.sales_capture", (short) 0),
                Arrays.asList("cleanup", 4320L, "cdc.sales_cleanup", (short) 1));

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.jobs").path("remedy").asText())
                .isEqualTo("EXEC msdb.dbo.sp_update_job @job_name = N'cdc.sales_capture', @enabled = 1;");
    }

    @Test
    void failsWhenTheCaptureJobIsMissing() {
        server.jobs = List.of(Arrays.asList("cleanup", 4320L, "cdc.sales_cleanup", (short) 1));

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.jobs").path("remedy").asText())
                .isEqualTo("USE [sales]; EXEC sys.sp_cdc_add_job @job_type = N'capture';");
    }

    @Test
    void failsWhenCleanupRetentionIsShorterThanTheWindow() {
        server.jobs = List.of(Arrays.asList("capture", 0L, "cdc.sales_capture", (short) 1),
                Arrays.asList("cleanup", 60L, "cdc.sales_cleanup", (short) 1));

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.retention")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.retention").path("remedy").asText())
                .isEqualTo("USE [sales]; EXEC sys.sp_cdc_change_job @job_type = N'cleanup', @retention = 240;");
    }

    @Test
    void retentionIsSkippedWithoutAWindow() {
        CliRun.Result run = new SqlServerHarness(server).command("precheck", "--tables", "dbo.orders");

        assertThat(run.status("mssql.cdc.retention")).isEqualTo("SKIP");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void failsWhenTheCdcUserCannotSelectTheCdcSchemaOrATable() {
        server.canSelectCdcSchema = 0;
        server.canSelectTable = 0;

        CliRun.Result run = new SqlServerHarness(server).command("precheck", "--tables", "dbo.orders");

        assertThat(run.status("mssql.cdc_user.select")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc_user.select").path("remedy").asText()).isEqualTo("USE [sales]; "
                + "GRANT SELECT ON SCHEMA::[cdc] TO [cdc_reader]; GRANT SELECT ON [dbo].[orders] TO [cdc_reader];");
    }

    /**
     * SELECT revoked on a captured table: the login no longer sees it (no row in sys.tables, so no capture instance
     * either) and HAS_PERMS_BY_NAME answers NULL, which is a no. The container test meets this on a real server.
     */
    @Test
    void aTableTheLoginCannotSeeFailsAsMissingAndUnreadable() {
        server.trackedTables = List.of(List.of("dbo", "orders"));
        server.captureInstances = List.of(RecordedSqlServer.instance("dbo_orders", "dbo", "orders", 1269579561,
                RecordedSqlServer.START_LSN, null));
        server.tableTracked = null;
        server.canSelectTable = null;

        CliRun.Result run = new SqlServerHarness(server).command("precheck", "--tables", "dbo.items");

        assertThat(run.status("mssql.cdc.tables")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.tables").path("observed").asText()).contains("dbo.items: not found");
        assertThat(run.status("mssql.cdc_user.select")).isEqualTo("FAIL");
        assertThat(run.remedy("mssql.cdc_user.select"))
                .isEqualTo("USE [sales]; GRANT SELECT ON [dbo].[items] TO [cdc_reader];");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void failsWhenTheCdcUserIsNotInTheGatingRole() {
        server.captureInstances = List.of(RecordedSqlServer.instance("dbo_orders", "dbo", "orders", 1269579561,
                RecordedSqlServer.START_LSN, "cdc_readers"));
        server.callerRoles = Arrays.asList(0, 0, 0);

        CliRun.Result run = new SqlServerHarness(server).command("precheck", "--tables", "dbo.orders");

        assertThat(run.status("mssql.cdc_user.gating_role")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc_user.gating_role").path("remedy").asText())
                .isEqualTo("USE [sales]; ALTER ROLE [cdc_readers] ADD MEMBER [cdc_reader];");
    }

    @Test
    void anotherCdcUserIsJudgedByRoleMembership() {
        server.captureInstances = List.of(RecordedSqlServer.instance("dbo_orders", "dbo", "orders", 1269579561,
                RecordedSqlServer.START_LSN, "cdc_readers"));
        server.otherUserRoles = Arrays.asList(0, 0);

        CliRun.Result run = new SqlServerHarness(server)
                .command("precheck", "--tables", "dbo.orders", "--cdc-user", "debezium");

        assertThat(run.status("mssql.cdc_user.gating_role")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc_user.gating_role").path("remedy").asText()).contains("ADD MEMBER [debezium]");
        assertThat(run.status("mssql.cdc_user.select")).as("effective permissions are visible only to the caller")
                .isEqualTo("SKIP");
    }

    @Test
    void warnsWhenTheLastFullBackupIsOld() {
        server.backupAgeMinutes = 3 * 24 * 60;

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.backup.full")).isEqualTo("WARN");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(new SqlServerHarness(server).command("precheck", concat(SCOPE, "--fail-on", "warn")).exitCode())
                .isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void warnsWhenNoFullBackupIsRecorded() {
        server.lastFullBackup = null;
        server.backupAgeMinutes = null;

        assertThat(precheck().status("mssql.backup.full")).isEqualTo("WARN");
    }

    @Test
    void permissionDeniedOnMsdbBecomesErrorNamingTheGrant() {
        server.failing(RecordedSqlServer.CDC_JOBS,
                "The SELECT permission was denied on the object 'cdc_jobs', database 'msdb', schema 'dbo'.", 229);

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("ERROR");
        assertThat(run.check("mssql.cdc.jobs").path("remedy").asText())
                .isEqualTo("USE [msdb]; GRANT SELECT ON [dbo].[cdc_jobs] TO [cdc_reader];");
        assertThat(run.status("mssql.cdc.retention")).isEqualTo("ERROR");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void permissionDeniedOnTheCdcSchemaNamesTheSchemaGrant() {
        server.failing(RecordedSqlServer.CAPTURE_INSTANCES,
                "The SELECT permission was denied on the object 'change_tables', database 'sales', schema 'cdc'.", 229);

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.tables")).isEqualTo("ERROR");
        assertThat(run.check("mssql.cdc.tables").path("remedy").asText())
                .isEqualTo("USE [sales]; GRANT SELECT ON SCHEMA::[cdc] TO [cdc_reader];");
    }

    @Test
    void azureSqlDatabaseSkipsAgentJobsAndBackupWithoutTouchingMsdb() {
        server.engineEdition = SqlServerFacts.AZURE_SQL_DATABASE;
        server.edition = "SQL Azure";
        server.productVersion = "12.0.2000.8";
        server.agentServices = null;
        server.jobs = null;
        server.captureActivity = null;
        server.msdb = false;

        CliRun.Result run = precheck();

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.OK);
        assertThat(run.json().path("server").path("platform").asText()).isEqualTo("azure");
        assertThat(run.status("mssql.agent")).isEqualTo("SKIP");
        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("SKIP");
        assertThat(run.status("mssql.cdc.retention")).isEqualTo("SKIP");
        assertThat(run.status("mssql.backup.full")).isEqualTo("SKIP");
        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("SKIP");
        assertThat(run.status("mssql.cdc.latency")).as("the log scan DMV exists on Azure SQL Database")
                .isEqualTo("PASS");
        assertThat(run.status("mssql.cdc.database")).isEqualTo("PASS");
    }

    @Test
    void rdsIsDetectedAndItsRemediesUseTheRdsProcedures() {
        server.rds = true;
        server.databaseCdcEnabled = false;
        server.trackedTables.clear();
        server.tableTracked = false;

        CliRun.Result run = precheck();

        assertThat(run.json().path("server").path("platform").asText()).isEqualTo("rds");
        assertThat(run.check("mssql.cdc.database").path("remedy").asText())
                .isEqualTo("EXEC msdb.dbo.rds_cdc_enable_db 'sales';");
        assertThat(run.check("mssql.cdc.tables").path("remedy").asText())
                .startsWith("EXEC msdb.dbo.rds_cdc_enable_db 'sales';\nUSE [sales]; EXEC sys.sp_cdc_enable_table");
    }

    @Test
    void rdsHidesItsCdcJobsSoTheJobChecksSkip() {
        server.rds = true;
        server.jobs = List.of();

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("SKIP");
        assertThat(run.status("mssql.cdc.retention")).isEqualTo("SKIP");
        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("SKIP");
    }

    @Test
    void captureRunningPassesWhileTheCaptureJobRunsInTheAgentsCurrentSession() {
        CliRun.Result run = precheck("--only", "mssql.cdc.capture_running");

        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("PASS");
        assertThat(run.check("mssql.cdc.capture_running").path("observed").asText()).contains("cdc.sales_capture");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void failsWhenTheCaptureJobWasStopped() {
        server.captureActivity = List.of(Arrays.asList(7, java.sql.Timestamp.valueOf("2025-06-01 11:00:00"),
                java.sql.Timestamp.valueOf("2025-06-01 11:30:00")));

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.capture_running").path("remedy").asText())
                .isEqualTo("USE [sales]; EXEC sys.sp_cdc_start_job @job_type = N'capture';");
        assertThat(run.status("mssql.cdc.jobs")).as("the job is still there and enabled").isEqualTo("PASS");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void failsWhenTheCaptureJobHasNotRunSinceTheAgentStarted() {
        server.captureActivity = List.of();

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.capture_running").path("remedy").asText())
                .isEqualTo("USE [sales]; EXEC sys.sp_cdc_start_job @job_type = N'capture';");
    }

    @Test
    void captureRunningFailsWithTheAddJobRemedyWhenThereIsNoCaptureJob() {
        server.jobs = List.of(Arrays.asList("cleanup", 4320L, "cdc.sales_cleanup", (short) 1));
        server.captureActivity = List.of();

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.capture_running").path("remedy").asText())
                .isEqualTo("USE [sales]; EXEC sys.sp_cdc_add_job @job_type = N'capture';");
    }

    @Test
    void captureRunningNamesTheMsdbGrantWhenJobActivityIsDenied() {
        server.failing(RecordedSqlServer.CAPTURE_JOB_ACTIVITY,
                "The SELECT permission was denied on the object 'sysjobactivity', database 'msdb', schema 'dbo'.", 229);

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.capture_running")).isEqualTo("ERROR");
        assertThat(run.check("mssql.cdc.capture_running").path("remedy").asText())
                .isEqualTo("USE [msdb]; GRANT SELECT ON [dbo].[sysjobactivity] TO [cdc_reader];");
        assertThat(run.status("mssql.cdc.jobs")).isEqualTo("PASS");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void latencyPassesAndSaysTheReadersPositionIsNotVisibleFromTheServer() {
        CliRun.Result run = precheck("--only", "mssql.cdc.latency");

        assertThat(run.status("mssql.cdc.latency")).isEqualTo("PASS");
        assertThat(run.check("mssql.cdc.latency").path("detail").asText())
                .contains("sys.fn_cdc_get_max_lsn()").contains(Lsn.ofNullable(RecordedSqlServer.MAX_LSN).toString());
    }

    @Test
    void warnsWhenCaptureLatencyIsHigh() {
        server.logScanSessions = List.of(Arrays.asList(412, java.sql.Timestamp.valueOf("2025-06-01 11:59:58"), 900));

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.latency")).isEqualTo("WARN");
        assertThat(run.check("mssql.cdc.latency").path("remedy").asText())
                .contains("USE [sales]; EXEC sys.sp_cdc_change_job @job_type = N'capture'")
                .endsWith("EXEC sys.sp_cdc_start_job @job_type = N'capture';");
        assertThat(run.check("mssql.cdc.latency").path("detail").asText()).contains("sys.fn_cdc_get_max_lsn()");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(new SqlServerHarness(server).command("precheck", concat(SCOPE, "--fail-on", "warn")).exitCode())
                .isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void latencySkipsWhenNoLogScanSessionFinishedSinceStartup() {
        server.logScanSessions = List.of();

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.latency")).isEqualTo("SKIP");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void latencyNamesTheDatabaseGrantWhenViewDatabaseStateIsDenied() {
        server.failing(RecordedSqlServer.LOG_SCAN_SESSIONS,
                "VIEW DATABASE STATE permission denied in database 'sales'.", 262);

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.latency")).isEqualTo("ERROR");
        assertThat(run.check("mssql.cdc.latency").path("remedy").asText())
                .isEqualTo("USE [sales]; GRANT VIEW DATABASE STATE TO [cdc_reader];");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void latencyNamesViewDatabaseStateWhenOnlyTheBarePermissionErrorArrives() {
        server.failing(RecordedSqlServer.LOG_SCAN_SESSIONS,
                "The user does not have permission to perform this action.", 297);

        CliRun.Result run = precheck();

        assertThat(run.status("mssql.cdc.latency")).isEqualTo("ERROR");
        assertThat(run.check("mssql.cdc.latency").path("remedy").asText())
                .isEqualTo("USE [sales]; GRANT VIEW DATABASE STATE TO [cdc_reader];");
    }

    @Test
    void expressEditionFailsTheVersionCheck() {
        server.engineEdition = SqlServerFacts.EXPRESS;
        server.edition = "Express Edition (64-bit)";

        assertThat(precheck().status("mssql.version")).isEqualTo("FAIL");
    }

    @Test
    void targetVersionOlderThanTheServerFails() {
        CliRun.Result run = precheck("--target-version", "2019");

        assertThat(run.status("mssql.version")).isEqualTo("FAIL");
        assertThat(precheck("--target-version", "2025").status("mssql.version")).isEqualTo("PASS");
    }

    @Test
    void sourceBelowTheRequiredServicePackFailsTheUpgradePath() {
        server.productVersion = "11.0.6020.0"; // 2012 SP3: Setup upgrades 2012 to 2022 only from SP4

        CliRun.Result run = precheck("--target-version", "2022");

        assertThat(run.status("mssql.version")).isEqualTo("FAIL");
        assertThat(run.check("mssql.version").path("detail").asText()).contains("SP4", "11.0.7001");
        server.productVersion = "11.0.7001.0";
        assertThat(precheck("--target-version", "2022").status("mssql.version")).isEqualTo("PASS");
        assertThat(precheck("--target-version", "2025").check("mssql.version").path("detail").asText())
                .contains("supported only from SQL Server 2014 SP3", "KEEP_CDC");
    }

    @Test
    void connectingToMasterFailsTheDatabaseCheck() {
        server.database = "master";

        CliRun.Result run = new SqlServerHarness(server).command("precheck");

        assertThat(run.status("mssql.cdc.database")).isEqualTo("FAIL");
        assertThat(run.check("mssql.cdc.database").path("remedy").asText()).contains("databaseName=");
    }

    @Test
    void onlyAndSkipSelectChecksById() {
        CliRun.Result run = precheck("--only", "mssql.cdc", "--skip", "mssql.cdc.retention");

        assertThat(run.statuses()).containsOnlyKeys("mssql.cdc.database", "mssql.cdc.tables", "mssql.cdc.jobs",
                "mssql.cdc.capture_running", "mssql.cdc.latency");
    }

    @Test
    void tableInAnotherDatabaseIsBadInput() {
        CliRun.Result run = new SqlServerHarness(server).command("precheck", "--tables", "hr.dbo.people");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
