package dev.upgradecheck.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reconcile between two real PostgreSQL databases (one cluster): rows copied with deliberate gaps, found as
 * exact key ranges within a bounded number of statements.
 */
class PostgresReconcileTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws SQLException {
        pg = PgServers.start(16, "replica");
        PgServers.sql(pg, "CREATE DATABASE src", "CREATE DATABASE dst");
        for (String db : List.of("src", "dst")) {
            sql(db, "CREATE TABLE public.orders (id int PRIMARY KEY, amount int, note text)",
                    "INSERT INTO public.orders SELECT g, g % 97, 'order ' || g FROM generate_series(1, 10000) g",
                    "CREATE TABLE public.same (id bigint PRIMARY KEY, v text)",
                    "INSERT INTO public.same SELECT g, md5(g::text) FROM generate_series(1, 3000) g",
                    "CREATE TABLE public.lines (order_id int, line_no int, sku text, PRIMARY KEY (order_id, line_no))",
                    "INSERT INTO public.lines SELECT o, l, 'sku-' || l FROM generate_series(1, 500) o, "
                            + "generate_series(1, 4) l",
                    "CREATE TABLE public.codes (code text PRIMARY KEY, v int)",
                    "INSERT INTO public.codes SELECT 'C-' || lpad(g::text, 5, '0'), g FROM generate_series(1, 2000) g",
                    "CREATE TABLE public.devices (id uuid PRIMARY KEY, name text)",
                    "INSERT INTO public.devices SELECT md5(g::text)::uuid, 'device ' || g FROM generate_series(1, 1500) g",
                    "CREATE TABLE public.events (at timestamptz, what text)",
                    "INSERT INTO public.events SELECT now(), 'e' || g FROM generate_series(1, 100) g",
                    "CREATE TABLE public.changes (id int PRIMARY KEY, v int, changed_at timestamptz)",
                    "INSERT INTO public.changes SELECT g, g, CASE WHEN g BETWEEN 1901 AND 1910 "
                            + "THEN timestamptz '2026-06-01 00:00Z' ELSE timestamptz '2026-01-01 00:00Z' END "
                            + "FROM generate_series(1, 2000) g",
                    "CREATE TABLE public.counts (id bigint PRIMARY KEY, qty int, lot numeric(12,0), label text)",
                    "INSERT INTO public.counts SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE g END, g * 1000, "
                            + "'lot ' || g FROM generate_series(1, 3000) g",
                    "CREATE TABLE public.shifted (id int PRIMARY KEY, v int)",
                    "INSERT INTO public.shifted SELECT g, g FROM generate_series(1, 3000) g",
                    "CREATE TABLE public.swapped (id int PRIMARY KEY, v int)",
                    "INSERT INTO public.swapped SELECT 2 * g, g FROM generate_series(1, 4000) g",
                    "CREATE TABLE public.big (id int PRIMARY KEY, v int)",
                    "INSERT INTO public.big SELECT g, g FROM generate_series(1, 100000) g",
                    "ANALYZE");
        }
        sql("dst", "DELETE FROM public.orders WHERE id BETWEEN 1051 AND 1070 OR id BETWEEN 7000 AND 7004",
                "INSERT INTO public.orders VALUES (20001, 1, 'x'), (20002, 1, 'x'), (20003, 1, 'x')",
                "UPDATE public.orders SET amount = -1 WHERE id = 4242",
                "DELETE FROM public.lines WHERE order_id = 250 AND line_no IN (2, 3)",
                "DELETE FROM public.codes WHERE code IN ('C-01234', 'C-01999')",
                "DELETE FROM public.devices WHERE id = md5('77')::uuid",
                "DELETE FROM public.events WHERE what IN ('e1', 'e2')",
                // one row missing and one extra in the same first-cut bucket (1001..1501), one more missing elsewhere
                "DELETE FROM public.swapped WHERE id IN (1200, 6000)",
                // as many rows on both sides, one missing near the start and one extra past the end
                "DELETE FROM public.shifted WHERE id = 100",
                "INSERT INTO public.shifted VALUES (3001, 0)",
                "INSERT INTO public.swapped VALUES (1201, 0)",
                "DELETE FROM public.big WHERE id BETWEEN 30001 AND 30010 OR id BETWEEN 88001 AND 88010",
                // whole-number columns are hashed as integers, not text: a null, a value and another value differ
                "UPDATE public.counts SET qty = NULL WHERE id = 7",
                "UPDATE public.counts SET qty = 0 WHERE id = 20",
                "UPDATE public.counts SET lot = -1 WHERE id = 2500",
                "ALTER TABLE public.same RENAME TO same_renamed",
                "DELETE FROM public.changes WHERE id BETWEEN 1901 AND 1910 OR id BETWEEN 500 AND 504",
                "CREATE TABLE public.sink_orders (id int PRIMARY KEY, amount int, note text, __deleted text)",
                "INSERT INTO public.sink_orders SELECT g, g % 97, 'order ' || g, 'false' FROM generate_series(1, 10000) g",
                // a sink that keeps deletes as flagged rows: 1051..1060 were deleted at the source... as it believes
                "UPDATE public.sink_orders SET __deleted = 'true' WHERE id BETWEEN 1051 AND 1060");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    static void sql(String db, String... statements) throws SQLException {
        try (Connection c = pg.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static String url(String db) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db;
    }

    static CliRun.Result reconcile(String... more) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--engine", "postgres", "--url", url("src"),
                "--user", "postgres", "--dest-url", url("dst"), "--dest-user", "postgres", "--format", "json"));
        args.addAll(List.of(more));
        return new CliRun().run(args);
    }

    static JsonNode table(CliRun.Result r, String name) {
        for (JsonNode t : r.json().at("/reconcile/tables")) {
            if (t.get("source").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + r);
    }

    static List<String> spans(JsonNode table, String kind) {
        List<String> spans = new ArrayList<>();
        table.get(kind).forEach(s -> spans.add(s.get("first").asText() + ".." + s.get("last").asText() + "="
                + s.get("rows").asLong()));
        return spans;
    }

    static long queries(JsonNode table) {
        return table.at("/sourceCost/queries").asLong() + table.at("/destinationCost/queries").asLong();
    }

    @Test
    void findsTheExactMissingRangesAndExtraRowsWithinABoundedNumberOfStatementsAndWithKeysAChangedRow() {
        CliRun.Result r = reconcile("--tables", "public.orders");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(r, "public.orders");
        assertThat(t.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(t.get("sourceRows").asLong()).isEqualTo(10000);
        assertThat(t.get("destinationRows").asLong()).isEqualTo(10000 - 25 + 3);
        assertThat(spans(t, "missing")).containsExactly("1051..1070=20", "7000..7004=5");
        assertThat(spans(t, "extra")).containsExactly("20001..20003=3");
        // 4242's key range has equal counts: without --keys its contents are not compared, and the report says so
        assertThat(spans(t, "changed")).isEmpty();
        assertThat(t.get("notes").toString()).contains("--keys compares them");
        assertThat(t.get("comparedBy").asText()).startsWith("keys and 2 columns");
        assertThat(queries(t)).as("statements, both sides").isLessThanOrEqualTo(40);
        assertThat(t.at("/sourceCost/rowsTransferred").asLong()).as("rows sent to us by the source")
                .isLessThan(1500);
        assertThat(t.get("resnapshot").asText())
                .contains("\"id\\\" BETWEEN 1051 AND 1070 OR \\\"id\\\" BETWEEN 7000 AND 7004").doesNotContain("4242")
                .startsWith("INSERT INTO \"debezium_signal\" (id, type, data) VALUES (");
        assertThat(r.json().at("/reconcile/verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(r.status("reconcile.public.orders")).isEqualTo("FAIL");

        CliRun.Result keys = reconcile("--tables", "public.orders", "--keys");
        JsonNode k = table(keys, "public.orders");
        assertThat(spans(k, "missing")).containsExactly("1051..1070=20", "7000..7004=5");
        assertThat(spans(k, "changed")).containsExactly("4242..4242=1");
        assertThat(k.get("resnapshot").asText())
                .contains("\"id\\\" BETWEEN 1051 AND 1070 OR \\\"id\\\" BETWEEN 7000 AND 7004 OR \\\"id\\\" = 4242");
    }

    @Test
    void withoutKeysOnlyRangesWhoseCountsDifferAreNarrowedAndWithKeysAMissingAndAnExtraRowInOneRangeAreFound() {
        JsonNode counts = table(reconcile("--tables", "public.swapped"), "public.swapped");
        assertThat(counts.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(spans(counts, "missing")).as("1200 and 1201 share a bucket whose counts agree")
                .containsExactly("6000..6000=1");
        assertThat(spans(counts, "extra")).isEmpty();
        assertThat(counts.get("sourceRows").asLong()).isEqualTo(4000);
        assertThat(counts.get("destinationRows").asLong()).isEqualTo(3999);

        JsonNode keys = table(reconcile("--tables", "public.swapped", "--keys"), "public.swapped");
        assertThat(keys.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(spans(keys, "missing")).containsExactly("1200..1200=1", "6000..6000=1");
        assertThat(spans(keys, "extra")).containsExactly("1201..1201=1");
    }

    @Test
    void withKeysTheExactCountsComeFromTheFirstCutWithoutACountOfTheirOwn() {
        CliRun.Result orders = reconcile("--tables", "public.orders", "--keys");
        assertThat(orders.exitCode()).as(orders.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(orders, "public.orders");
        assertThat(t.get("sourceRows").asLong()).isEqualTo(10000);
        assertThat(t.get("destinationRows").asLong()).isEqualTo(10000 - 25 + 3);
        assertThat(spans(t, "missing")).containsExactly("1051..1070=20", "7000..7004=5");
        assertThat(spans(t, "extra")).containsExactly("20001..20003=3");
        assertThat(t.at("/sourceCost/rowsRead").asLong()).as("one full read, not a count and a cut")
                .isLessThan(2 * 10000);

        for (List<String> keys : List.of(List.of("--keys"), List.<String>of())) {
            List<String> args = new ArrayList<>(List.of("--tables", "public.changes", "--as-of", "2026-03-01T00:00:00Z",
                    "--as-of-column", "changed_at"));
            args.addAll(keys);
            JsonNode c = table(reconcile(args.toArray(String[]::new)), "public.changes");
            assertThat(c.get("sourceRows").asLong()).as(args.toString()).isEqualTo(2000);
            assertThat(c.get("inFlightRows").asLong()).as(args.toString()).isEqualTo(10);
            assertThat(spans(c, "missing")).as(args.toString()).containsExactly("500..504=5");
        }
    }

    @Test
    void equalCountsWithAMissingRowAndAnExtraRowAreInSyncByCountsAndFoundWithKeys() {
        CliRun.Result counts = reconcile("--tables", "public.shifted");
        assertThat(counts.exitCode()).as(counts.toString()).isEqualTo(ExitCode.OK);
        JsonNode c = table(counts, "public.shifted");
        assertThat(c.get("verdict").asText()).isEqualTo("IN_SYNC");
        assertThat(c.get("sourceRows").asLong()).isEqualTo(3000);
        assertThat(c.get("destinationRows").asLong()).isEqualTo(3000);
        assertThat(c.get("notes").toString()).as("the report says what the counts cannot see")
                .contains("a missing and an extra row, would not show (--keys compares them)");
        assertThat(c.at("/sourceCost/queries").asLong()).as("one statement at the source").isEqualTo(1);
        assertThat(c.at("/destinationCost/queries").asLong()).as("one statement at the destination").isEqualTo(1);

        CliRun.Result keys = reconcile("--tables", "public.shifted", "--keys");
        assertThat(keys.exitCode()).as(keys.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode k = table(keys, "public.shifted");
        assertThat(spans(k, "missing")).containsExactly("100..100=1");
        assertThat(spans(k, "extra")).containsExactly("3001..3001=1");
    }

    @Test
    void equalTablesAreInSyncWithTheirCountsByCountsAloneAndByKeys() {
        CliRun.Result counts = reconcile("--tables", "public.codes_equal_check,public.big",
                "--table-map", "public.codes_equal_check=public.codes");
        // a missing source table is UNKNOWN, the other table still compared
        assertThat(counts.exitCode()).as(counts.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(table(counts, "public.codes_equal_check").get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(table(counts, "public.codes_equal_check").get("notes").get(0).asText())
                .contains("not found at the source");

        CliRun.Result r = reconcile("--tables", "public.same", "--table-map", "public.same=public.same_renamed");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        JsonNode t = table(r, "public.same");
        assertThat(t.get("verdict").asText()).isEqualTo("IN_SYNC");
        assertThat(t.get("destination").asText()).isEqualTo("public.same_renamed");
        assertThat(t.get("sourceRows").asLong()).isEqualTo(3000);
        assertThat(t.get("destinationRows").asLong()).isEqualTo(3000);
        assertThat(t.at("/sourceCost/queries").asLong()).as("in sync by counts: one statement at the source (the "
                + "count with the key's bounds)").isEqualTo(1);
        assertThat(t.at("/destinationCost/queries").asLong()).as("and one at the destination").isEqualTo(1);
        assertThat(t.at("/sourceCost/rowsRead").asLong()).as("one read of the rows").isEqualTo(3000);
        assertThat(t.at("/sourceCost/rowsTransferred").asLong()).as("one row sent").isEqualTo(1);

        CliRun.Result keys = reconcile("--tables", "public.same", "--table-map", "public.same=public.same_renamed",
                "--keys");
        assertThat(keys.exitCode()).as(keys.toString()).isEqualTo(ExitCode.OK);
        JsonNode k = table(keys, "public.same");
        assertThat(k.get("verdict").asText()).isEqualTo("IN_SYNC");
        assertThat(queries(k)).as("key bounds and one cut per side, whose buckets add up to the counts: every "
                + "bucket equal").isEqualTo(4);
    }

    @Test
    void aTableNamedWithoutItsSchemaIsFoundInTheSessionsDefaultSchema() {
        CliRun.Result r = reconcile("--tables", "shifted");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        JsonNode t = table(r, "shifted");
        assertThat(t.get("verdict").asText()).isEqualTo("IN_SYNC");
        assertThat(t.get("sourceRows").asLong()).isEqualTo(3000);
        assertThat(t.get("key").toString()).isEqualTo("[\"id\"]");
    }

    @Test
    void aNullOrANewValueInAWholeNumberColumnIsADifferingRowAndNullsOnBothSidesAreEqual() {
        CliRun.Result r = reconcile("--tables", "public.counts", "--keys");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(r, "public.counts");
        assertThat(spans(t, "changed")).containsExactly("7..7=1", "20..20=1", "2500..2500=1");
        assertThat(spans(t, "missing")).isEmpty();
        assertThat(t.get("comparedBy").asText()).startsWith("keys and 3 columns");
    }

    @Test
    void softDeletedRowsAtTheDestinationAreLeftOutByTheFilter() {
        CliRun.Result unfiltered = reconcile("--tables", "public.orders", "--table-map",
                "public.orders=public.sink_orders");
        assertThat(table(unfiltered, "public.orders").get("verdict").asText()).isEqualTo("IN_SYNC");

        CliRun.Result r = reconcile("--tables", "public.orders", "--table-map", "public.orders=public.sink_orders",
                "--dest-filter", "__deleted = 'false' OR __deleted IS NULL");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(r, "public.orders");
        assertThat(t.get("destinationRows").asLong()).isEqualTo(10000 - 10);
        assertThat(spans(t, "missing")).containsExactly("1051..1060=10");
    }

    @Test
    void compositeTextAndUuidKeysAreNamedExactly() {
        CliRun.Result r = reconcile("--tables", "public.lines,public.codes,public.devices");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(spans(table(r, "public.lines"), "missing")).containsExactly("(250, 2)..(250, 2)=1",
                "(250, 3)..(250, 3)=1");
        assertThat(spans(table(r, "public.codes"), "missing")).containsExactly("C-01234..C-01234=1",
                "C-01999..C-01999=1");
        JsonNode devices = table(r, "public.devices");
        assertThat(spans(devices, "missing")).hasSize(1);
        String uuid = devices.at("/missing/0/first").asText();
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(devices.get("resnapshot").asText()).contains("\\\"id\\\" = ''" + uuid + "''");
        assertThat(queries(table(r, "public.codes"))).isLessThanOrEqualTo(30);
    }

    @Test
    void aTableWithoutPrimaryKeyFallsBackToCountsAndSaysWhy() {
        CliRun.Result r = reconcile("--tables", "public.events");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(r, "public.events");
        assertThat(t.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(t.get("comparedBy").asText()).isEqualTo("counts");
        assertThat(t.get("notes").get(0).asText()).contains("no primary key");
        assertThat(t.get("missing")).isEmpty();
    }

    @Test
    void twentyMissingRowsInTwoRangesOfAHundredThousandAreFoundReadingAFewHundredRowsPerGap() {
        CliRun.Result r = reconcile("--tables", "public.big");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(r, "public.big");
        assertThat(spans(t, "missing")).containsExactly("30001..30010=10", "88001..88010=10");
        // the count with the key's bounds, 64 range counts, one cut of the two differing ranges, one fetch of both gaps
        assertThat(t.at("/sourceCost/queries").asLong()).as("statements at the source").isEqualTo(4);
        assertThat(t.at("/destinationCost/queries").asLong()).as("statements at the destination").isEqualTo(4);
        assertThat(t.at("/sourceCost/rowsTransferred").asLong() + t.at("/destinationCost/rowsTransferred").asLong())
                .as("rows sent to the client: a few hundred per gap, not a key export").isLessThan(1200);
    }

    @Test
    void everyReportFormatCarriesTheVerdictAndTheRanges(@TempDir Path dir) throws Exception {
        for (String format : List.of("text", "markdown", "junit")) {
            Path out = dir.resolve("report." + format);
            CliRun.Result r = new CliRun().run("reconcile", "--engine", "postgres", "--url", url("src"), "--user",
                    "postgres", "--dest-url", url("dst"), "--dest-user", "postgres", "--tables", "public.orders",
                    "--format", format, "--output", out.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(Files.readString(out)).as(format)
                    .contains("public.orders id 1051..1070: 20 rows missing at destination")
                    .contains("MISSING_ROWS");
        }
    }

    @Test
    void hostileFiltersTableNamesAndMapEntriesAreRefusedAsBadInput() throws SQLException {
        List<List<String>> hostile = List.of(
                List.of("--dest-filter", "amount = 1; DROP TABLE public.orders"),
                List.of("--dest-filter", "1 = 1"),
                List.of("--dest-filter", "amount = 1 OR pg_sleep(10) IS NULL"),
                List.of("--dest-filter", "no_such_column = 1"),
                List.of("--table-map", "public.orders=public.orders; DROP TABLE public.big"),
                List.of("--tables", "public.orders--"));
        for (List<String> args : hostile) {
            List<String> all = new ArrayList<>(List.of("--tables", "public.orders"));
            all.addAll(args);
            CliRun.Result r = reconcile(all.toArray(String[]::new));
            assertThat(r.exitCode()).as(args + "\n" + r).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).doesNotContain("Exception");
        }
        try (Connection c = pg.getDatabase("postgres", "dst").getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM public.orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10000 - 25 + 3);
        }
    }

    @Test
    void anUnknownDestinationDriverOrAJarThatIsNotADriverIsBadInput(@TempDir Path dir) throws Exception {
        CliRun.Result unknown = new CliRun().run("reconcile", "--engine", "postgres", "--url", url("src"), "--user",
                "postgres", "--dest-url", "jdbc:snowflake://account.example/db", "--tables", "public.orders");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknown.err()).contains("--driver-path");

        Path notADriver = dir.resolve("tool.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(notADriver))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("README.txt"));
            zip.write("not a driver".getBytes());
        }
        CliRun.Result jar = reconcile("--tables", "public.orders", "--driver-path", notADriver.toString());
        assertThat(jar.exitCode()).as(jar.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(jar.err()).contains("holds no JDBC driver");
    }

    @Test
    void aDriverBroughtWithDriverPathIsSpokenToInPlainSqlAndComparesCountsPerRange() throws Exception {
        Path jar = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CliRun.Result r = reconcile("--tables", "public.big", "--driver-path", jar.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(r, "public.big");
        assertThat(t.get("comparedBy").asText()).isEqualTo("keys (counts per key range)");
        assertThat(spans(t, "missing")).containsExactly("30001..30010=10", "88001..88010=10");
    }

    @Test
    void aTableMissingAtTheDestinationIsUnknownAndADestinationThatTimesOutIsUnknownWithinTheBound()
            throws SQLException {
        CliRun.Result missing = reconcile("--tables", "public.orders", "--table-map", "public.orders=public.nope");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(table(missing, "public.orders").get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(table(missing, "public.orders").get("notes").get(0).asText())
                .contains("public.nope not found at the destination");

        try (Connection lock = pg.getDatabase("postgres", "dst").getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE public.codes IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            CliRun.Result r = reconcile("--tables", "public.codes", "--query-timeout", "1s");
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            lock.rollback();

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
            JsonNode t = table(r, "public.codes");
            assertThat(t.get("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(t.get("notes").get(0).asText())
                    .isEqualTo("a statement at the destination did not finish within --query-timeout");
            assertThat(seconds).isLessThan(20);
        }
    }

    @Test
    void rowsChangedAfterAsOfAreInFlightNotGaps() {
        CliRun.Result r = reconcile("--tables", "public.changes", "--as-of", "2026-03-01T00:00:00Z",
                "--as-of-column", "changed_at");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = table(r, "public.changes");
        assertThat(spans(t, "missing")).containsExactly("500..504=5");
        assertThat(t.get("inFlightRows").asLong()).isEqualTo(10);
        assertThat(t.get("notes").toString()).contains("10 row(s) changed at the source after --as-of are in flight");

        CliRun.Result bad = reconcile("--tables", "public.changes", "--as-of", "yesterday", "--as-of-column",
                "changed_at");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCode.BAD_INPUT);
    }
}
