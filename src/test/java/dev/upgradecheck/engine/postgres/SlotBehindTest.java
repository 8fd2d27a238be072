package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.upgradecheck.engine.postgres.PgServers.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slot behind its baseline on the same cluster and timeline. Issue 11, defect 8 on a real 16.x cluster: a
 * file-system copy taken before the reader advanced the slot is restored after the baseline, and the pipeline
 * cannot resume from where it was. And the harmless way, found by the scenario long run: before 17 a clean restart
 * may not save the position a walsender reader confirmed last, so the slot goes back and the reader gets changes
 * again (a duplicate, not a gap).
 */
class SlotBehindTest {

    @Test
    void aSlotBehindItsBaselineOnTheSameClusterIsARestoreAndFails(@TempDir Path dir) throws Exception {
        int port = Ports.unused();
        Path data = dir.resolve("data");
        Path copy = dir.resolve("copy");
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        Path baseline = dir.resolve("behind.json");
        try (EmbeddedPostgres pg = PgServers.startIn(16, data, port)) {
            PgServers.sql(url, "CREATE TABLE public.orders (id int PRIMARY KEY)",
                    "CREATE PUBLICATION behind_pub FOR TABLE public.orders",
                    "SELECT pg_create_logical_replication_slot('behind_slot', 'pgoutput')",
                    "INSERT INTO public.orders SELECT generate_series(1, 5)");
        }
        copy(data, copy);
        try (EmbeddedPostgres pg = PgServers.startIn(16, data, port)) {
            // a write the copy does not have; the reader reads and confirms the six rows, then the baseline
            // records its position
            PgServers.sql(url, "INSERT INTO public.orders VALUES (6)",
                    "SELECT count(*) FROM pg_logical_slot_get_binary_changes('behind_slot', NULL, NULL, "
                    + "'proto_version', '1', 'publication_names', 'behind_pub')");
            assertThat(cli("precheck", url, "--slot", "behind_slot", "--save-baseline", baseline.toString()).exitCode())
                    .isZero();
        }
        exec("rm", "-rf", data.toString());
        copy(copy, data);
        try (EmbeddedPostgres restored = PgServers.startIn(16, data, port)) {
            CliRun.Result verify = cli("verify", url, "--baseline", baseline.toString());
            CliRun.Result advice = cli("snapshot-advice", url, "--baseline", baseline.toString());

            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
            assertThat(verify.status("pg.verify.cluster")).isEqualTo("PASS");
            assertThat(verify.status("pg.verify.slots")).isEqualTo("FAIL");
            assertThat(verify.check("pg.verify.slots").get("observed").asText()).contains("behind its baseline")
                    .contains("same timeline", "WAL position").doesNotContain("recreated");
            assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
        }
    }

    @Test
    void aSlotThatACleanRestartOf14RolledBackIsKept(@TempDir Path dir) throws Exception {
        int port = Ports.unused();
        Path data = dir.resolve("data");
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        Path baseline = dir.resolve("rolled.json");
        long confirmed;
        try (EmbeddedPostgres pg = PgServers.startIn(14, data, port)) {
            PgServers.sql(url, "CREATE TABLE public.orders (id int PRIMARY KEY)",
                    "CREATE PUBLICATION rolled_pub FOR TABLE public.orders",
                    "SELECT pg_create_logical_replication_slot('rolled_slot', 'pgoutput')",
                    "INSERT INTO public.orders SELECT generate_series(1, 5)", "CHECKPOINT");
            assertThat(PgoutputWitness.changes(url, "rolled_slot", "rolled_pub")).hasSize(5);
            // a read that moves only the confirmed position (a clean shutdown of 14 does not save that); one that
            // decoded a running-transactions record moved restart_lsn or catalog_xmin too, and the slot was saved
            int key = 6;
            String saved;
            do {
                saved = savedFields(url);
                PgServers.sql(url, "INSERT INTO public.orders VALUES (" + key++ + ")");
                assertThat(PgoutputWitness.changes(url, "rolled_slot", "rolled_pub")).hasSize(1);
            } while (!saved.equals(savedFields(url)) && key < 12);
            confirmed = DebeziumAtSlot.confirmedFlush(url, "rolled_slot");
            assertThat(cli("precheck", url, "--slot", "rolled_slot", "--save-baseline", baseline.toString())
                    .exitCode()).isZero();
            DebeziumAtSlot.intoBaseline(baseline, url, "postgres", "rolled_slot");
        }
        try (EmbeddedPostgres restarted = PgServers.startIn(14, data, port)) {
            assertThat(DebeziumAtSlot.confirmedFlush(url, "rolled_slot")).as("the restart did not save the "
                    + "confirmed position").isLessThan(confirmed);
            PgServers.sql(url, "INSERT INTO public.orders VALUES (100)");

            CliRun.Result advice = cli("snapshot-advice", url, "--baseline", baseline.toString());
            CliRun.Result verify = cli("verify", url, "--baseline", baseline.toString());

            assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("NOT_NEEDED");
            assertThat(verify.status("pg.verify.slots")).as(verify.toString()).isEqualTo("PASS");
            assertThat(verify.check("pg.verify.slots").get("observed").asText()).contains("clean restart");
            assertThat(PgoutputWitness.changes(url, "rolled_slot", "rolled_pub")).as("the row read before the "
                    + "baseline again, then the one written after the restart").containsExactly('I', 'I');
        }
    }

    private static String savedFields(String url) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(url, "postgres", "");
             var r = c.createStatement().executeQuery("SELECT restart_lsn::text || ' ' || catalog_xmin::text "
                     + "FROM pg_replication_slots WHERE slot_name = 'rolled_slot'")) {
            r.next();
            return r.getString(1);
        }
    }

    /** cp -a: the server wants its data directory with the owner and mode it had. */
    private static void copy(Path from, Path to) throws Exception {
        exec("cp", "-a", from.toString(), to.toString());
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", command)).isTrue();
    }
}
