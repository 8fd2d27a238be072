package dev.upgradecheck.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One inventory over two engines, real servers both: PostgreSQL databases, a MariaDB server and a dead target. */
class MixedEngineFleetTest {

    private static final String MARIADB_PASSWORD_ENV = "FLEET_MARIADB_PASSWORD";

    static EmbeddedPostgres pg;
    static MariadbTestServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(MariadbTestServer.installed(), "mariadbd is not installed (.ci/run installs it)");
        pg = PgServers.start(16, "logical");
        PgServers.sql(pg, "CREATE DATABASE orders");
        PgServers.sql(pg, "CREATE DATABASE billing");
        try (var c = pg.getDatabase("postgres", "orders").getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
            s.execute("CREATE PUBLICATION cdc_pub FOR TABLE public.orders");
            s.execute("SELECT pg_create_logical_replication_slot('orders_slot', 'pgoutput')");
        }
        mariadb = MariadbTestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (mariadb != null) {
            mariadb.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void everyReachableTargetIsCheckedByItsOwnEngineAndTheDeadOneIsReportedWithinItsTimeout(@TempDir Path dir)
            throws Exception {
        int closedPort = Ports.unused();
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                defaults:
                  engine: postgres
                  user: postgres
                  connectTimeout: 2s
                targets:
                  - {name: orders, url: '%s', slot: orders_slot, publication: cdc_pub}
                  - {name: billing, url: '%s'}
                  - {name: shop, engine: mariadb, url: '%s', user: %s, passwordEnv: %s, cdcUser: %s, window: 2h}
                  - {name: gone, url: 'jdbc:postgresql://127.0.0.1:%d/x'}
                """.formatted(pgUrl("orders"), pgUrl("billing"), mariadb.url(), MariadbTestServer.ADMIN,
                MARIADB_PASSWORD_ENV, MariadbTestServer.CDC, closedPort));
        CliRun tool = new CliRun().env(MARIADB_PASSWORD_ENV, MariadbTestServer.ADMIN_PASSWORD);
        Path junit = dir.resolve("fleet.xml");

        long started = System.nanoTime();
        CliRun.Result json = tool.run("precheck", "--inventory", inventory.toString(), "--parallel", "4",
                "--format", "json");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        CliRun.Result text = tool.run("precheck", "--inventory", inventory.toString(), "--parallel", "4");
        CliRun.Result xml = tool.run("precheck", "--inventory", inventory.toString(), "--parallel", "4",
                "--format", "junit", "--output", junit.toString());

        // one target could not be reached: the fleet fails (1), it does not claim no target answered (3)
        for (CliRun.Result r : List.of(json, text, xml)) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(r.out() + r.err()).doesNotContain(MariadbTestServer.ADMIN_PASSWORD);
        }
        assertThat(seconds).as("the dead target is bounded by its 2s connect timeout").isLessThan(30);

        JsonNode targets = json.json().get("targets");
        assertThat(targets.findValuesAsText("target")).containsExactly("orders", "billing", "shop", "gone");
        assertThat(targets.findValuesAsText("engine")).containsExactly("postgres", "postgres", "mysql", "postgres");
        assertThat(CliRun.status(targets.get(0), "pg.slot.exists")).isEqualTo("PASS");
        assertThat(targets.get(2).at("/server/product").asText()).isEqualTo("MariaDB");
        for (String id : List.of("mysql.log_bin", "mysql.binlog_format", "mysql.cdc_user_grants")) {
            assertThat(CliRun.status(targets.get(2), id)).as(id).isEqualTo("PASS");
        }
        assertThat(targets.get(3).at("/checks/0/status").asText()).isEqualTo("ERROR");

        assertThat(text.out()).contains("Fleet summary (4 targets)");
        assertThat(summaryRow(text.out(), "shop")).contains("mysql").endsWith("ok");
        assertThat(summaryRow(text.out(), "gone")).endsWith("FAILED");
        assertThat(summaryRow(text.out(), "gone").split("\\s+")).contains("1"); // its one ERROR

        NodeList suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile())
                .getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(4);
        assertThat(((Element) suites.item(2)).getAttribute("name")).endsWith(".shop");
        assertThat(Integer.parseInt(((Element) suites.item(3)).getAttribute("errors"))
                + Integer.parseInt(((Element) suites.item(3)).getAttribute("failures"))).isPositive();
    }

    private static String pgUrl(String db) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db;
    }

    private static String summaryRow(String text, String target) {
        String summary = text.substring(text.indexOf("Fleet summary"));
        return summary.lines().filter(l -> l.startsWith("  " + target + " ")).findFirst().orElseThrow().strip();
    }
}
