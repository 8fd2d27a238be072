package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real pg_upgrade from 14 to 15: the zonky 14.x binaries are the old bindir (with Debian 15's pg_controldata
 * and a pg_resetwal shim that answers {@code -n}; both versions share control-file format 1300), Debian's
 * postgresql-15 package is the new bindir. The tool must see what pg_upgrade really does: the slot is gone,
 * wal_level is back to the new cluster's default, the publication is kept, the next transaction id carried over
 * (template0's datfrozenxid is the old cluster's final one), so writes after the baseline cannot hide.
 */
@Tag("pg-upgrade")
class PgUpgradeTest {

    static final Path NEW_BIN = Path.of("/usr/lib/postgresql/15/bin");

    /** The old cluster's schema: the slot is created after the rows, so the baseline finds it drained. */
    static final String[] DRAINED_SOURCE = {
            "CREATE TABLE public.orders (id int PRIMARY KEY)",
            "CREATE PUBLICATION cdc_pub FOR TABLE public.orders",
            "INSERT INTO public.orders SELECT generate_series(1, 10)",
            "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')"};

    /** A 14 cluster upgraded to a running 15 one; {@link #stop()} it when done. */
    private record Upgraded(Path work, Path baseline, String url, int port) {
        void sql(String... statements) {
            PgServers.sql(url, statements);
        }

        CliRun.Result cli(String command) {
            return PgServers.cli(command, url, "--baseline", baseline.toString());
        }

        void restart() throws Exception {
            asPostgres(work, NEW_BIN.resolve("pg_ctl").toString(), "-D", "d15", "-l", "log15", "-w", "-o",
                    "-p " + port + " -k " + work, "restart");
        }

        void stop() throws Exception {
            asPostgres(work, NEW_BIN.resolve("pg_ctl").toString(), "-D", "d15", "-w", "stop");
        }
    }

    /**
     * Runs {@code setup} on a new 14 cluster, saves a baseline, runs {@code afterBaseline}, shuts down, runs
     * pg_upgrade to 15 (with wal_level = logical in the new cluster's configuration when asked) and starts it.
     */
    private static Upgraded upgrade(Path tmp, String[] setup, String[] afterBaseline, boolean logicalOn15)
            throws Exception {
        assumeTrue(Files.isExecutable(NEW_BIN.resolve("pg_upgrade")), "Debian's postgresql-15 is not installed");
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(!root || run(List.of("id", "-u", "postgres"), tmp) == 0, "no 'postgres' OS user to run the servers as");

        Path work = Files.createDirectories(tmp.resolve("pgupgrade"));
        Path old = oldBindir(work);
        int oldPort = Ports.unused();
        int newPort = Ports.unused();
        if (root) {
            mustRun(work, "chown", "-R", "postgres", work.toString());
            mustRun(work, "chmod", "755", tmp.toString());
        }
        asPostgres(work, old.resolve("initdb").toString(), "-D", "d14", "-U", "postgres", "-A", "trust");
        Files.writeString(work.resolve("d14/postgresql.conf"), "\nwal_level = logical\n", StandardOpenOption.APPEND);
        asPostgres(work, old.resolve("pg_ctl").toString(), "-D", "d14", "-l", "log14", "-w", "-o",
                "-p " + oldPort + " -k " + work, "start");
        String url14 = "jdbc:postgresql://localhost:" + oldPort + "/postgres";
        Path baseline = tmp.resolve("baseline.json");
        try {
            PgServers.sql(url14, setup);
            CliRun.Result precheck = PgServers.cli("precheck", url14, "--target-version", "15", "--save-baseline",
                    baseline.toString());
            assertThat(precheck.exitCode()).as(precheck.toString()).isZero();
            assertThat(precheck.status("pg.slot.exists")).isEqualTo("PASS");
            assertThat(precheck.status("pg.upgrade_path")).isEqualTo("WARN");
            PgServers.sql(url14, afterBaseline);
        } finally {
            asPostgres(work, old.resolve("pg_ctl").toString(), "-D", "d14", "-w", "stop");
        }

        asPostgres(work, NEW_BIN.resolve("initdb").toString(), "-D", "d15", "-U", "postgres", "-A", "trust");
        if (logicalOn15) {
            Files.writeString(work.resolve("d15/postgresql.conf"), "\nwal_level = logical\n", StandardOpenOption.APPEND);
        }
        asPostgres(work, NEW_BIN.resolve("pg_upgrade").toString(), "-b", old.toString(), "-B", NEW_BIN.toString(),
                "-d", "d14", "-D", "d15", "-p", String.valueOf(oldPort), "-P", String.valueOf(newPort), "-U", "postgres");
        asPostgres(work, NEW_BIN.resolve("pg_ctl").toString(), "-D", "d15", "-l", "log15", "-w", "-o",
                "-p " + newPort + " -k " + work, "start");
        return new Upgraded(work, baseline, "jdbc:postgresql://localhost:" + newPort + "/postgres", newPort);
    }

