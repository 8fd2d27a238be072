package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade story of issue 2 on real servers: a 14 cluster with a pgoutput slot and a publication, then a
 * fresh 16 cluster with the same schema but no slot (what a major upgrade before 17 leaves behind).
 */
class UpgradeStoryTest {

    static EmbeddedPostgres pg14;
    static EmbeddedPostgres pg16;

    static final String[] SCHEMA = {
            "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
            "CREATE TABLE public.items (id int PRIMARY KEY, order_id int)",
            "INSERT INTO public.orders SELECT g, 'row ' || g FROM generate_series(1, 50) g",
            "INSERT INTO public.items SELECT g, g FROM generate_series(1, 50) g"};

    @BeforeAll
    static void start() {
        pg14 = PgServers.start(14, "logical");
        pg16 = PgServers.start(16, "logical");
    }

    @AfterAll
    static void stop() throws Exception {
        pg14.close();
        pg16.close();
    }

    @Test
    void majorUpgradeFrom14DropsTheSlotAndVerifyThenAdviceSayWhatToDo(@TempDir Path dir) throws Exception {
        PgServers.sql(pg14, SCHEMA);
        PgServers.sql(pg14, "CREATE PUBLICATION cdc_pub FOR TABLE public.orders, public.items",
                "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')",
                "UPDATE public.orders SET note = 'changed after the slot' WHERE id < 10");
        Path baseline = dir.resolve("baseline.json");

        CliRun.Result precheck = new CliRun().run("precheck", "--engine", "postgres", "--url", PgServers.url(pg14), "--user", "postgres",
                "--target-version", "16", "--format", "json", "--save-baseline", baseline.toString());

        assertThat(precheck.exitCode()).as(precheck.toString()).isZero();
        assertThat(precheck.json().get("server").get("version").asText()).startsWith("14.");
        assertThat(precheck.status("pg.wal_level")).isEqualTo("PASS");
        assertThat(precheck.status("pg.slot.exists")).isEqualTo("PASS");
        assertThat(precheck.status("pg.publication.tables")).isEqualTo("PASS");
        assertThat(precheck.status("pg.upgrade_path")).isEqualTo("WARN");
        assertThat(precheck.status("pg.slot_migration")).isEqualTo("SKIP");
        assertThat(precheck.status("pg.slot.invalidation")).as("invalidation_reason is 17+").isEqualTo("SKIP");
        assertThat(precheck.json().get("summary").get("fail").asInt()).isZero();
        var state = dev.upgradecheck.baseline.Json.mapper().readTree(baseline.toFile()).get("state");
        assertThat(state.get("systemIdentifier").asText()).matches("\\d+");
        assertThat(state.get("walLsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(state.get("slots").get(0).get("name").asText()).isEqualTo("cdc_slot");
        assertThat(state.get("slots").get(0).get("lagBytes").asLong()).as(state.toString()).isPositive();
        assertThat(state.get("publications").get(0).get("tables")).hasSize(2);

        // the "upgraded" cluster: same schema and data, new writes, neither slot nor publication
        PgServers.sql(pg16, SCHEMA);
        PgServers.sql(pg16, "INSERT INTO public.orders VALUES (1000, 'written after the upgrade')");
        String url16 = PgServers.url(pg16);

        CliRun.Result verify = new CliRun().run("verify", "--engine", "postgres", "--url", url16, "--user", "postgres",
                "--baseline", baseline.toString(), "--format", "json");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.status("pg.verify.slots")).isEqualTo("FAIL");
        assertThat(verify.check("pg.verify.slots").get("observed").asText()).contains("cdc_slot");
        assertThat(verify.check("pg.verify.slots").get("remedy").asText())
                .contains("pg_create_logical_replication_slot('cdc_slot', 'pgoutput')");
        assertThat(verify.status("pg.verify.publications")).isEqualTo("FAIL");
        assertThat(verify.check("pg.verify.publications").get("remedy").asText())
                .contains("CREATE PUBLICATION \"cdc_pub\" FOR TABLE \"public\".\"items\", \"public\".\"orders\"");
        assertThat(verify.status("pg.verify.cluster")).as("a new system identifier").isEqualTo("WARN");

        CliRun.Result advice = new CliRun().run("snapshot-advice", "--engine", "postgres", "--url", url16, "--user", "postgres",
                "--baseline", baseline.toString(), "--format", "json");

        assertThat(advice.exitCode()).as(advice.toString()).isEqualTo(1);
        assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.table("public.orders").get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.table("public.items").get("verdict").asText()).isEqualTo("REQUIRED");

        // the runbook's after-steps: recreate the slot and the publication
        PgServers.sql(pg16, "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')",
                "CREATE PUBLICATION cdc_pub FOR TABLE public.orders, public.items");

        CliRun.Result after = new CliRun().run("verify", "--engine", "postgres", "--url", url16, "--user", "postgres",
                "--baseline", baseline.toString(), "--format", "json");

        assertThat(after.exitCode()).as("9 changes were unread at the baseline: " + after).isEqualTo(1);
        assertThat(after.status("pg.verify.slots")).as("recreated: its stream starts at its creation").isEqualTo("FAIL");
        assertThat(after.check("pg.verify.slots").get("observed").asText()).contains("recreated")
                .contains("unread change(s)");
        assertThat(after.status("pg.verify.publications")).isEqualTo("PASS");
        assertThat(after.status("pg.verify.wal_level")).isEqualTo("PASS");

        CliRun.Result adviceAfter = new CliRun().run("snapshot-advice", "--engine", "postgres", "--url", url16, "--user", "postgres",
                "--baseline", baseline.toString(), "--format", "json");

        assertThat(adviceAfter.json().get("verdict").asText())
                .as("the slot was not drained at the baseline: changes before the new slot are lost").isEqualTo("REQUIRED");
        assertThat(adviceAfter.table("public.orders").get("reasons").get(0).asText()).contains("recreated");
        assertThat(Files.readString(baseline)).doesNotContainIgnoringCase("password");
    }

    @Test
    void planWithALiveConnectionFillsInTheSlotPublicationAndTables() {
        PgServers.sql(pg14, "CREATE DATABASE plan_db");
        String url = "jdbc:postgresql://localhost:" + pg14.getPort() + "/plan_db";
        try (var c = java.sql.DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
            s.execute("CREATE TABLE public.\"Order Lines\" (id int PRIMARY KEY)");
            s.execute("CREATE PUBLICATION plan_pub FOR TABLE public.\"Order Lines\"");
            s.execute("SELECT pg_create_logical_replication_slot('plan_slot', 'pgoutput')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        CliRun.Result plan = new CliRun().run("plan", "--engine", "postgres", "--url", url, "--user", "postgres", "--to", "16",
                "--format", "markdown");

        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("PostgreSQL 14.").contains("-> 16")
                .contains("pg_create_logical_replication_slot('plan_slot', 'pgoutput')")
                .contains("\"plan_pub\"").contains("\"public\".\"Order Lines\"")
                .contains("- [ ] **1.");
    }
}
