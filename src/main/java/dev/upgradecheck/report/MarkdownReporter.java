package dev.upgradecheck.report;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.TableAdvice;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.check.Summary;
import dev.upgradecheck.reconcile.TableReconciliation;

import java.util.Comparator;
import java.util.List;

/**
 * A Markdown report per source, sized for a GitHub Actions step summary: what needs attention first, passing
 * checks folded away, and multi-line remedies as code blocks that can be copied and run.
 */
public final class MarkdownReporter implements Reporter {

    /** The order rows are listed in: what needs attention first. */
    private static final List<Status> ATTENTION = List.of(Status.FAIL, Status.ERROR, Status.WARN, Status.SKIP,
            Status.PASS);

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
            renderOne(report, out);
        }
        return out.toString();
    }

    private static void renderOne(Report report, StringBuilder out) {
        out.append("## upgrade-check ").append(report.command()).append(": ").append(report.engine());
        if (report.target() != null) {
            out.append(" · ").append(cell(report.target()));
        }
        if (report.address() != null) {
            out.append(report.target() == null ? " · " : " (").append(codeSpan(report.address()))
                    .append(report.target() == null ? "" : ")");
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
        // snapshot-advice has no checklist: an empty table would read as "nothing to check"
        if (!report.checks().isEmpty() || report.advice() == null) {
            checks(report, out);
        }
        if (report.reconciliation() != null) {
            out.append("**Reconcile: ").append(report.reconciliation().verdict()).append("**\n\n")
                    .append("| Table | Destination | Verdict | Source rows | Destination rows | Queries (src/dest) "
                            + "| Rows read (src/dest) |\n|---|---|---|---|---|---|---|\n");
            for (TableReconciliation t : report.reconciliation().tables()) {
                out.append("| ").append(codeSpan(t.source())).append(" | ").append(codeSpan(t.destination()))
                        .append(" | ").append(t.verdict()).append(" | ")
                        .append(t.sourceRows() == null ? "?" : t.sourceRows()).append(" | ")
                        .append(t.destinationRows() == null ? "?" : t.destinationRows()).append(" | ")
                        .append(t.sourceCost().queries()).append('/').append(t.destinationCost().queries())
                        .append(" | ").append(t.sourceCost().rowsRead()).append('/')
                        .append(t.destinationCost().rowsRead()).append(" |\n");
            }
            out.append('\n');
        }
        SnapshotAdvice advice = report.advice();
        if (advice != null) {
            out.append("**Snapshot: ").append(advice.verdict()).append("**\n\n");
            advice.reasons().forEach(r -> out.append("- ").append(cell(r)).append('\n'));
            if (!advice.tables().isEmpty()) {
                out.append("\n| Table | Verdict | Reasons |\n|---|---|---|\n");
                for (TableAdvice t : advice.tables()) {
                    out.append("| ").append(codeSpan(t.table())).append(" | ").append(t.verdict()).append(" | ")
                            .append(cell(String.join("; ", t.reasons()))).append(" |\n");
                }
            }
            if (advice.next() != null) {
                out.append("\n**Next:** ").append(cell(advice.next())).append('\n');
            }
            out.append('\n');
        }
    }

    private static void checks(Report report, StringBuilder out) {
        Summary s = report.summary();
        out.append(String.format("**%d pass, %d warn, %d fail, %d error, %d skip**%n%n",
                s.pass(), s.warn(), s.fail(), s.error(), s.skip()));
        List<CheckResult> sorted = report.checks().stream()
                .sorted(Comparator.comparingInt(c -> ATTENTION.indexOf(c.status()))).toList();
        List<CheckResult> attention = sorted.stream().filter(c -> c.status() != Status.PASS).toList();
        List<CheckResult> passed = sorted.stream().filter(c -> c.status() == Status.PASS).toList();
        if (!attention.isEmpty()) {
            table(attention, out);
            out.append('\n');
        }
        if (!passed.isEmpty()) {
            // GitHub renders a table inside <details> only with blank lines around it
            out.append("<details><summary>").append(passed.size()).append(" passed</summary>\n\n");
            table(passed, out);
            out.append("\n</details>\n\n");
        }
        List<CheckResult> blocks = sorted.stream().filter(c -> c.remedy() != null && multiLine(c.remedy())).toList();
        if (!blocks.isEmpty()) {
            out.append("### Remedies\n\n");
            for (CheckResult c : blocks) {
                out.append(codeSpan(c.id())).append(":\n\n").append(fencedBlock(c.remedy())).append('\n');
            }
        }
    }

    private static void table(List<CheckResult> rows, StringBuilder out) {
        out.append("| Status | Check | Observed | Expected | Remedy |\n");
        out.append("|---|---|---|---|---|\n");
        for (CheckResult c : rows) {
            String title = cell(c.title()) + (c.detail() == null ? "" : "<br>" + cell(c.detail()));
            String remedy = c.remedy() == null ? "" : multiLine(c.remedy()) ? "see Remedies below" : codeSpan(c.remedy());
            out.append("| ").append(icon(c)).append(' ').append(c.status()).append(" | ")
                    .append(codeSpan(c.id())).append(' ').append(title).append(" | ")
                    .append(cell(c.observed())).append(" | ").append(cell(c.expected())).append(" | ")
                    .append(remedy).append(" |\n");
        }
    }

    private static boolean multiLine(String text) {
        return text.strip().contains("\n");
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

    /**
     * Text as inline code inside a table cell, exactly: delimited by one backquote more than its longest run of
     * them (and padded, which CommonMark strips), pipes escaped as GFM tables require even in code.
     */
    static String codeSpan(String text) {
        String flat = text.replace("\r", "").replace("\n", " ");
        String fence = "`".repeat(longestBackquoteRun(flat) + 1);
        String pad = flat.contains("`") ? " " : "";
        return fence + pad + flat.replace("|", "\\|") + pad + fence;
    }

    /** A fenced code block that no backquote run in the text can close early. */
    static String fencedBlock(String text) {
        String fence = "`".repeat(Math.max(3, longestBackquoteRun(text) + 1));
        return fence + "\n" + text.strip() + "\n" + fence + "\n";
    }

    static int longestBackquoteRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
