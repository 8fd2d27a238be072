package dev.upgradecheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.JUnitXml;
import dev.upgradecheck.testing.MarkdownDoc;
import dev.upgradecheck.testing.PasswordLogins;
import dev.upgradecheck.testing.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI job's view (issue 15, items 1-7), against a real PostgreSQL 16 whose CDC role logs in with a password,
 * and that password is {@code postgres}, the container default: a wrong green, a missing report or a garbled one
 * is what each test rules out.
 */
class CiJobTest {

    static EmbeddedPostgres pg;
    static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        PasswordLogins.require(pg, "cdc", "postgres");
        PgServers.sql(pg, "GRANT pg_monitor TO cdc",
                "CREATE TABLE public.orders (id int PRIMARY KEY)", "GRANT SELECT ON public.orders TO cdc",
                "CREATE PUBLICATION cdc_pub FOR TABLE public.orders",
                "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')");
        url = PgServers.url(pg);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static CliRun.Result run(String... args) {
        return CliRun.withEnv(java.util.Map.of("UPGRADE_CHECK_PASSWORD", "postgres")).run(args);
    }

    private static List<String> live(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "postgres", "--url", url, "--user", "cdc",
                "--slot", "cdc_slot", "--tables", "public.orders"));
        args.addAll(List.of(more));
        return args;
    }

    private static CliRun.Result runLive(String command, String... more) {
        return run(live(command, more).toArray(String[]::new));
    }

    private static String unreachable() {
        return "jdbc:postgresql://127.0.0.1:" + Ports.unused() + "/orders";
    }

    @Test
    void anOnlyOrSkipThatMatchesNoCheckExitsTwoNamingTheClosestRealIds() {
        CliRun.Result typo = run("precheck", "--engine", "postgres", "--url", unreachable(), "--only", "pg.wal-level",
                "--format", "junit");
        assertThat(typo.exitCode()).as("judged before connecting: %s", typo).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(typo.err().strip().lines()).hasSize(1);
        assertThat(typo.err()).contains("'pg.wal-level'", "pg.wal_level").doesNotContain("Exception");
        assertThat(typo.out()).isEmpty();

        CliRun.Result plural = run("verify", "--engine", "postgres", "--url", unreachable(), "--skip", "pg.slots");
        assertThat(plural.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(plural.err()).contains("--skip 'pg.slots'", "pg.slot");

        CliRun.Result prefix = runLive("precheck", "--only", "pg.slot", "--format", "json");
        assertThat(prefix.exitCode()).as(prefix.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
        assertThat(prefix.statuses()).isNotEmpty().allSatisfy((id, status) -> assertThat(id).startsWith("pg.slot."));
    }

    @Test
    void everyCheckARealRunReportsIsDeclaredByItsEngine() throws Exception {
        Path baseline = dir.resolve("b.json");
        List<String> ids = new ArrayList<>(runLive("precheck", "--format", "json", "--save-baseline",
                baseline.toString()).statuses().keySet());
        ids.addAll(runLive("verify", "--format", "json", "--baseline", baseline.toString()).statuses().keySet());
        var declared = new dev.upgradecheck.engine.postgres.PostgresInspector().checks().stream()
                .map(dev.upgradecheck.check.DeclaredCheck::id).toList();
        assertThat(declared).containsAll(ids);
        assertThat(ids).contains("pg.verify.slots", "pg.wal_level");
    }

    @Test
    void anUnreachableSourceStillWritesItsReportWithOneErrorLine() throws Exception {
        Path report = dir.resolve("reports/precheck.xml");
        CliRun.Result junit = CliRun.withEnv(java.util.Map.of("UPGRADE_CHECK_PASSWORD", "wrong"))
                .run(live("precheck", "--format", "junit", "--output", report.toString()));
        assertThat(junit.exitCode()).as(junit.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(junit.err().strip().lines()).hasSize(1);
        JUnitXml xml = JUnitXml.validated(Files.readString(report));
        assertThat(xml.suites()).singleElement().satisfies(s -> {
            assertThat(s.getAttribute("errors")).isEqualTo("1");
            assertThat(s.getAttribute("name")).endsWith("." + url.substring("jdbc:postgresql://".length()));
        });
        Element error = JUnitXml.child(xml.testcase("pg.connection"), "error");
        assertThat(error.getAttribute("message")).contains("authentication failed for user cdc");

        CliRun.Result json = CliRun.withEnv(java.util.Map.of("UPGRADE_CHECK_PASSWORD", "wrong"))
                .run(live("precheck", "--format", "json"));
        assertThat(json.exitCode()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(json.json().at("/summary/error").asInt()).isEqualTo(1);
        assertThat(json.status("pg.connection")).isEqualTo("ERROR");
    }

    @Test
    void verifyWithoutABaselineSaysSoForEachComparison() {
        List<String> comparisons = List.of("pg.verify.cluster", "pg.verify.wal_level", "pg.verify.slots",
                "pg.verify.publications");
        CliRun.Result plain = runLive("verify", "--format", "json");
        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(ExitCode.OK);
        for (String id : comparisons) {
            assertThat(plain.status(id)).isEqualTo("SKIP");
            assertThat(plain.check(id).get("detail").asText()).contains("no --baseline given");
        }

        CliRun.Result strict = runLive("verify", "--format", "json", "--fail-on", "warn");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        comparisons.forEach(id -> assertThat(strict.status(id)).isEqualTo("WARN"));

        CliRun.Result skipped = runLive("verify", "--format", "json", "--skip", "pg.verify");
        assertThat(skipped.statuses().keySet()).noneMatch(id -> id.startsWith("pg.verify"));
    }

    @Test
    void saveBaselineCreatesItsDirectoryAndRefusesToOverwriteWithoutForce() throws Exception {
        Path baseline = dir.resolve("new/dir/before.json");
        CliRun.Result first = runLive("precheck", "--save-baseline", baseline.toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.OK);
        String good = Files.readString(baseline);

        CliRun.Result again = runLive("precheck", "--save-baseline", baseline.toString());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.err()).contains("already exists", "--force");
        assertThat(again.out()).as("refused before any check ran").isEmpty();
        assertThat(Files.readString(baseline)).isEqualTo(good);

        CliRun.Result forced = runLive("precheck", "--save-baseline", baseline.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(baseline)).isNotEqualTo(good);
    }

    @Test
    void outputIntoAMissingDirectoryIsCreatedAndAnImpossibleOneFailsBeforeConnecting() throws Exception {
        Path report = dir.resolve("a/b/report.json");
        CliRun.Result written = runLive("precheck", "--format", "json", "--output", report.toString());
        assertThat(written.exitCode()).as(written.toString()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(report)).contains("\"schemaVersion\"");

        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        CliRun.Result impossible = run("precheck", "--engine", "postgres", "--url", unreachable(), "--output",
                file.resolve("report.json").toString());
        assertThat(impossible.exitCode()).as("not 3: no connection was tried: %s", impossible)
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(impossible.err()).contains("--output");
    }

    @Test
    void junitMessagesCarryWhatWasSeenWantedAndTheFixWithTimes() {
        CliRun.Result r = runLive("precheck", "--publication", "cdc_pub,missing_pub", "--format", "junit");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JUnitXml xml = JUnitXml.validated(r.out());
        String message = JUnitXml.child(xml.testcase("pg.publication.exists"), "failure").getAttribute("message");
        assertThat(message).contains("observed: ", "expected: ", "remedy: CREATE PUBLICATION \"missing_pub\"");
        assertThat(xml.testcases()).allSatisfy(t -> assertThat(t.getAttribute("time")).matches("\\d+\\.\\d{3}"));
        assertThat(xml.suites().get(0).getAttribute("name"))
                .isEqualTo("upgrade-check.precheck.postgres." + url.substring("jdbc:postgresql://".length()));
    }

    @Test
    void markdownListsFailuresFirstFoldsPassesAndItsRemedyRunsAsWritten() {
        String odd = "odd|pub";
        String tick = "tick`pub";
        CliRun.Result r = runLive("precheck", "--publication", odd + "," + tick, "--format", "markdown");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        MarkdownDoc md = MarkdownDoc.parse(r.out());

        assertThat(md.headings().get(0)).contains("precheck", "postgres", url.substring("jdbc:postgresql://".length()));
        List<List<List<String>>> tables = md.tables();
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0)).isNotEmpty().allSatisfy(row -> assertThat(row.get(0)).doesNotContain("PASS"));
        assertThat(tables.get(0).get(0).get(0)).contains("FAIL");
        assertThat(tables.get(1)).isNotEmpty().allSatisfy(row -> assertThat(row.get(0)).contains("PASS"));
        assertThat(md.htmlBlocks()).anyMatch(h -> h.contains("<details>") && h.contains("passed"));

        String remedy = md.codeBlockAfter("pg.publication.exists");
        assertThat(remedy.strip().lines()).hasSize(2);
        PgServers.sql(pg, remedy.strip().lines().toArray(String[]::new));
        CliRun.Result fixed = runLive("precheck", "--publication", odd + "," + tick, "--format", "json");
        assertThat(fixed.status("pg.publication.exists")).as(fixed.toString()).isEqualTo("PASS");
    }

    @Test
    void theRunbookNamesItsSourceAndKeepsShellAndSqlInSeparateTaggedBlocks() {
        CliRun.Result md = runLive("plan", "--to", "17", "--format", "markdown");
        assertThat(md.exitCode()).as(md.toString()).isEqualTo(ExitCode.OK);
        MarkdownDoc doc = MarkdownDoc.parse(md.out());
        assertThat(doc.headings().get(0)).contains(url.substring("jdbc:postgresql://".length()));
        List<org.commonmark.node.FencedCodeBlock> blocks = doc.codeBlocks();
        assertThat(blocks).isNotEmpty().allSatisfy(b -> assertThat(b.getInfo()).isIn("sql", "sh"));
        assertThat(blocks).filteredOn(b -> b.getInfo().equals("sql")).isNotEmpty()
                .allSatisfy(b -> assertThat(b.getLiteral()).doesNotContain("upgrade-check ", "pg_upgrade "));
        assertThat(blocks).filteredOn(b -> b.getInfo().equals("sh")).isNotEmpty()
                .allSatisfy(b -> assertThat(b.getLiteral().lines())
                        .noneMatch(l -> l.matches("(?i)(SELECT|ALTER|CREATE|DROP) .*")));

        CliRun.Result text = runLive("plan", "--to", "17");
        List<String> statements = blocks.stream().flatMap(b -> b.getLiteral().lines()).map(String::strip).toList();
        assertThat(text.out().lines().filter(l -> !statements.contains(l.strip())))
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void snapshotAdviceInMarkdownHasNoEmptyChecksTable() {
        CliRun.Result r = run("snapshot-advice", "--engine", "postgres", "--from", "14", "--to", "16",
                "--format", "markdown");
        MarkdownDoc md = MarkdownDoc.parse(r.out());
        assertThat(md.tables()).noneMatch(List::isEmpty);
        assertThat(r.out()).contains("**Snapshot: ").doesNotContain("| Status | Check");
    }

    @Test
    void aPasswordThatIsACommonWordLeavesTheToolsOwnWordsAlone() {
        CliRun.Result json = runLive("precheck", "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCode.OK);
        JsonNode report = json.json();
        assertThat(report.get("engine").asText()).isEqualTo("postgres");
        assertThat(json.statuses().keySet()).allSatisfy(id -> assertThat(id).doesNotContain("****"));

        CliRun.Result junit = runLive("precheck", "--format", "junit");
        JUnitXml xml = JUnitXml.validated(junit.out());
        assertThat(xml.suites().get(0).getAttribute("name")).startsWith("upgrade-check.precheck.postgres.")
                .doesNotContain("****");
        assertThat(xml.testcases()).allSatisfy(t -> assertThat(t.getAttribute("name")).doesNotContain("****"));

        CliRun.Result text = runLive("precheck");
        assertThat(text.out()).startsWith("upgrade-check precheck · postgres · ");
    }
}
