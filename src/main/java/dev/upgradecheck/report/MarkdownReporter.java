package dev.upgradecheck.report;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.TableAdvice;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Summary;
import dev.upgradecheck.reconcile.TableReconciliation;

import java.util.List;

/** A Markdown table per source, sized for a GitHub Actions step summary. */
public final class MarkdownReporter implements Reporter {

    @Override
    public String render(List<Report> reports) {
        StringBuilder out = new StringBuilder();
        if (reports.stream().anyMatch(r -> r.target() != null)) {
            out.append("## Fleet summary\n\n| Target | Engine | Pass | Warn | Fail | Error | Verdict |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (Report r : reports) {
                Summary s = r.summary();
                out.append(String.format("| %s | %s | %d | %d | %d | %d | %s |%n", cell(r.target()), r.engine(),
                        s.pass(), s.warn(), s.fail(), s.error(),
                        r.advice() != null ? r.advice().verdict() : (r.failed() ? "❌ failed" : "✅ ok")));
            }
            out.append('\n');
        }
        for (Report report : reports) {
            out.append("## upgrade-check ").append(report.command()).append(": ").append(report.engine());
            if (report.target() != null) {
                out.append(" · ").append(cell(report.target()));
            }
            out.append("\n\n");
            if (report.server() != null) {
                out.append("Server: ").append(cell(report.server().product())).append(' ')
                        .append(cell(report.server().version()));
                if (report.server().platform() != null) {
                    out.append(" (").append(cell(report.server().platform())).append(')');
                }
                out.append("\n\n");
            }
            Summary s = report.summary();
            out.append(String.format("**%d pass, %d warn, %d fail, %d error, %d skip**%n%n",
                    s.pass(), s.warn(), s.fail(), s.error(), s.skip()));
            out.append("| Status | Check | Observed | Expected | Remedy |\n");
            out.append("|---|---|---|---|---|\n");
            for (CheckResult c : report.checks()) {
                String title = cell(c.title()) + (c.detail() == null ? "" : "<br>" + cell(c.detail()));
                out.append("| ").append(icon(c)).append(' ').append(c.status()).append(" | `")
                        .append(c.id()).append("` ").append(title).append(" | ")
                        .append(cell(c.observed())).append(" | ").append(cell(c.expected())).append(" | ")
                        .append(c.remedy() == null ? "" : "`" + cell(c.remedy()).replace("`", "'") + "`")
                        .append(" |\n");
            }
            if (report.reconciliation() != null) {
                out.append("\n**Reconcile: ").append(report.reconciliation().verdict()).append("**\n\n")
                        .append("| Table | Destination | Verdict | Source rows | Destination rows | Queries (src/dest) "
                                + "| Rows read (src/dest) |\n|---|---|---|---|---|---|---|\n");
                for (TableReconciliation t : report.reconciliation().tables()) {
                    out.append("| `").append(cell(t.source())).append("` | `").append(cell(t.destination()))
                            .append("` | ").append(t.verdict()).append(" | ").append(t.sourceRows() == null ? "?" : t.sourceRows())
                            .append(" | ").append(t.destinationRows() == null ? "?" : t.destinationRows()).append(" | ")
                            .append(t.sourceCost().queries()).append('/').append(t.destinationCost().queries())
                            .append(" | ").append(t.sourceCost().rowsRead()).append('/')
                            .append(t.destinationCost().rowsRead()).append(" |\n");
                }
            }
            SnapshotAdvice advice = report.advice();
            if (advice != null) {
                out.append("\n**Snapshot: ").append(advice.verdict()).append("**\n\n");
                advice.reasons().forEach(r -> out.append("- ").append(cell(r)).append('\n'));
                if (!advice.tables().isEmpty()) {
                    out.append("\n| Table | Verdict | Reasons |\n|---|---|---|\n");
                    for (TableAdvice t : advice.tables()) {
                        out.append("| `").append(cell(t.table())).append("` | ").append(t.verdict()).append(" | ")
                                .append(cell(String.join("; ", t.reasons()))).append(" |\n");
                    }
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String icon(CheckResult c) {
        return switch (c.status()) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
            case ERROR -> "🛑";
            case SKIP -> "⏭️";
        };
    }

    /** Table cells cannot hold pipes or newlines. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
