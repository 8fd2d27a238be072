package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.RecordedCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.upgradecheck.cli.Cli;
import dev.upgradecheck.engine.EngineRegistry;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan and offline snapshot-advice, URL refusal, and how failed connections exit. */
@ExtendWith(RecordedCatalog.EveryQueryAnswered.class) // a few commands: SqlServerPrecheckTest asks every answer
class SqlServerPlanAndConnectionTest {

    private final SqlServerHarness offline = new SqlServerHarness(spec -> {
        throw new AssertionError("plan must not connect without --url");
    });

    @Test
    void planQuotesIdentifiersAndValues() {
        CliRun.Result run = offline.run("plan", "--engine", "sqlserver", "--from", "2019", "--to", "2022",
                "--tables", "sales.dbo.orders,sales.[odd]]schema].[it's]", "--window", "2h", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out())
                .contains("USE [sales]; EXEC sys.sp_cdc_enable_db;")
                .contains("EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'orders', "
                        + "@role_name = NULL;")
                .contains("@source_schema = N'odd]schema', @source_name = N'it''s', @role_name = NULL;")
                .contains("RESTORE DATABASE [sales] FROM DISK = N'<path>.bak' WITH KEEP_CDC;")
                .contains("EXEC sys.sp_cdc_start_job @job_type = N'capture';")
                .contains("@retention = 4320;")
                .contains("SQL Server 2019 -> SQL Server 2022");
    }

    @Test
    void planCommandLinesKeepHostileTableNamesOneShellWord() {
        CliRun.Result run = offline.run("plan", "--engine", "sqlserver", "--from", "2019", "--to", "2022",
                "--tables", "sales.dbo.[x'; touch pwned; ']");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String line = run.unwrapped().lines().filter(l -> l.contains("upgrade-check precheck")).findFirst()
                .orElseThrow();
        assertThat(line).contains("--tables 'dbo.[x'\\''; touch pwned; '\\'']'");
    }

    @Test
    void planFlagsAReleaseSetupCannotUpgradeInPlace() {
        CliRun.Result run = offline.run("plan", "--engine", "sqlserver", "--from", "2008", "--to", "2022");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("UNSUPPORTED PATH: SQL Server 2008 -> SQL Server 2022",
                "only from SQL Server 2012 SP4, SQL Server 2014 SP3");
        assertThat(offline.run("plan", "--engine", "sqlserver", "--from", "2012", "--to", "2022").out())
                .doesNotContain("UNSUPPORTED PATH");
        // Setup's paths only: RDS publishes its own
        assertThat(offline.run("plan", "--engine", "sqlserver", "--platform", "rds", "--from", "2008", "--to", "2022").out())
                .doesNotContain("UNSUPPORTED PATH");
    }

    @Test
    void planForRdsUsesTheRdsProcedures() {
        CliRun.Result run = offline.run("plan", "--engine", "sqlserver", "--platform", "rds",
                "--tables", "sales.dbo.orders", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("EXEC msdb.dbo.rds_cdc_enable_db 'sales';")
                .contains("rdsadmin.dbo.rds_set_configuration 'cdc_cleanup_retention'")
                .doesNotContain("EXEC sys.sp_cdc_enable_db");
    }

    @Test
    void planWithAConnectionFillsInTheDatabaseAndCapturedTables() {
        CliRun.Result run = new SqlServerHarness(new RecordedSqlServer()).command("plan", "--to", "2025");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("USE [sales]; EXEC sys.sp_cdc_enable_db;")
                .contains("@source_name = N'items'").contains("SQL Server 2022 -> SQL Server 2025");
    }

    @Test
    void planRefusesAPlatformThatDoesNotRunSqlServer() {
        assertThat(offline.run("plan", "--engine", "sqlserver", "--platform", "atlas").exitCode())
                .isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void offlineAdviceSaysWhenASnapshotBecomesNecessary() {
        CliRun.Result run = offline.run("snapshot-advice", "--engine", "sqlserver", "--from", "2019",
                "--to", "2022", "--tables", "dbo.orders", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.json().path("verdict").asText()).isEqualTo("NOT_NEEDED");
        assertThat(run.json().path("tables").get(0).path("table").asText()).isEqualTo("dbo.orders");
        assertThat(offline.run("snapshot-advice", "--engine", "sqlserver", "--from", "2022", "--to", "2019")
                .exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:sqlserver://db1;databaseName=sales;socketFactoryClass=com.example.Evil",
            "jdbc:sqlserver://db1;SOCKETFACTORYCONSTRUCTORARG=x",
            "jdbc:sqlserver://db1;trustManagerClass=com.example.TrustAll",
            "jdbc:sqlserver://db1;trustManagerConstructorArg=x",
            "jdbc:sqlserver://db1;accessTokenCallbackClass=com.example.Token",
            "jdbc:sqlserver://db1;keyStoreLocation={/etc/keys;x.jks}",
            "jdbc:sqlserver://db1;keyStoreAuthentication=JavaKeyStorePassword",
            "jdbc:mysql://db1/sales",
            "jdbc:sqlserver://db1;databaseName={unclosed"})
    void refusesUrlsThatLoadClassesOrKeysOrAreNotSqlServer(String url) {
        CliRun.Result run = offline.run("precheck", "--engine", "sqlserver", "--url", url, "--user", "u");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void braceQuotedValuesAndTlsTrustFilesAreAccepted() {
        SqlServerUrl url = SqlServerUrl.parse("jdbc:sqlserver://db1\\inst:1433;databaseName={sa;les}};x};"
                + "encrypt=strict;trustStore=/etc/ssl/trust.jks").requireSafe();

        assertThat(url.database()).isEqualTo("sa;les};x");
    }

    @Test
    void wrongPasswordExitsThreeWithOneLine() {
        SqlServerHarness harness = new SqlServerHarness(spec -> {
            SQLException e = new SQLException("Login failed for user 'cdc_reader'.", "S0001", 18456);
            throw new ConnectionFailedException(SqlServerInspector.describe(e), e);
        });

        CliRun.Result run = harness.command("precheck");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("18456").doesNotContain(SqlServerHarness.PASSWORD);
    }

    @Test
    void unreachableServerExitsThreeThroughTheRealDriver() {
        // the real inspector and driver, against a port nothing listens on
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(Map.of("UPGRADE_CHECK_PASSWORD", "pw")::get, new ByteArrayInputStream(new byte[0]),
                new EngineRegistry(List.of(new SqlServerInspector())));

        int code = cli.execute(new String[] {"precheck", "--engine", "sqlserver", "--url",
                "jdbc:sqlserver://127.0.0.1:1;databaseName=sales;encrypt=false", "--user", "u",
                "--connect-timeout", "3s"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(err.toString().lines().count()).isEqualTo(1);
    }
}
