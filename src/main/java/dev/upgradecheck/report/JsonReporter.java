package dev.upgradecheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.TableAdvice;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Summary;
import dev.upgradecheck.reconcile.KeySpan;
import dev.upgradecheck.reconcile.ReadCost;
import dev.upgradecheck.reconcile.Reconciliation;
import dev.upgradecheck.reconcile.TableReconciliation;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * The contract's JSON: {@code schemaVersion}, command, engine, server, summary, checks (and for
 * snapshot-advice verdict and tables; for reconcile a {@code reconcile} section). A fleet run prints {@code {"schemaVersion":1,"targets":[...]}}.
 */
public final class JsonReporter implements Reporter {

    public static final int SCHEMA_VERSION = 1;

    /** Taken when the reporter is made, which builds the mapper then: a command may make it while it waits. */
    private final ObjectMapper mapper = Json.mapper();

    @Override
    public String render(List<Report> reports) {
        ObjectNode root;
        if (reports.size() == 1 && reports.get(0).target() == null) {
            root = reportNode(reports.get(0));
        } else {
            root = mapper.createObjectNode();
            root.put("schemaVersion", SCHEMA_VERSION);
            ArrayNode targets = root.putArray("targets");
            reports.forEach(r -> targets.add(reportNode(r)));
        }
        try {
            return mapper.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode reportNode(Report report) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("schemaVersion", SCHEMA_VERSION);
        if (report.target() != null) {
            node.put("target", report.target());
        }
        node.put("command", report.command());
        node.put("engine", report.engine());
        node.set("server", report.server() == null ? null : Json.mapper().valueToTree(report.server()));
        Summary s = report.summary();
        ObjectNode summary = node.putObject("summary");
        summary.put("pass", s.pass());
        summary.put("warn", s.warn());
        summary.put("fail", s.fail());
        summary.put("error", s.error());
        summary.put("skip", s.skip());
        ArrayNode checks = node.putArray("checks");
        for (CheckResult c : report.checks()) {
            ObjectNode check = checks.addObject();
            check.put("id", c.id());
            check.put("title", c.title());
            check.put("status", c.status().name());
            check.put("observed", c.observed());
            check.put("expected", c.expected());
            check.put("detail", c.detail());
            check.put("remedy", c.remedy());
        }
        SnapshotAdvice advice = report.advice();
        if (advice != null) {
            node.put("verdict", advice.verdict().name());
            ArrayNode reasons = node.putArray("reasons");
            advice.reasons().forEach(reasons::add);
            ArrayNode evidence = node.putArray("evidence");
            advice.evidence().forEach(evidence::add);
            ArrayNode tables = node.putArray("tables");
            for (TableAdvice t : advice.tables()) {
                ObjectNode table = tables.addObject();
                table.put("table", t.table());
                table.put("verdict", t.verdict().name());
                ArrayNode why = table.putArray("reasons");
                t.reasons().forEach(why::add);
            }
            if (advice.next() != null) {
                node.put("next", advice.next());
            }
        }
        if (report.reconciliation() != null) {
            node.set("reconcile", reconcileNode(report.reconciliation()));
        }
        return node;
    }

    private static ObjectNode reconcileNode(Reconciliation reconciliation) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("verdict", reconciliation.verdict().name());
        ArrayNode tables = node.putArray("tables");
        for (TableReconciliation t : reconciliation.tables()) {
            ObjectNode table = tables.addObject();
            table.put("source", t.source());
            table.put("destination", t.destination());
            t.key().forEach(table.putArray("key")::add);
            table.put("sourceRows", t.sourceRows());
            table.put("destinationRows", t.destinationRows());
            table.put("estimated", t.estimated());
            table.put("verdict", t.verdict().name());
            table.put("comparedBy", t.comparedBy());
            t.notes().forEach(table.putArray("notes")::add);
            spans(table.putArray("missing"), t.missing());
            spans(table.putArray("changed"), t.changed());
            spans(table.putArray("extra"), t.extra());
            table.put("missingRows", t.missingRows());
            table.put("extraRows", t.extraRows());
            table.put("inFlightRows", t.inFlight());
            t.unresolved().forEach(table.putArray("unresolvedRanges")::add);
            cost(table.putObject("sourceCost"), t.sourceCost());
            cost(table.putObject("destinationCost"), t.destinationCost());
            table.put("resnapshot", t.resnapshot());
        }
        return node;
    }

    private static void spans(ArrayNode array, List<KeySpan> spans) {
        for (KeySpan span : spans) {
            array.addObject().put("first", span.first()).put("last", span.last()).put("rows", span.rows());
        }
    }

    private static void cost(ObjectNode node, ReadCost cost) {
        node.put("queries", cost.queries());
        node.put("rowsRead", cost.rowsRead());
        node.put("rowsTransferred", cost.rowsTransferred());
    }
}
