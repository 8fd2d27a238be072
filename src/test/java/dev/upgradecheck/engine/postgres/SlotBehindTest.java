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
 * Issue 11, defect 8 on a real 16.x cluster: a file-system copy taken before the reader advanced the slot is
 * restored after the baseline. Same cluster, same timeline, the slot behind its baseline: not "recreated" but
 * a restore (or a crash rollback), and the pipeline cannot resume from where it was.
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
            // the reader reads and confirms the five rows, then the baseline records its position
            PgServers.sql(url, "SELECT count(*) FROM pg_logical_slot_get_binary_changes('behind_slot', NULL, NULL, "
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
                    .contains("same timeline").doesNotContain("recreated");
            assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
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
