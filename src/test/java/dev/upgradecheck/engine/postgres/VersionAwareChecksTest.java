package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A 17.x cluster (slot migration, invalidation_reason) and a 16.x cluster left at wal_level = replica. */
class VersionAwareChecksTest {

    static EmbeddedPostgres pg17;
    static EmbeddedPostgres replica;

    @BeforeAll
    static void start() {
        pg17 = PgServers.start(17, "logical");
        replica = PgServers.start(16, "replica");
    }

    @AfterAll
    static void stop() throws Exception {
        pg17.close();
        replica.close();
    }

    @Test
    void precheckOn17ReportsSlotMigrationReadiness() {
        PgServers.sql(pg17, "CREATE TABLE public.t (id int PRIMARY KEY)", "CREATE PUBLICATION p17 FOR TABLE public.t",
                "SELECT pg_create_logical_replication_slot('s17', 'pgoutput')",
                "INSERT INTO public.t SELECT generate_series(1, 100)");

        CliRun.Result run = new CliRun().run("precheck", "--engine", "postgresql", "--url", PgServers.url(pg17), "--user", "postgres",
                "--target-version", "18", "--format", "json");

        assertThat(run.json().get("server").get("version").asText()).startsWith("17.");
        assertThat(run.status("pg.upgrade_path")).as(run.toString()).isEqualTo("PASS");
        assertThat(run.status("pg.slot_migration")).as("the slot has not consumed all WAL").isEqualTo("WARN");
        assertThat(run.check("pg.slot_migration").get("observed").asText()).contains("s17").contains("bytes");
        assertThat(run.check("pg.slot_migration").get("detail").asText()).contains("max_replication_slots >= 1");
        assertThat(run.status("pg.slot.invalidation")).isEqualTo("PASS");
        assertThat(run.status("pg.slot.wal_status")).isEqualTo("PASS");

        CliRun.Result minor = new CliRun().run("precheck", "--engine", "postgres", "--url", PgServers.url(pg17), "--user", "postgres",
                "--target-version", "17.4", "--format", "json", "--only", "pg.slot_migration,pg.upgrade_path");
        assertThat(minor.status("pg.slot_migration")).isEqualTo("SKIP");
        assertThat(minor.check("pg.upgrade_path").get("observed").asText()).contains("minor");
    }

    @Test
    void walLevelReplicaFailsWithTheRemedy() {
        CliRun.Result run = new CliRun().run("precheck", "--engine", "postgres", "--url", PgServers.url(replica), "--user", "postgres",
                "--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.status("pg.wal_level")).isEqualTo("FAIL");
        assertThat(run.check("pg.wal_level").get("observed").asText()).startsWith("replica");
        assertThat(run.check("pg.wal_level").get("remedy").asText()).contains("ALTER SYSTEM SET wal_level = logical");
        assertThat(run.status("pg.slot.exists")).isEqualTo("FAIL");
    }

    @Test
    void badTargetVersionIsUsageError() {
        CliRun.Result run = new CliRun().run("precheck", "--engine", "postgres", "--url", PgServers.url(pg17), "--user", "postgres",
                "--target-version", "banana");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--target-version").hasLineCount(1);
    }
}
