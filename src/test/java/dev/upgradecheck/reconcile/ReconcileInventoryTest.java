package dev.upgradecheck.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.PasswordLogins;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reconcile over an inventory: each target names its destination (destUrl, destUser, destPasswordEnv or
 * destPasswordFile) and its tables and tableMap, on real PostgreSQL databases; the destination login must prove
 * its password, which never shows in any output.
 */
class ReconcileInventoryTest {

    private static final String SECRET = "dest-pw-7f3a9c";

    static EmbeddedPostgres pg;
    static String srcA;
    static String dstA;
    static String srcB;
    static String dstB;
    static String dstSoftDeletes;
    static String dstChanged;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "replica");
        PasswordLogins.require(pg, "reader", SECRET);
        String orders = "CREATE TABLE public.orders (id int PRIMARY KEY, amount int)";
        String rows = "INSERT INTO public.orders SELECT g, g % 7 FROM generate_series(1, 2000) g";
        srcA = PgServers.database(pg, "src_a", orders, rows);
        dstA = PgServers.database(pg, "dst_a", orders, rows, "GRANT SELECT ON public.orders TO reader");
        srcB = PgServers.database(pg, "src_b", orders, rows);
        // b's sink writes to another table name, and lost ids 101..110
        dstB = PgServers.database(pg, "dst_b", "CREATE TABLE public.orders_copy (id int PRIMARY KEY, amount int)",
                "INSERT INTO public.orders_copy SELECT g, g % 7 FROM generate_series(1, 2000) g",
                "DELETE FROM public.orders_copy WHERE id BETWEEN 101 AND 110",
                "GRANT SELECT ON public.orders_copy TO reader");
        // a sink that keeps deletes as flagged rows: 201..205 deleted, as it believes
        dstSoftDeletes = PgServers.database(pg, "dst_soft",
                "CREATE TABLE public.orders (id int PRIMARY KEY, amount int, __deleted text)",
                "INSERT INTO public.orders SELECT g, g % 7, 'false' FROM generate_series(1, 2000) g",
                "UPDATE public.orders SET __deleted = 'true' WHERE id BETWEEN 201 AND 205",
                "GRANT SELECT ON public.orders TO reader");
        // as many rows as the source, one of them with another amount: only a key comparison sees it
        dstChanged = PgServers.database(pg, "dst_changed", orders, rows,
                "UPDATE public.orders SET amount = -1 WHERE id = 1500", "GRANT SELECT ON public.orders TO reader");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private Path inventory(String targets) throws IOException {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, """
                defaults:
                  engine: postgres
                  user: postgres
                  destUser: reader
                  destPasswordEnv: DEST_PW
                  tables: [public.orders]
                targets:
                """ + targets);
        return file;
    }

    private static String target(String name, String url, String destUrl, String more) {
        return "  - {name: " + name + ", url: '" + url + "', destUrl: '" + destUrl + "'" + more + "}\n";
    }

    private static CliRun.Result reconcile(Path inventory, String... more) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--inventory", inventory.toString(), "--parallel",
                "2"));
        args.addAll(List.of(more));
        return CliRun.withEnv(java.util.Map.of("DEST_PW", SECRET)).run(args);
    }

    private static JsonNode reconcileOf(CliRun.Result r, String target) {
        for (JsonNode t : r.json().get("targets")) {
            if (t.get("target").asText().equals(target)) {
                return t.get("reconcile");
            }
        }
        throw new AssertionError("no target " + target + " in " + r);
    }

    @Test
    void aFleetWithOneTargetInSyncAndOneMissingRowsNamesTheRangeOfEachAndExitsOne() throws Exception {
        Path fleet = inventory(target("a", srcA, dstA, "")
                + target("b", srcB, dstB, ", tableMap: {public.orders: public.orders_copy}"));

        CliRun.Result r = reconcile(fleet, "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode a = reconcileOf(r, "a");
        assertThat(a.get("verdict").asText()).isEqualTo("IN_SYNC");
        assertThat(a.at("/tables/0/sourceRows").asLong()).isEqualTo(2000);
        assertThat(a.at("/tables/0/destinationRows").asLong()).isEqualTo(2000);
        JsonNode b = reconcileOf(r, "b");
        assertThat(b.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(b.at("/tables/0/destination").asText()).isEqualTo("public.orders_copy");
        assertThat(b.at("/tables/0/missing/0/first").asLong()).isEqualTo(101);
        assertThat(b.at("/tables/0/missing/0/last").asLong()).isEqualTo(110);
        assertThat(b.at("/tables/0/missingRows").asLong()).isEqualTo(10);
        assertThat(r.out() + r.err()).doesNotContain(SECRET);

        CliRun.Result text = reconcile(fleet);
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(text.out()).contains("public.orders id 101..110: 10 rows missing at destination");
        assertThat(text.out() + text.err()).doesNotContain(SECRET);
    }

    @Test
    void aFleetInSyncExitsZeroWithThePasswordFromAFileAndTheCommandLineFillingWhatTheInventoryLeavesOut()
            throws Exception {
        Path password = dir.resolve("dest.pw");
        Files.writeString(password, SECRET + "\n");
        Path fleet = inventory(target("a", srcA, dstA, ", destPasswordFile: '" + password + "'")
                + "  - {name: b, url: '" + srcB + "'}\n");

        CliRun.Result r = reconcile(fleet, "--format", "json", "--dest-url", dstA, "--keys");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(reconcileOf(r, "a").get("verdict").asText()).isEqualTo("IN_SYNC");
        assertThat(reconcileOf(r, "b").get("verdict").asText()).as("src_b against --dest-url dst_a").isEqualTo("IN_SYNC");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
    }

    @Test
    void aWrongDestinationPasswordFailsItsTargetAloneAndNoTargetReachedExitsThree() throws Exception {
        Path fleet = inventory(target("a", srcA, dstA, ", destPasswordEnv: WRONG_PW")
                + target("b", srcB, dstB, ", tableMap: {public.orders: public.orders_copy}"));
        CliRun.Result one = CliRun.withEnv(java.util.Map.of("DEST_PW", SECRET, "WRONG_PW", "not-" + SECRET))
                .run("reconcile", "--inventory", fleet.toString(), "--format", "json");

        assertThat(one.exitCode()).as(one.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode targets = one.json().get("targets");
        assertThat(CliRun.status(targets.get(0), "pg.connection")).isEqualTo("ERROR");
        assertThat(reconcileOf(one, "b").get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(one.out() + one.err()).doesNotContain(SECRET);

        Path none = inventory(target("a", srcA, dstA, ", destPasswordEnv: WRONG_PW")
                + target("b", srcB, dstB, ", destPasswordEnv: WRONG_PW"));
        CliRun.Result all = CliRun.withEnv(java.util.Map.of("WRONG_PW", "not-" + SECRET))
                .run("reconcile", "--inventory", none.toString(), "--format", "json");
        assertThat(all.exitCode()).as(all.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(all.out() + all.err()).doesNotContain("not-" + SECRET);
    }

    @Test
    void eachTargetsDestFilterAndKeysWinOverTheFlags() throws Exception {
        Path fleet = inventory(target("soft", srcA, dstSoftDeletes, ", destFilter: \"__deleted = 'false'\"")
                + target("changed", srcA, dstChanged, ", keys: true")
                + target("unfiltered", srcA, dstSoftDeletes, "")
                + target("counted", srcA, dstChanged, ", keys: false"));

        CliRun.Result r = reconcile(fleet, "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode soft = reconcileOf(r, "soft");
        assertThat(soft.at("/tables/0/destinationRows").asLong()).isEqualTo(2000 - 5);
        assertThat(soft.at("/tables/0/missing/0/first").asLong()).isEqualTo(201);
        assertThat(soft.at("/tables/0/missing/0/last").asLong()).isEqualTo(205);
        JsonNode changed = reconcileOf(r, "changed");
        assertThat(changed.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(changed.at("/tables/0/changed/0/first").asLong()).isEqualTo(1500);
        assertThat(reconcileOf(r, "unfiltered").get("verdict").asText()).as("flagged rows still count")
                .isEqualTo("IN_SYNC");
        assertThat(reconcileOf(r, "counted").get("verdict").asText()).as("counts agree, keys not compared")
                .isEqualTo("IN_SYNC");

        CliRun.Result flags = reconcile(fleet, "--format", "json", "--keys", "--dest-filter", "amount IS NOT NULL");
        assertThat(reconcileOf(flags, "soft").at("/tables/0/destinationRows").asLong()).as("destFilter wins")
                .isEqualTo(2000 - 5);
        assertThat(reconcileOf(flags, "counted").get("verdict").asText()).as("keys: false wins over --keys")
                .isEqualTo("IN_SYNC");
    }

    @Test
    void aConfigFileGivesDestFilterAndKeysToASingleTargetToo() throws Exception {
        Path filtered = Files.writeString(dir.resolve("filtered.yaml"), "destFilter: \"__deleted = 'false'\"\n");
        Path keyed = Files.writeString(dir.resolve("keyed.yaml"), "keys: true\n");

        CliRun.Result soft = single(filtered, dstSoftDeletes);
        assertThat(soft.exitCode()).as(soft.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(soft.json().at("/reconcile/tables/0/destinationRows").asLong()).isEqualTo(2000 - 5);

        CliRun.Result changed = single(keyed, dstChanged);
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(changed.json().at("/reconcile/tables/0/changed/0/first").asLong()).isEqualTo(1500);
    }

    private static CliRun.Result single(Path config, String destUrl) {
        return CliRun.withEnv(java.util.Map.of("UPGRADE_CHECK_DEST_PASSWORD", SECRET)).run("reconcile", "--config",
                config.toString(), "--engine", "postgres", "--url", srcA, "--user", "postgres", "--dest-url", destUrl,
                "--dest-user", "reader", "--tables", "public.orders", "--format", "json");
    }

    @Test
    void badDestinationKeysAreRefusedBeforeAnyConnectionNamingTheTarget() throws Exception {
        List<String> bad = List.of(
                target("a", srcA, dstA, ", destPasswordEnv: NOT_SET_ANYWHERE"),
                "  - {name: a, url: '" + srcA + "'}\n",
                target("a", srcA, dstA, ", tableMap: {public.orders: 'public.x; DROP TABLE public.orders'}"),
                target("a", srcA, dstA, ", destPassword: " + SECRET),
                target("a", srcA, dstA, ", destFilter: 'amount = 1; DROP TABLE public.orders'"),
                target("a", srcA, dstA, ", destFilter: 'amount = (SELECT 1)'"),
                target("a", srcA, dstA, ", keys: maybe"));
        for (String entry : bad) {
            CliRun.Result r = reconcile(inventory(entry));
            assertThat(r.exitCode()).as(entry + r).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).doesNotContain(SECRET).doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        assertThat(reconcile(inventory(target("a", srcA, dstA, ", destPasswordEnv: NOT_SET_ANYWHERE"))).err())
                .contains("inventory target a").contains("NOT_SET_ANYWHERE");
        assertThat(reconcile(inventory("  - {name: a, url: '" + srcA + "'}\n")).err()).contains("destUrl");
        assertThat(reconcile(inventory(target("a", srcA, dstA, ", destFilter: 'pg_sleep(1) IS NULL'"))).err())
                .contains("inventory target a: destFilter 'pg_sleep(1) IS NULL'");
    }
}
