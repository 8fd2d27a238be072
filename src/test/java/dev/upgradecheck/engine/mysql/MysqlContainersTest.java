package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL proper (5.7, 8.0, 8.4) in Docker, through the CLI. Runs in the GitHub workflow, where Docker exists;
 * skipped (not failed) on machines without a Docker daemon.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MysqlContainersTest {

    private static final String ROOT_PASSWORD = "test";

    @TempDir
    Path tmp;

    /** A server configured for CDC (binlog in ROW format, GTIDs on), with any further mysqld options. */
    private static MySQLContainer<?> container(String image, String... moreOptions) {
        List<String> options = new ArrayList<>(List.of("--server-id=1", "--log-bin=binlog", "--binlog-format=ROW",
                "--gtid-mode=ON", "--enforce-gtid-consistency=ON"));
        options.addAll(List.of(moreOptions));
        // the image's entrypoint runs mysqld with arguments that start with a dash
        return new MySQLContainer<>(DockerImageName.parse(image))
                .withUsername("root").withPassword(ROOT_PASSWORD).withDatabaseName("shop")
                .withCommand(options.toArray(String[]::new));
    }

    private static String url(MySQLContainer<?> c) {
        return "jdbc:mysql://" + c.getHost() + ":" + c.getMappedPort(3306) + "/shop?allowPublicKeyRetrieval=true";
    }

    private static void admin(MySQLContainer<?> c, String... statements) throws SQLException {
        try (Connection conn = DriverManager.getConnection(url(c), "root", ROOT_PASSWORD);
             Statement s = conn.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String adminQuery(MySQLContainer<?> c, String sql) throws SQLException {
        try (Connection conn = DriverManager.getConnection(url(c), "root", ROOT_PASSWORD);
             Statement s = conn.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static CliRun.Result cli(MySQLContainer<?> c, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--engine", "mysql", "--url", url(c), "--user", "root", "--format", "json"));
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", ROOT_PASSWORD)).run(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql:5.7", "mysql:8.0", "mysql:8.4"})
    void configuredServerPassesAndPurgedGtidsAreDetected(String image) throws Exception {
        try (MySQLContainer<?> mysql = container(image)) {
            mysql.start();
            admin(mysql, "CREATE USER 'cdc'@'%' IDENTIFIED BY 'cdc-pw'",
                    "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, LOCK TABLES ON *.* TO 'cdc'@'%'",
                    "CREATE TABLE shop.orders (id INT PRIMARY KEY, amount INT)");

            CliRun.Result precheck = cli(mysql, "precheck", "--cdc-user", "cdc", "--window", "2h", "--save-baseline",
                    tmp.resolve("baseline.json").toString());
            assertThat(precheck.exitCode()).as(precheck.out() + precheck.err()).isZero();
            for (String id : List.of("mysql.log_bin", "mysql.binlog_format", "mysql.binlog_row_image",
                    "mysql.gtid_mode", "mysql.enforce_gtid_consistency", "mysql.binlog_status",
                    "mysql.binlog_retention", "mysql.cdc_user_grants")) {
                assertThat(precheck.status(id)).as(image + " " + id).isEqualTo("PASS");
            }
            assertThat(precheck.check("mysql.binlog_status").path("detail").asText())
                    .contains(image.equals("mysql:8.4") ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS");

            admin(mysql, "INSERT INTO shop.orders VALUES (1, 10)", "INSERT INTO shop.orders VALUES (2, 20)",
                    "FLUSH BINARY LOGS");
            String current = adminQuery(mysql, image.equals("mysql:8.4") ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS");
            admin(mysql, "PURGE BINARY LOGS TO '" + current + "'");

            CliRun.Result verify = cli(mysql, "verify", "--cdc-user", "cdc", "--baseline", tmp.resolve("baseline.json").toString());
            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.status("mysql.verify.gtid")).isEqualTo("FAIL");
            assertThat(verify.status("mysql.verify.server")).isEqualTo("PASS");

            CliRun.Result advice = cli(mysql, "snapshot-advice", "--baseline", tmp.resolve("baseline.json").toString());
            assertThat(advice.json().path("verdict").asText()).isEqualTo("REQUIRED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql:8.0", "mysql:8.4"})
    void nativePasswordUserFailsWhenTargetIs84(String image) throws Exception {
        // 8.4 loads mysql_native_password only when asked to; 8.0 always has it
        String[] nativePlugin = image.equals("mysql:8.4") ? new String[] {"--mysql-native-password=ON"} : new String[0];
        try (MySQLContainer<?> mysql = container(image, nativePlugin)) {
            mysql.start();
            admin(mysql, "CREATE USER 'legacy'@'%' IDENTIFIED WITH mysql_native_password BY 'legacy-pw'");

            CliRun.Result run = cli(mysql, "precheck", "--cdc-user", "legacy", "--target-version", "8.4",
                    "--only", "mysql.cdc_user_auth_plugin");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.status("mysql.cdc_user_auth_plugin")).isEqualTo("FAIL");
            assertThat(run.check("mysql.cdc_user_auth_plugin").path("remedy").asText())
                    .contains("ALTER USER 'legacy'@'%' IDENTIFIED WITH caching_sha2_password");
        }
    }
}
