package dev.upgradecheck.report;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.TableAdvice;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.check.Summary;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.reconcile.Reconciliation;
import dev.upgradecheck.reconcile.TableReconciliation;

import java.util.List;

/** The checklist a DBA reads: one aligned line per check, with expected value and remedy under what failed. */
public final class TextReporter implements Reporter {

    private static final String RESET = "\u001B[0m";

    /** How much of the checklist is printed. */
    public enum Detail {
        /** failures, errors and warnings, and the summary */
        QUIET,
        /** every check, SKIP lines folded into a count */
        NORMAL,
        /** every check */
        VERBOSE
    }

    private final boolean colour;
    private final Detail detail;

    public TextReporter(boolean colour) {
        this(colour, Detail.NORMAL);
    }

    public TextReporter(boolean colour, Detail detail) {
        this.colour = colour;
        this.detail = detail;
    }

    @Override
    public String render(List<Report> reports) {
        StringBuilder out = new StringBuilder();
        for (Report report : reports) {
            if (out.length() > 0) {
                out.append('\n');
            }
            renderOne(report, out);
        }
        if (reports.stream().anyMatch(r -> r.target() != null)) {
            fleetSummary(reports, out);
        }
        return out.toString();
    }

    private void renderOne(Report report, StringBuilder out) {
        out.append("upgrade-check ").append(report.command()).append(" · ").append(report.engine());
        if (report.target() != null) {
            out.append(" · ").append(report.target());
        }
        if (report.address() != null) {
            out.append(" · ").append(report.address());
        }
        ServerInfo server = report.server();
        if (server != null) {
            out.append(" · ").append(server.product()).append(' ').append(server.version());
            if (server.platform() != null) {
                out.append(" (").append(server.platform()).append(')');
            }
        }
        out.append("\n\n");
        List<CheckResult> shown = report.checks().stream().filter(this::listed).toList();
        int idWidth = shown.stream().mapToInt(c -> c.id().length()).max().orElse(0);
        // long ids would push every title off the screen: past 28 columns the title goes on its own line
        boolean titleBelow = idWidth > 28;
        String indent = titleBelow ? "         " : "         " + " ".repeat(idWidth + 2);
        for (CheckResult c : shown) {
            String head = "  " + badge(c.status()) + "  " + (titleBelow ? c.id() + "\n" + indent : pad(c.id(), idWidth) + "  ");
            Wrap.append(out, head, indent, c.title() + (c.observed() == null ? "" : " [" + c.observed() + "]"));
            if (c.status() != Status.PASS) {
                line(out, indent, "expected", c.expected());
            }
            line(out, indent, "why", c.detail());
            remedy(out, indent, c.remedy());
        }
        long folded = report.checks().size() - shown.size();
        if (folded > 0 && detail == Detail.NORMAL) {
            out.append("  ").append(badge(Status.SKIP)).append("  ").append(folded)
                    .append(folded == 1 ? " check does" : " checks do").append(" not apply here (--verbose lists ")
                    .append(folded == 1 ? "it)" : "them)").append('\n');
        }
        SnapshotAdvice advice = report.advice();
        // snapshot-advice without checks is only its verdict; an empty checklist would read as "all clear"
        if (!report.checks().isEmpty() || advice == null) {
            Summary s = report.summary();
            out.append('\n').append(String.format("Summary: %d pass, %d warn, %d fail, %d error, %d skip%n",
                    s.pass(), s.warn(), s.fail(), s.error(), s.skip()));
        }
        if (report.reconciliation() != null) {
            reconcileTable(report.reconciliation(), out);
        }
        if (advice != null) {
            out.append("Snapshot: ").append(advice.verdict()).append('\n');
            advice.reasons().forEach(r -> out.append("  - ").append(r).append('\n'));
            for (TableAdvice t : advice.tables()) {
                out.append("  ").append(pad(t.verdict().name(), 11)).append(' ').append(t.table()).append('\n');
                t.reasons().forEach(r -> out.append("      ").append(r).append('\n'));
            }
            if (advice.next() != null) {
                out.append("Next: ").append(advice.next()).append('\n');
            }
        }
    }

    /** What each table cost, beside its verdict: statements, rows read and rows sent, source/destination. */
    private static void reconcileTable(Reconciliation r, StringBuilder out) {
        out.append("Reconcile: ").append(r.verdict()).append('\n');
        int width = Math.max(5, r.tables().stream().mapToInt(t -> t.source().length()).max().orElse(5));
        String format = "  %-" + width + "s  %-12s %12s %12s %9s %19s %15s%n";
        out.append(String.format(format, "TABLE", "VERDICT", "SOURCE ROWS", "DEST ROWS", "QUERIES", "ROWS READ",
                "ROWS SENT"));
        for (TableReconciliation t : r.tables()) {
            out.append(String.format(format, t.source(), t.verdict(), rows(t.sourceRows(), t.estimated()),
                    rows(t.destinationRows(), t.estimated()), t.sourceCost().queries() + "/" + t.destinationCost().queries(),
                    t.sourceCost().rowsRead() + "/" + t.destinationCost().rowsRead(),
                    t.sourceCost().rowsTransferred() + "/" + t.destinationCost().rowsTransferred()));
        }
        out.append("  (queries, rows read and rows sent: source/destination)\n");
    }

    private static String rows(Long count, boolean estimated) {
        return count == null ? "?" : (estimated ? "~" : "") + count;
    }

    /** One row per target, so a fleet's state reads at a glance after the details. */
    private void fleetSummary(List<Report> reports, StringBuilder out) {
        int width = Math.max(6, reports.stream().mapToInt(r -> String.valueOf(r.target()).length()).max().orElse(6));
        out.append("\nFleet summary (").append(reports.size()).append(" targets)\n");
        String format = "  %-" + width + "s  %-9s %5s %5s %5s %5s  %s%n";
        out.append(String.format(format, "TARGET", "ENGINE", "PASS", "WARN", "FAIL", "ERROR", "VERDICT"));
        for (Report r : reports) {
            Summary s = r.summary();
            out.append(String.format(format, r.target(), r.engine(), s.pass(), s.warn(), s.fail(), s.error(),
                    r.advice() != null ? r.advice().verdict() : (r.failed() ? "FAILED" : "ok")));
        }
    }

    /** Whether the check gets its own line at this detail level. */
    private boolean listed(CheckResult c) {
        return switch (detail) {
            case QUIET -> c.status() == Status.FAIL || c.status() == Status.ERROR || c.status() == Status.WARN;
            case NORMAL -> c.status() != Status.SKIP;
            case VERBOSE -> true;
        };
    }

    /** Prose: wrapped to the screen, continuation lines under the text. */
    private static void line(StringBuilder out, String indent, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Wrap.append(out, indent + label + ": ", indent + " ".repeat(label.length() + 2), value);
    }

    /** Statements: never wrapped (a shell line broken in two is two commands), one per line. */
    private static void remedy(StringBuilder out, String indent, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String[] lines = value.split("\n");
        out.append(indent).append("remedy: ").append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            out.append(indent).append("        ").append(lines[i]).append('\n');
        }
    }

    private String badge(Status status) {
        String text = pad(status.name(), 5);
        if (!colour) {
            return text;
        }
        String code = switch (status) {
            case PASS -> "\u001B[32m";
            case WARN -> "\u001B[33m";
            case FAIL, ERROR -> "\u001B[31;1m";
            case SKIP -> "\u001B[2m";
        };
        return code + text + RESET;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
