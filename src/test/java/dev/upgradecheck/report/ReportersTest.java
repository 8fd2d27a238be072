package dev.upgradecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.ServerInfo;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportersTest {

    private static final ServerInfo SERVER = new ServerInfo("PostgreSQL", "16.6", "self-hosted", Map.of("db", "orders"));

    private static final List<CheckResult> CHECKS = List.of(
            CheckResult.of("x.pass", "A passing check", Outcome.pass("logical")),
            CheckResult.of("x.warn", "A warning", Outcome.warn("inactive", "active", "paused?", null)),
            CheckResult.of("x.fail", "A <failing> & \"quoted\" check",
                    Outcome.fail("replica", "logical", "needs logical", "ALTER SYSTEM SET wal_level = logical;")),
            CheckResult.of("x.error", "Could not run", Outcome.error("permission denied", "GRANT pg_monitor TO \"cdc\";")),
            CheckResult.of("x.skip", "Not here", Outcome.skip("RDS only")));

    private static Report report(FailOn failOn) {
        return new Report("precheck", "postgres", null, SERVER, CHECKS, null, failOn);
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        JsonNode json = Json.mapper().readTree(new JsonReporter().render(List.of(report(FailOn.FAIL))));

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("command").asText()).isEqualTo("precheck");
        assertThat(json.get("engine").asText()).isEqualTo("postgres");
        assertThat(json.at("/server/version").asText()).isEqualTo("16.6");
        assertThat(json.at("/summary/pass").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/warn").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/fail").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/error").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/skip").asInt()).isEqualTo(1);
        JsonNode fail = json.get("checks").get(2);
        assertThat(fail.get("id").asText()).isEqualTo("x.fail");
        assertThat(fail.get("status").asText()).isEqualTo("FAIL");
        assertThat(fail.get("observed").asText()).isEqualTo("replica");
        assertThat(fail.get("expected").asText()).isEqualTo("logical");
        assertThat(fail.get("remedy").asText()).isEqualTo("ALTER SYSTEM SET wal_level = logical;");
        assertThat(json.has("verdict")).isFalse();
    }

    @Test
    void jsonOfSnapshotAdviceCarriesVerdictAndTables() throws Exception {
        SnapshotAdvice advice = SnapshotAdvice.builder()
                .table("public.orders", Verdict.REQUIRED, "slot was dropped")
                .tableUnaffected("public.items", "still streamed")
                .continuity("slot kept")
                .build();
        Report r = new Report("snapshot-advice", "postgres", null, SERVER, List.of(), advice, null);

        JsonNode json = Json.mapper().readTree(new JsonReporter().render(List.of(r)));

        assertThat(json.get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(json.at("/tables/0/table").asText()).isEqualTo("public.orders");
        assertThat(json.at("/tables/0/verdict").asText()).isEqualTo("REQUIRED");
        assertThat(json.at("/tables/0/reasons/0").asText()).isEqualTo("slot was dropped");
        assertThat(json.at("/tables/1/verdict").asText()).isEqualTo("NOT_NEEDED");
        assertThat(r.failed()).as("a needed snapshot makes the command exit 1").isTrue();
    }

    @Test
    void junitHasOneTestcasePerCheckAndMapsStatuses() throws Exception {
        Document xml = parse(new JUnitReporter().render(List.of(report(FailOn.FAIL))));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(5);
        assertThat(child(cases.item(2), "failure").getAttribute("message")).contains("needs logical");
        assertThat(child(cases.item(2), "failure").getTextContent()).contains("ALTER SYSTEM SET wal_level = logical;");
        assertThat(child(cases.item(3), "error")).isNotNull();
        assertThat(child(cases.item(4), "skipped")).isNotNull();
        assertThat(child(cases.item(1), "failure")).as("a warning is not a failure by default").isNull();
    }

    @Test
    void junitCountsWarningsAsFailuresUnderFailOnWarn() throws Exception {
        Document xml = parse(new JUnitReporter().render(List.of(report(FailOn.WARN))));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(child(xml.getElementsByTagName("testcase").item(1), "failure")).isNotNull();
    }

    @Test
    void junitHasOneTestsuitePerTargetInAFleet() throws Exception {
        Report a = new Report("precheck", "postgres", "orders", SERVER, CHECKS, null, FailOn.FAIL);
        Report b = new Report("precheck", "postgres", "billing", SERVER, CHECKS.subList(0, 1), null, FailOn.FAIL);

        Document xml = parse(new JUnitReporter().render(List.of(a, b)));

        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(((Element) xml.getElementsByTagName("testsuite").item(1)).getAttribute("name")).contains("billing");
    }

    @Test
    void markdownIsATableWithOneRowPerCheckAndEscapedPipes() {
        Report r = new Report("verify", "postgres", null, SERVER,
                List.of(CheckResult.of("x.pipe", "a | b", Outcome.fail("1|2", "3", null, null))), null, null);

        String md = new MarkdownReporter().render(List.of(r));

        assertThat(md).contains("| Status | Check | Observed | Expected | Remedy |");
        assertThat(md.lines().filter(l -> l.startsWith("| ") && l.contains("x.pipe"))).hasSize(1);
        assertThat(md).contains("a \\| b").contains("1\\|2");
    }

    @Test
    void textListsEveryCheckWithRemedyAndNoColourUnlessAsked() {
        String text = new TextReporter(false).render(List.of(report(FailOn.FAIL)));

        assertThat(text).contains("PASS ", "WARN ", "FAIL ", "ERROR", "SKIP ");
        assertThat(text).contains("remedy: ALTER SYSTEM SET wal_level = logical;");
        assertThat(text).contains("Summary: 1 pass, 1 warn, 1 fail, 1 error, 1 skip");
        assertThat(text).doesNotContain("\u001B[");
        assertThat(new TextReporter(true).render(List.of(report(FailOn.FAIL)))).contains("\u001B[");
    }

    @Test
    void maskingReachesTheValuesNotTheToolsOwnWords() throws Exception {
        Report r = new Report("precheck", "postgres", null, SERVER, List.of(CheckResult.of("pg.reader",
                "The CDC reader is streaming", Outcome.fail("login postgres refused", "logical", null, null))),
                null, null);

        Report masked = r.masked(dev.upgradecheck.engine.Redactor.of(dev.upgradecheck.engine.Secret.of("postgres"))::redact);

        assertThat(masked.engine()).isEqualTo("postgres");
        assertThat(masked.checks().get(0).id()).isEqualTo("pg.reader");
        assertThat(masked.checks().get(0).observed()).isEqualTo("login **** refused");
        assertThat(Json.mapper().readTree(new JsonReporter().render(List.of(masked))).get("engine").asText())
                .isEqualTo("postgres");
    }

    @Test
    void textFoldsSkipsUnlessVerboseListsOnlyProblemsWhenQuietAndFitsAHundredColumns() {
        String longWhy = "word ".repeat(60).strip();
        Report r = new Report("precheck", "postgres", null, SERVER, List.of(
                CheckResult.of("x.pass", "A passing check", Outcome.pass("logical")),
                CheckResult.of("x.fail", "A failing check", Outcome.fail("replica", "logical", longWhy,
                        "ALTER SYSTEM SET wal_level = logical;")),
                CheckResult.of("x.skip", "Not here", Outcome.skip("RDS only"))), null, null);

        String normal = new TextReporter(false).render(List.of(r));
        String quiet = new TextReporter(false, TextReporter.Detail.QUIET).render(List.of(r));
        String verbose = new TextReporter(false, TextReporter.Detail.VERBOSE).render(List.of(r));

        assertThat(normal).contains("x.pass", "x.fail", "1 check does not apply here").doesNotContain("x.skip");
        assertThat(quiet).contains("x.fail", "Summary: 1 pass, 0 warn, 1 fail").doesNotContain("x.pass", "x.skip");
        assertThat(verbose).contains("x.skip", "RDS only");
        assertThat(normal.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        String why = normal.lines().filter(l -> l.contains("why: ")).findFirst().orElseThrow();
        String next = normal.lines().dropWhile(l -> !l.equals(why)).skip(1).findFirst().orElseThrow();
        assertThat(next).as("continuation indented under the text").startsWith(" ".repeat(why.indexOf("why: ") + 5))
                .contains("word");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element child(org.w3c.dom.Node node, String name) {
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
