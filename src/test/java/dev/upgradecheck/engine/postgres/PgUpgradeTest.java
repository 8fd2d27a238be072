package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real pg_upgrade from 14 to 15 (see {@link LocalCluster}). The tool must see what pg_upgrade really does: the
 * slot is gone, wal_level is back to the new cluster's default, the publication is kept, the next transaction id
 * carried over (template0's datfrozenxid is the old cluster's final one), so writes after the baseline cannot hide.
 */
@Tag("pg-upgrade")
class PgUpgradeTest {

    /** The old cluster's schema: the slot is created after the rows, so the baseline finds it drained. */
    static final String[] DRAINED_SOURCE = {
            "CREATE TABLE public.orders (id int PRIMARY KEY)",
            "CREATE PUBLICATION cdc_pub FOR TABLE public.orders",
            "INSERT INTO public.orders SELECT generate_series(1, 10)",
            "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')"};

    /** A 14 cluster upgraded to a running 15 one, with the baseline saved on 14; close it when done. */
    private record Upgraded(LocalCluster cluster, Path baseline) implements AutoCloseable {
        CliRun.Result cli(String command) {
            return PgServers.cli(command, cluster.url(), "--baseline", baseline.toString());
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    /**
     * Runs {@code setup} on a new 14 cluster, saves a baseline (with a drained connector's offset), runs {@code afterBaseline}, then pg_upgrade to 15
     * (with wal_level = logical in the new cluster's configuration when asked), started.
     */
    private static Upgraded upgrade(Path tmp, String[] setup, String[] afterBaseline, boolean logicalOn15) {
        assumeTrue(LocalCluster.unavailable().isEmpty(), () -> LocalCluster.unavailable().orElseThrow());
        LocalCluster cluster = LocalCluster.create14(tmp.resolve("pgupgrade"), Ports.unused());
        Path baseline = tmp.resolve("baseline.json");
        try {
            cluster.start();
            cluster.sql(setup);
            CliRun.Result precheck = PgServers.cli("precheck", cluster.url(), "--target-version", "15", "--save-baseline",
                    baseline.toString());
            assertThat(precheck.exitCode()).as(precheck.toString()).isZero();
            assertThat(precheck.status("pg.slot.exists")).isEqualTo("PASS");
            assertThat(precheck.status("pg.upgrade_path")).isEqualTo("WARN");
            // saved with the connector, as the runbook says (--connect-url): where the reader was at the baseline
            DebeziumAtSlot.intoBaseline(baseline, cluster.url(), "postgres", "cdc_slot");
            cluster.sql(afterBaseline);
            if (logicalOn15) {
                cluster.upgradeTo15("wal_level = logical");
            } else {
                cluster.upgradeTo15();
            }
            return new Upgraded(cluster, baseline);
        } catch (RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    @Test
    void aDrainedFinalBaselineWithNoWriteBeforeTheNewSlotNeedsNoSnapshotAfterPgUpgrade(@TempDir Path tmp) {
        try (Upgraded u = upgrade(tmp, DRAINED_SOURCE, new String[0], false)) {
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
            u.cluster().sql("ALTER SYSTEM SET wal_level = logical");
            u.cluster().restart();
            u.cluster().sql("SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')",
                    "INSERT INTO public.orders VALUES (11)", "UPDATE public.orders SET id = 12 WHERE id = 11");

            CliRun.Result advice = u.cli("snapshot-advice");
            CliRun.Result after = u.cli("verify");
            assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("NOT_NEEDED");
            assertThat(advice.exitCode()).isZero();
            assertThat(advice.table("public.orders").get("reasons").toString()).contains("template0");
            assertThat(after.exitCode()).as(after.toString()).isZero();
            assertThat(after.status("pg.verify.slots")).isEqualTo("WARN");
        }
    }

    @Test
    void writesOnTheOldClusterAfterTheBaselineAreCaughtThroughPgUpgrade(@TempDir Path tmp) {
        try (Upgraded u = upgrade(tmp, DRAINED_SOURCE, new String[] {"INSERT INTO public.orders VALUES (11)"}, true)) {
            u.cluster().sql("SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')");

            CliRun.Result advice = u.cli("snapshot-advice");
            CliRun.Result verify = u.cli("verify");

            assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("REQUIRED");
            assertThat(advice.table("public.orders").get("reasons").toString())
                    .contains("transactions ran on the old cluster after the baseline");
            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
            assertThat(verify.status("pg.verify.slots")).isEqualTo("FAIL");
        }
    }
}