    @Test
    void aDrainedFinalBaselineWithNoWriteBeforeTheNewSlotNeedsNoSnapshotAfterPgUpgrade(@TempDir Path tmp)
            throws Exception {
        Upgraded u = upgrade(tmp, DRAINED_SOURCE, new String[0], false);
        try {
            CliRun.Result verify = u.cli("verify");
            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
            assertThat(verify.json().get("server").get("version").asText()).startsWith("15.");
            assertThat(verify.status("pg.verify.slots")).isEqualTo("FAIL");
            assertThat(verify.check("pg.verify.slots").get("observed").asText()).contains("cdc_slot: missing");
            assertThat(verify.status("pg.verify.wal_level")).isEqualTo("FAIL");
            assertThat(verify.check("pg.verify.wal_level").get("observed").asText()).isEqualTo("logical -> replica");
            assertThat(verify.status("pg.verify.publications")).as("pg_upgrade keeps publications").isEqualTo("PASS");
            assertThat(verify.status("pg.verify.cluster")).as("pg_upgrade makes a new cluster").isEqualTo("WARN");

            // the runbook's after-steps: wal_level back to logical, the slot recreated before writes resume
            u.sql("ALTER SYSTEM SET wal_level = logical");
            u.restart();
            u.sql("SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')",
                    "INSERT INTO public.orders VALUES (11)", "UPDATE public.orders SET id = 12 WHERE id = 11");

            CliRun.Result advice = u.cli("snapshot-advice");
            CliRun.Result after = u.cli("verify");
            assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("NOT_NEEDED");
            assertThat(advice.exitCode()).isZero();
            assertThat(advice.table("public.orders").get("reasons").toString()).contains("template0");
            assertThat(after.exitCode()).as(after.toString()).isZero();
            assertThat(after.status("pg.verify.slots")).isEqualTo("WARN");
        } finally {
            u.stop();
        }
    }

    @Test
    void writesOnTheOldClusterAfterTheBaselineAreCaughtThroughPgUpgrade(@TempDir Path tmp) throws Exception {
        Upgraded u = upgrade(tmp, DRAINED_SOURCE, new String[] {"INSERT INTO public.orders VALUES (11)"}, true);
        try {
            u.sql("SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')");

            CliRun.Result advice = u.cli("snapshot-advice");
            CliRun.Result verify = u.cli("verify");

            assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("REQUIRED");
            assertThat(advice.table("public.orders").get("reasons").toString())
                    .contains("transactions ran on the old cluster after the baseline");
            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
            assertThat(verify.status("pg.verify.slots")).isEqualTo("FAIL");
        } finally {
            u.stop();
        }
    }

    /** zonky's 14.x (initdb, pg_ctl, postgres) plus what pg_upgrade 15 asks of an old bindir. */
    private static Path oldBindir(Path work) throws IOException, InterruptedException {
        Path archive = work.resolve("pg14.txz");
        Files.write(archive, PgServers.archive(14));
        Path home = Files.createDirectories(work.resolve("old14"));
        mustRun(work, "tar", "-xJf", archive.toString(), "-C", home.toString());
        Path bin = home.resolve("bin");
        Files.copy(NEW_BIN.resolve("pg_controldata"), bin.resolve("pg_controldata"), StandardCopyOption.REPLACE_EXISTING);
        try (InputStream shim = PgUpgradeTest.class.getResourceAsStream("pg_resetwal-n-shim.sh")) {
            Files.copy(shim, bin.resolve("pg_resetwal"), StandardCopyOption.REPLACE_EXISTING);
        }
        mustRun(work, "chmod", "755", bin.resolve("pg_resetwal").toString(), bin.resolve("pg_controldata").toString());
        return bin;
    }

    /** PostgreSQL refuses to run as root: servers, initdb and pg_upgrade run as the postgres OS user. */
    private static void asPostgres(Path dir, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        if (run(full, dir) != 0) {
            throw new AssertionError("failed: " + String.join(" ", command) + "\n" + Files.readString(dir.resolve("last.log")));
        }
    }

    private static void mustRun(Path dir, String... command) throws IOException, InterruptedException {
        if (run(List.of(command), dir) != 0) {
            throw new AssertionError("failed: " + String.join(" ", command) + "\n" + Files.readString(dir.resolve("last.log")));
        }
    }

    private static int run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createDirectories(dir).resolve("last.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return p.exitValue();
    }
}
