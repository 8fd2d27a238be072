package dev.upgradecheck.engine.mysql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static CliRun asAdmin(String... args) {
        return run(MariadbTestServer.ADMIN, MariadbTestServer.ADMIN_PASSWORD, args);
    }

    private static CliRun run(String user, String password, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--engine", "mariadb", "--url", server.url(), "--user", user, "--format", "json"));
        return CliRun.of(Map.of("UPGRADE_CHECK_PASSWORD", password), all.toArray(String[]::new));
    }

    @Test
    void correctlyConfiguredServerPasses() {
        CliRun run = asAdmin("precheck", "--cdc-user", MariadbTestServer.CDC, "--window", "2h");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
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
}
