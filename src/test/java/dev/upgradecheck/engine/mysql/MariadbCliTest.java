package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mysql engine against a real MariaDB 10.11 (Debian's package), driven through the CLI in-process.
 * Settings are changed by the test's own admin connection, never by the tool.
 */
class MariadbCliTest {

    private static MariadbTestServer server;

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

    private static CliRun.Result asAdmin(String... args) {
        return run(MariadbTestServer.ADMIN, MariadbTestServer.ADMIN_PASSWORD, args);
    }

    private static CliRun.Result run(String user, String password, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--engine", "mariadb", "--url", server.url(), "--user", user, "--format", "json"));
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", password)).run(all.toArray(String[]::new));
    }

    @Test
    void correctlyConfiguredServerPasses() {
        CliRun.Result run = asAdmin("precheck", "--cdc-user", MariadbTestServer.CDC, "--window", "2h");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.json().path("server").path("product").asText()).isEqualTo("MariaDB");
        for (String id : List.of("mysql.log_bin", "mysql.binlog_format", "mysql.binlog_row_image",
                "mysql.gtid_strict_mode", "mysql.binlog_status", "mysql.binlog_retention", "mysql.cdc_user_grants",
                "mysql.cdc_user_auth_plugin")) {
            assertThat(run.status(id)).as(id + ": " + run.check(id)).isEqualTo("PASS");
        }
        assertThat(run.status("mysql.gtid_mode")).isEqualTo("SKIP");
        assertThat(run.status("mysql.binlog_row_value_options")).isEqualTo("SKIP");
        assertThat(run.json().path("summary").path("fail").asInt()).isZero();
        assertThat(run.json().path("summary").path("error").asInt()).isZero();
    }

    @Test
    void binlogFormatMixedFailsWithRemedy() throws Exception {
        server.adminExecute("SET GLOBAL binlog_format = 'MIXED'");
        try {
            CliRun.Result run = asAdmin("precheck", "--cdc-user", MariadbTestServer.CDC);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.status("mysql.binlog_format")).isEqualTo("FAIL");
            assertThat(run.check("mysql.binlog_format").path("observed").asText()).contains("MIXED");
            assertThat(run.check("mysql.binlog_format").path("remedy").asText())
                    .contains("SET GLOBAL binlog_format = 'ROW';");
        } finally {
            server.adminExecute("SET GLOBAL binlog_format = 'ROW'");
        }
    }

    @Test
    void binlogRowImageMinimalFailsWithRemedy() throws Exception {
        server.adminExecute("SET GLOBAL binlog_row_image = 'MINIMAL'");
        try {
            CliRun.Result run = asAdmin("precheck", "--cdc-user", MariadbTestServer.CDC);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.status("mysql.binlog_row_image")).isEqualTo("FAIL");
            assertThat(run.check("mysql.binlog_row_image").path("remedy").asText())
                    .contains("SET GLOBAL binlog_row_image = 'FULL';");
        } finally {
            server.adminExecute("SET GLOBAL binlog_row_image = 'FULL'");
        }
    }

    @Test
    void cdcUserWithoutReplicationGrantsIsNamed() {
        CliRun.Result run = asAdmin("precheck", "--cdc-user", MariadbTestServer.NO_REPLICATION, "--tables", "shop.orders",
                "--only", "mysql.cdc_user_grants");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.status("mysql.cdc_user_grants")).isEqualTo("FAIL");
        assertThat(run.check("mysql.cdc_user_grants").path("detail").asText())
                .contains("'uc_norepl'@'%' lacks REPLICATION SLAVE, REPLICATION CLIENT");
        assertThat(run.check("mysql.cdc_user_grants").path("remedy").asText())
                .contains("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'uc_norepl'@'%';");
    }

    /** uc_norepl's SELECT is granted on the schema `shop`, not globally; a SELECT on another schema does not count. */
    @Test
    void cdcUserWithSchemaLevelSelectOnCapturedTablesNeedsOnlyReplicationGrants() throws Exception {
        server.adminExecute("CREATE USER 'uc_elsewhere'@'%' IDENTIFIED BY 'elsewhere-pw-7'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'uc_elsewhere'@'%'",
                "GRANT SELECT ON `elsewhere`.* TO 'uc_elsewhere'@'%'");
        try {
            CliRun.Result onShop = asAdmin("precheck", "--cdc-user", MariadbTestServer.NO_REPLICATION,
                    "--tables", "shop.orders", "--only", "mysql.cdc_user_grants");
            CliRun.Result elsewhere = asAdmin("precheck", "--cdc-user", "uc_elsewhere",
                    "--tables", "shop.orders", "--only", "mysql.cdc_user_grants");

            assertThat(onShop.status("mysql.cdc_user_grants")).isEqualTo("FAIL");
            assertThat(onShop.remedy("mysql.cdc_user_grants"))
                    .contains("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'uc_norepl'@'%';")
                    .doesNotContain("GRANT SELECT");
            assertThat(elsewhere.status("mysql.cdc_user_grants")).isEqualTo("FAIL");
            assertThat(elsewhere.check("mysql.cdc_user_grants").path("detail").asText())
                    .contains("'uc_elsewhere'@'%' lacks SELECT on").doesNotContain("lacks REPLICATION");
            assertThat(elsewhere.remedy("mysql.cdc_user_grants")).contains("GRANT SELECT ON")
                    .contains("TO 'uc_elsewhere'@'%';");
        } finally {
            server.adminExecute("DROP USER 'uc_elsewhere'@'%'");
        }
    }

    @Test
    void missingPrivilegeIsErrorNamingTheGrant() {
        CliRun.Result run = run(MariadbTestServer.NO_REPLICATION, MariadbTestServer.NO_REPLICATION_PASSWORD, "precheck",
                "--only", "mysql.binlog_status,mysql.binlog_reader.connected");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.status("mysql.binlog_status")).isEqualTo("ERROR");
        assertThat(run.check("mysql.binlog_status").path("remedy").asText())
                .isEqualTo("GRANT BINLOG MONITOR ON *.* TO 'uc_norepl'@'%';");
        assertThat(run.status("mysql.binlog_reader.connected")).isEqualTo("ERROR");
        assertThat(run.check("mysql.binlog_reader.connected").path("remedy").asText())
                .isEqualTo("GRANT PROCESS ON *.* TO 'uc_norepl'@'%';");
    }

    @Test
    void retentionShorterThanWindowFails() throws Exception {
        server.adminExecute("SET GLOBAL binlog_expire_logs_seconds = 3600");
        try {
            CliRun.Result run = asAdmin("precheck", "--window", "2h", "--only", "mysql.binlog_retention");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.status("mysql.binlog_retention")).isEqualTo("FAIL");
            assertThat(run.check("mysql.binlog_retention").path("observed").asText()).contains("3600");
            assertThat(run.check("mysql.binlog_retention").path("remedy").asText())
                    .contains("SET GLOBAL binlog_expire_logs_seconds = 86400;");

            CliRun.Result shortWindow = asAdmin("precheck", "--window", "30m", "--only", "mysql.binlog_retention");
            assertThat(shortWindow.exitCode()).isZero();
            assertThat(shortWindow.status("mysql.binlog_retention")).isEqualTo("PASS");
        } finally {
            server.adminExecute("SET GLOBAL binlog_expire_logs_seconds = 0");
        }
    }

    @Test
    void verifyFailsAndSnapshotIsRequiredWhenBaselineBinlogFileWasPurged() throws Exception {
        Path baseline = tmp.resolve("baseline.json");
        CliRun.Result precheck = asAdmin("precheck", "--cdc-user", MariadbTestServer.CDC, "--save-baseline",
                baseline.toString());
        assertThat(precheck.exitCode()).as(precheck.out()).isZero();
        String baselineFile = server.adminQuery("SHOW BINLOG STATUS");

        writeAndPurgeOlderBinlogs(3);

        CliRun.Result verify = asAdmin("verify", "--cdc-user", MariadbTestServer.CDC, "--baseline", baseline.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.binlog_file")).isEqualTo("FAIL");
        assertThat(verify.check("mysql.verify.binlog_file").path("expected").asText()).contains(baselineFile);
        assertThat(verify.status("mysql.verify.server")).isEqualTo("PASS");

        CliRun.Result advice = asAdmin("snapshot-advice", "--baseline", baseline.toString(), "--tables", "shop.orders");
        assertThat(advice.exitCode()).isEqualTo(1);
        assertThat(advice.json().path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.json().path("tables").get(0).path("table").asText()).isEqualTo("shop.orders");
        assertThat(advice.json().path("tables").get(0).path("verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void purgedGtidPositionIsDetected() throws Exception {
        Path baseline = tmp.resolve("baseline.json");
        assertThat(asAdmin("precheck", "--save-baseline", baseline.toString(), "--only", "mysql.log_bin").exitCode())
                .isZero();
        long seenUpTo = sequence(server.adminQuery("SELECT @@GLOBAL.gtid_binlog_pos"));

        writeAndPurgeOlderBinlogs(2);
        long purgedUpTo = sequence(server.adminQuery("SELECT @@GLOBAL.gtid_binlog_pos"));

        CliRun.Result verify = asAdmin("verify", "--baseline", baseline.toString(), "--only", "mysql.verify");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.status("mysql.verify.gtid")).isEqualTo("FAIL");
        assertThat(verify.check("mysql.verify.gtid").path("detail").asText())
                .contains("domain 0: sequence " + (seenUpTo + 1) + " to " + purgedUpTo);
    }

    @Test
    void nothingPurgedPassesVerifyButWithoutTheReadersOffsetIsNoAllClear() throws Exception {
        Path baseline = tmp.resolve("baseline.json");
        assertThat(asAdmin("precheck", "--save-baseline", baseline.toString(), "--only", "mysql.log_bin").exitCode())
                .isZero();
        server.adminExecute("INSERT INTO shop.orders VALUES (" + nextId() + ", 1)", "FLUSH BINARY LOGS");

        CliRun.Result verify = asAdmin("verify", "--cdc-user", MariadbTestServer.CDC, "--baseline", baseline.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        for (String id : List.of("mysql.verify.server", "mysql.verify.binlog_file", "mysql.verify.gtid",
                "mysql.verify.settings")) {
            assertThat(verify.status(id)).as(id).isEqualTo("PASS");
        }
        assertThat(verify.status("mysql.verify.reader")).isEqualTo("WARN");

        CliRun.Result advice = asAdmin("snapshot-advice", "--baseline", baseline.toString());
        assertThat(advice.exitCode()).isEqualTo(1);
        assertThat(advice.json().path("verdict").asText()).isEqualTo("RECOMMENDED");
        assertThat(advice.json().path("reasons").toString()).contains("the reader's own position is unknown")
                .contains("--connect-url");
    }

    @Test
    void verifyReportsChangedSettings() throws Exception {
        Path baseline = tmp.resolve("baseline.json");
        asAdmin("precheck", "--save-baseline", baseline.toString(), "--only", "mysql.log_bin");
        server.adminExecute("SET GLOBAL gtid_strict_mode = OFF");
        try {
            CliRun.Result verify = asAdmin("verify", "--baseline", baseline.toString(), "--only", "mysql.verify.settings");

            assertThat(verify.status("mysql.verify.settings")).isEqualTo("WARN");
            assertThat(verify.check("mysql.verify.settings").path("observed").asText())
                    .contains("gtid_strict_mode: ON -> OFF");
        } finally {
            server.adminExecute("SET GLOBAL gtid_strict_mode = ON");
        }
    }

    @Test
    void wrongPasswordExitsThreeWithOneLine() {
        CliRun.Result run = run(MariadbTestServer.CDC, "not-the-password", "precheck");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("login refused").doesNotContain("not-the-password");
    }

    @Test
    void sessionIsReadOnly() throws Exception {
        var spec = new dev.upgradecheck.engine.ConnectionSpec("mariadb", server.url(), MariadbTestServer.ADMIN,
                dev.upgradecheck.engine.Secret.of(MariadbTestServer.ADMIN_PASSWORD),
                dev.upgradecheck.value.HumanDuration.parse("5s"), dev.upgradecheck.value.HumanDuration.parse("5s"));
        try (MysqlSession session = (MysqlSession) new MysqlInspector().open(spec)) {
            // MariaDB 10.11 names it tx_read_only (transaction_read_only from 11.1)
            assertThat(session.sql().one("SELECT @@SESSION.tx_read_only AS ro").bool("ro")).isTrue();
            assertThat(session.sql().connection().isReadOnly()).isTrue();
            try (var statement = session.sql().connection().createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO shop.orders VALUES (-1, 0)"))
                        .isInstanceOf(java.sql.SQLException.class);
            }
            assertThat(server.adminQuery("SELECT COUNT(*) FROM shop.orders WHERE id = -1")).isEqualTo("0");
        }
    }

    @Test
    void anIdleReaderAndTheThreadItLeavesBehindAreNeverCalledConnectedAndDrained() throws Exception {
        MysqlCatalog.BinlogPosition head = server.head();
        Process reader = server.startBinlogReader(head.file(), head.position(), tmp);
        try {
            List<String> states = Eventually.poll(Duration.ofSeconds(20), Duration.ofMillis(100),
                    server::dumpThreadStates, s -> s.size() == 1 && s.get(0).contains("has sent all binlog"));
            assertThat(states).as("the reader's dump thread").singleElement().asString().contains("has sent all binlog");

            CliRun.Result live = asAdmin("precheck", "--only", "mysql.binlog_reader");
            assertThat(live.status("mysql.binlog_reader.connected")).isEqualTo("WARN");
            assertThat(live.check("mysql.binlog_reader.connected").path("observed").asText())
                    .contains(MariadbTestServer.CDC).contains("Binlog Dump");
            assertThat(live.status("mysql.binlog_reader.drained")).isEqualTo("WARN");
        } finally {
            reader.destroy();
            reader.waitFor();
        }
        // MariaDB keeps the dump thread of a reader that has exited until sending it an event fails
        assertThat(server.dumpThreadStates()).as("thread left behind").singleElement().asString()
                .contains("has sent all binlog");
        CliRun.Result gone = asAdmin("precheck", "--only", "mysql.binlog_reader");
        assertThat(gone.status("mysql.binlog_reader.connected")).isEqualTo("WARN");
        assertThat(gone.check("mysql.binlog_reader.connected").path("detail").asText())
                .contains("cannot tell whether the reader");
        assertThat(gone.status("mysql.binlog_reader.drained")).isEqualTo("WARN");
    }

    /** Writes some transactions, rotates the binlog, and purges everything before the new file. */
    private static void writeAndPurgeOlderBinlogs(int transactions) throws Exception {
        for (int i = 0; i < transactions; i++) {
            server.adminExecute("INSERT INTO shop.orders VALUES (" + nextId() + ", 1)");
        }
        server.adminExecute("FLUSH BINARY LOGS");
        server.purgeBinlogsTo(server.head().file());
    }

    private static int ids = 1000;

    private static synchronized int nextId() {
        return ++ids;
    }

    private static long sequence(String mariadbPosition) {
        return MariadbGtidPosition.parse(mariadbPosition).sequence(0);
    }
}
