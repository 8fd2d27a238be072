package dev.upgradecheck.engine.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An inventory of real databases on one server plus targets that cannot be reached. */
class PostgresFleetTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        for (String db : new String[] {"orders", "billing", "stock"}) {
            PgServers.sql(pg, "CREATE DATABASE " + db);
        }
        try (var c = pg.getDatabase("postgres", "orders").getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
            s.execute("CREATE PUBLICATION cdc_pub FOR TABLE public.orders");
            s.execute("SELECT pg_create_logical_replication_slot('orders_slot', 'pgoutput')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static String url(String db) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db;
    }

    @Test
    void checksEveryReachableTargetAndReportsTheUnreachableOneWithinItsTimeout(@TempDir Path dir) throws Exception {
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
                  - {name: stock, url: '%s'}
                  - {name: gone, url: 'jdbc:postgresql://127.0.0.1:%d/x'}
                """.formatted(url("orders"), url("billing"), url("stock"), closedPort));
        Path baselines = dir.resolve("baselines");

        long started = System.nanoTime();
        CliRun.Result r = new CliRun().run("precheck", "--inventory", inventory.toString(), "--parallel", "4",
                "--format", "json", "--save-baseline", baselines.toString());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(seconds).as("the unreachable target is bounded by its 2s connect timeout").isLessThan(30);
        JsonNode targets = r.json().get("targets");
        assertThat(targets).hasSize(4);
        assertThat(targets.get(0).get("target").asText()).isEqualTo("orders");
        assertThat(CliRun.status(targets.get(0), "pg.wal_level")).isEqualTo("PASS");
        assertThat(CliRun.status(targets.get(0), "pg.slot.exists")).isEqualTo("PASS");
        assertThat(targets.get(1).at("/server/product").asText()).isEqualTo("PostgreSQL");
        assertThat(CliRun.status(targets.get(1), "pg.slot.exists"))
                .as("orders_slot belongs to database orders, not to billing's pipeline").isEqualTo("FAIL");
        JsonNode gone = targets.get(3);
        assertThat(gone.get("target").asText()).isEqualTo("gone");
        assertThat(gone.at("/checks/0/id").asText()).isEqualTo("pg.connection");
        assertThat(gone.at("/checks/0/status").asText()).isEqualTo("ERROR");
        assertThat(baselines.resolve("orders.json")).exists();
        assertThat(baselines.resolve("billing.json")).exists();
        assertThat(baselines.resolve("gone.json")).doesNotExist();
    }

    @Test
    void junitHasOneSuitePerTargetAndTextEndsWithTheSummaryTable(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                defaults: {engine: postgres, user: postgres}
                targets:
                  - {name: orders, url: '%s', slot: orders_slot}
                  - {name: billing, url: '%s'}
                """.formatted(url("orders"), url("billing")));
        Path junit = dir.resolve("precheck.xml");

        CliRun.Result xml = new CliRun().run("precheck", "--inventory", inventory.toString(), "--format", "junit",
                "--output", junit.toString());
        CliRun.Result text = new CliRun().run("precheck", "--inventory", inventory.toString());

        assertThat(xml.exitCode()).isEqualTo(text.exitCode());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        assertThat(((Element) suites.item(0)).getAttribute("name")).endsWith(".orders");
        assertThat(((Element) suites.item(1)).getAttribute("name")).endsWith(".billing");
        assertThat(text.out()).contains("Fleet summary (2 targets)");
        assertThat(text.out().lines().filter(l -> l.startsWith("  orders ") || l.startsWith("  billing "))).hasSize(2);
    }

    @Test
    void snapshotAdviceOverAFleetReadsEachTargetsOwnBaseline(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                defaults: {engine: postgres, user: postgres}
                targets:
                  - {name: orders, url: '%s', slot: orders_slot, publication: cdc_pub}
                  - {name: billing, url: '%s'}
                """.formatted(url("orders"), url("billing")));
        Path baselines = dir.resolve("baselines");
        new CliRun().run("precheck", "--inventory", inventory.toString(), "--save-baseline", baselines.toString());
        Files.delete(baselines.resolve("billing.json"));
        DebeziumAtSlot.intoBaseline(baselines.resolve("orders.json"), url("orders"), "orders", "orders_slot");

        CliRun.Result r = new CliRun().run("snapshot-advice", "--inventory", inventory.toString(),
                "--baseline", baselines.toString(), "--format", "json");

        JsonNode targets = r.json().get("targets");
        assertThat(targets.findValuesAsText("target")).containsExactly("orders", "billing");
        // nothing was upgraded: the slot in orders' baseline is still there, and its reader was at it
        assertThat(targets.get(0).get("verdict").asText()).as(r.toString()).isEqualTo("NOT_NEEDED");
        // billing's baseline is missing from the directory: an ERROR naming the file, never a guessed verdict
        assertThat(targets.get(1).has("verdict")).isFalse();
        assertThat(CliRun.status(targets.get(1), "pg.input")).isEqualTo("ERROR");
        assertThat(targets.get(1).at("/checks/0/detail").asText()).contains("billing.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void aFleetWhereNoTargetAnswersExitsThree(@TempDir Path dir) throws Exception {
        int closedPort = Ports.unused();
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                defaults: {engine: postgres, connectTimeout: 1s}
                targets:
                  - {name: a, url: 'jdbc:postgresql://127.0.0.1:%1$d/x'}
                  - {name: b, url: 'jdbc:postgresql://127.0.0.1:%1$d/y'}
                """.formatted(closedPort));

        CliRun.Result r = new CliRun().run("verify", "--inventory", inventory.toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(r.json().get("targets")).hasSize(2);
    }

    @Test
    void shardsTakeDisjointSlicesOfTheInventory(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                defaults: {engine: postgres, user: postgres}
                targets:
                  - {name: orders, url: '%s'}
                  - {name: billing, url: '%s'}
                  - {name: stock, url: '%s'}
                """.formatted(url("orders"), url("billing"), url("stock")));

        JsonNode first = new CliRun().run("precheck", "--inventory", inventory.toString(), "--shard", "1/2",
                "--format", "json", "--skip", "pg.slot,pg.publication").json().get("targets");
        JsonNode second = new CliRun().run("precheck", "--inventory", inventory.toString(), "--shard", "2/2",
                "--format", "json", "--skip", "pg.slot,pg.publication").json().get("targets");

        assertThat(first.findValuesAsText("target")).containsExactly("orders", "stock");
        assertThat(second.findValuesAsText("target")).containsExactly("billing");
    }
}
