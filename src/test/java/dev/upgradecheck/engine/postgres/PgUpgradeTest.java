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
 * slot is gone, wal_level is back to the new cluster's default, the publication is kept.
 */
@Tag("pg-upgrade")
class PgUpgradeTest {

    @Test
    void pgUpgradeFrom14DropsTheSlotResetsWalLevelAndKeepsThePublication(@TempDir Path tmp) {
        assumeTrue(LocalCluster.unavailable().isEmpty(), () -> LocalCluster.unavailable().orElseThrow());
        Path baseline = tmp.resolve("baseline.json");
        try (LocalCluster cluster = LocalCluster.create14(tmp.resolve("pgupgrade"), Ports.unused())) {
            cluster.start();
            cluster.sql("CREATE TABLE public.orders (id int PRIMARY KEY)",
                    "CREATE PUBLICATION cdc_pub FOR TABLE public.orders",
                    "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')",
                    "INSERT INTO public.orders SELECT generate_series(1, 10)");
            CliRun.Result precheck = new CliRun().run("precheck", "--engine", "postgres", "--url", cluster.url(),
                    "--user", "postgres", "--target-version", "15", "--format", "json", "--save-baseline", baseline.toString());
            assertThat(precheck.exitCode()).as(precheck.toString()).isZero();
            assertThat(precheck.status("pg.slot.exists")).isEqualTo("PASS");
            assertThat(precheck.status("pg.upgrade_path")).isEqualTo("WARN");

            cluster.upgradeTo15();

            CliRun.Result verify = new CliRun().run("verify", "--engine", "postgres", "--url", cluster.url(), "--user", "postgres",
                    "--baseline", baseline.toString(), "--format", "json");
            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
            assertThat(verify.json().get("server").get("version").asText()).startsWith("15.");
            assertThat(verify.status("pg.verify.slots")).isEqualTo("FAIL");
            assertThat(verify.check("pg.verify.slots").get("observed").asText()).contains("cdc_slot: missing");
            assertThat(verify.status("pg.verify.wal_level")).isEqualTo("FAIL");
            assertThat(verify.check("pg.verify.wal_level").get("observed").asText()).isEqualTo("logical -> replica");
            assertThat(verify.status("pg.verify.publications")).as("pg_upgrade keeps publications").isEqualTo("PASS");
            assertThat(verify.status("pg.verify.cluster")).as("pg_upgrade makes a new cluster").isEqualTo("WARN");

            CliRun.Result advice = new CliRun().run("snapshot-advice", "--engine", "postgres", "--url", cluster.url(),
                    "--user", "postgres", "--baseline", baseline.toString(), "--format", "json");
            assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
            assertThat(advice.table("public.orders").get("verdict").asText()).isEqualTo("REQUIRED");
        }
    }
}
