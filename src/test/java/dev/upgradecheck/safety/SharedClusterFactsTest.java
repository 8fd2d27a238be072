package dev.upgradecheck.safety;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet reads each PostgreSQL cluster's cluster-wide facts (settings, slots, roles, readers, the archiver) once,
 * and never lets a target's checks see another cluster's: counted in each server's own statement log.
 */
class SharedClusterFactsTest {

    /** The start of each cluster-wide read and of the per-database publications read, as the server logs them. */
    private static final String SETTINGS = "FROM pg_settings WHERE name = ANY";
    private static final String SLOTS = "FROM pg_replication_slots s CROSS JOIN pos";
    private static final String ARCHIVER = "FROM pg_stat_archiver";
    private static final String PUBLICATIONS = "FROM pg_publication p";

    static EmbeddedPostgres tenants;
    static PgServerLog tenantsLog;
    static EmbeddedPostgres other;
    static PgServerLog otherLog;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Path tenantsDir = Files.createTempDirectory("pg-tenants-log");
        tenants = PgServers.start(16, "logical", PgServerLog.settings(tenantsDir));
        tenantsLog = new PgServerLog(tenants, tenantsDir);
        for (int i = 1; i <= 3; i++) {
            tenant(tenants, "tenant" + i, "slot_tenant" + i);
        }
        PgServers.sql(tenants, "CREATE ROLE cdc LOGIN REPLICATION");
        Path otherDir = Files.createTempDirectory("pg-other-log");
        other = PgServers.start(16, "logical", PgServerLog.settings(otherDir));
        otherLog = new PgServerLog(other, otherDir);
        tenant(other, "elsewhere", "slot_elsewhere");
        tenantsLog.next();
        otherLog.next();
    }

    private static void tenant(EmbeddedPostgres pg, String database, String slot) {
        PgServers.database(pg, database, "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE PUBLICATION cdc_pub FOR TABLE public.orders",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    @AfterAll
    static void stop() throws Exception {
        tenants.close();
        other.close();
    }

    @Test
    void databasesOfOneClusterShareItsFactsAndAnotherClusterKeepsItsOwn() throws Exception {
        // tenant2 is reached by another name of the same server: the cluster's identity decides, not host:port
        CliRun.Result r = fleet("postgres", """
                  - {name: tenant1, url: '%s', slot: slot_tenant1}
                  - {name: tenant2, url: '%s', slot: slot_tenant2}
                  - {name: tenant3, url: '%s', slot: slot_tenant3}
                  - {name: elsewhere, url: '%s', slot: slot_elsewhere}
                """.formatted(url(tenants, "localhost", "tenant1"), url(tenants, "127.0.0.1", "tenant2"),
                url(tenants, "localhost", "tenant3"), url(other, "localhost", "elsewhere")));

        List<PgServerLog.Entry> tenantsSent = ours(tenantsLog.next());
        assertThat(count(tenantsSent, SETTINGS)).as("settings, once for three databases").isEqualTo(1);
        assertThat(count(tenantsSent, SLOTS)).as("slots, once for three databases").isEqualTo(1);
        assertThat(count(tenantsSent, ARCHIVER)).as("archiver, once for three databases").isEqualTo(1);
        assertThat(count(tenantsSent, PUBLICATIONS)).as("publications live in each database").isEqualTo(3);
        List<PgServerLog.Entry> otherSent = ours(otherLog.next());
        assertThat(count(otherSent, SETTINGS)).as("the other cluster reads its own").isEqualTo(1);
        assertThat(count(otherSent, SLOTS)).isEqualTo(1);
        assertThat(count(otherSent, PUBLICATIONS)).isEqualTo(1);

        // each slot exists on its own cluster only: facts of the wrong cluster would fail its check
        Map<String, JsonNode> byName = targets(r);
        assertThat(byName.keySet()).containsExactlyInAnyOrder("tenant1", "tenant2", "tenant3", "elsewhere");
        byName.forEach((name, report) -> {
            assertThat(CliRun.status(report, "pg.slot.exists")).as(name + ": " + r).isEqualTo("PASS");
            assertThat(CliRun.status(report, "pg.publication.exists")).as(name + ": " + r).isEqualTo("PASS");
            assertThat(CliRun.status(report, "pg.wal_level")).as(name + ": " + r).isEqualTo("PASS");
        });
    }

    @Test
    void aRoleThatMayNotReadTheClusterIdentityReadsEveryTargetsFactsItself() throws Exception {
        // a function's privileges live in each database's own catalog
        List<String> databases = List.of(url(tenants, "localhost", "tenant1"), url(tenants, "localhost", "tenant2"));
        databases.forEach(db -> PgServers.sql(db, "REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC"));
        try {
            CliRun.Result r = fleet("cdc", """
                      - {name: tenant1, url: '%s', slot: slot_tenant1}
                      - {name: tenant2, url: '%s', slot: slot_tenant2}
                    """.formatted(databases.get(0), databases.get(1)));

            List<PgServerLog.Entry> sent = ours(tenantsLog.next());
            assertThat(count(sent, SETTINGS)).as("no identity, no sharing").isEqualTo(2);
            assertThat(count(sent, SLOTS)).isEqualTo(2);
            targets(r).forEach((name, report) -> {
                assertThat(CliRun.status(report, "pg.slot.exists")).as(name + ": " + r).isEqualTo("PASS");
                assertThat(CliRun.status(report, "pg.wal_level")).as(name + ": " + r).isEqualTo("PASS");
            });
        } finally {
            databases.forEach(db -> PgServers.sql(db, "GRANT EXECUTE ON FUNCTION pg_control_system() TO PUBLIC"));
            tenantsLog.next();
        }
    }

    @Test
    void aSingleTargetDoesNotAskForItsClusterIdentity() {
        CliRun.Result r = PgServers.cli("precheck", url(tenants, "localhost", "tenant1"), "--slot", "slot_tenant1",
                "--publication", "cdc_pub");

        assertThat(r.status("pg.slot.exists")).as(r.toString()).isEqualTo("PASS");
        List<PgServerLog.Entry> sent = ours(tenantsLog.next());
        assertThat(count(sent, SETTINGS)).isEqualTo(1);
        assertThat(sent).noneMatch(e -> e.sql().contains("pg_control_system"));
    }

    private CliRun.Result fleet(String user, String targets) throws Exception {
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, "defaults: {engine: postgres, user: " + user + ", publication: cdc_pub}\n"
                + "targets:\n" + targets);
        CliRun.Result r = new CliRun().run("precheck", "--inventory", inventory.toString(), "--parallel", "4",
                "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        return r;
    }

    private static Map<String, JsonNode> targets(CliRun.Result r) {
        Map<String, JsonNode> byName = new HashMap<>();
        r.json().get("targets").forEach(t -> byName.put(t.get("target").asText(), t));
        return byName;
    }

    private static String url(EmbeddedPostgres pg, String host, String database) {
        return "jdbc:postgresql://" + host + ":" + pg.getPort() + "/" + database;
    }

    private static long count(List<PgServerLog.Entry> sent, String read) {
        return sent.stream().filter(e -> e.sql().contains(read)).count();
    }

    private static List<PgServerLog.Entry> ours(List<PgServerLog.Entry> entries) {
        return entries.stream().filter(e -> e.application().equals("upgrade-check")).toList();
    }
}
