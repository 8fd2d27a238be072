package dev.upgradecheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.Step;

import java.io.UncheckedIOException;

/**
 * Prints a runbook: numbered text for a terminal, Markdown with checkboxes for the on-call engineer to
 * tick, or JSON for tooling. Steps are numbered across phases so "step 7" means one thing in a call.
 */
public final class RunbookReporter {

    private RunbookReporter() {
    }

    /** SQL statements start with one of these words; mongosh's with db., rs. or sh.; the rest are shell lines. */
    private static final java.util.Set<String> SQL_WORDS = java.util.Set.of("select", "alter", "create", "drop",
            "grant", "revoke", "set", "show", "reset", "call", "exec", "execute", "begin", "declare", "insert",
            "update", "delete", "truncate", "use", "flush", "purge", "change", "start", "stop", "install", "with",
            "backup", "restore", "shutdown", "commit", "analyze", "vacuum", "--", "/*");

    public static String render(Runbook runbook, ReportFormat format) {
        return render(runbook, format, null);
    }

    /** {@code address} (host/database, with --url) names the source in the heading; null offline. */
    public static String render(Runbook runbook, ReportFormat format, String address) {
        String title = address == null ? runbook.title() : runbook.title() + " · " + address;
        return switch (format) {
            case TEXT -> text(runbook, title);
            case MARKDOWN -> markdown(runbook, title);
            case JSON -> json(runbook);
            case JUNIT -> throw new BadInputException("plan prints text, markdown or json, not junit");
        };
    }

    private static String text(Runbook runbook, String title) {
        StringBuilder out = new StringBuilder(title).append('\n')
                .append("=".repeat(Math.min(title.length(), Wrap.COLUMNS))).append("\n\n");
        runbook.notes().forEach(n -> Wrap.append(out, "Note: ", "      ", n));
        if (!runbook.notes().isEmpty()) {
            out.append('\n');
        }
        int number = 1;
        Step.Phase phase = null;
        for (Step step : runbook.steps()) {
            if (step.phase() != phase) {
                phase = step.phase();
                out.append(phase.heading()).append('\n');
            }
            Wrap.append(out, String.format("%3d. ", number++), "     ", step.title());
            if (step.detail() != null) {
                Wrap.append(out, "     ", "     ", step.detail());
            }
            for (String statement : step.statements()) {
                statement.lines().forEach(l -> out.append("       ").append(l).append('\n'));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String markdown(Runbook runbook, String title) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        runbook.notes().forEach(n -> out.append("> ").append(n).append("\n>\n"));
        if (!runbook.notes().isEmpty()) {
            out.setLength(out.length() - 2);
            out.append('\n');
        }
        int number = 1;
        Step.Phase phase = null;
        for (Step step : runbook.steps()) {
            if (step.phase() != phase) {
                phase = step.phase();
                out.append("## ").append(phase.heading()).append("\n\n");
            }
            out.append("- [ ] **").append(number++).append(". ").append(step.title()).append("**");
            if (step.detail() != null) {
                out.append("  \n  ").append(step.detail().replace("\n", "  \n  "));
            }
            out.append('\n');
            fencedBlocks(step, out);
            out.append('\n');
        }
        return out.toString();
    }

    /** One fenced block per run of statements in the same language, tagged so it highlights and copies whole. */
    private static void fencedBlocks(Step step, StringBuilder out) {
        // longer than any backquote run in the statements (a quoted name may hold backquotes)
        String fence = "`".repeat(Math.max(3, step.statements().stream()
                .mapToInt(MarkdownReporter::longestBackquoteRun).max().orElse(0) + 1));
        String open = null;
        for (String statement : step.statements()) {
            String language = language(statement);
            if (!language.equals(open)) {
                if (open != null) {
                    out.append("  ").append(fence).append('\n');
                }
                out.append("\n  ").append(fence).append(language).append('\n');
                open = language;
            }
            statement.lines().forEach(l -> out.append("  ").append(l).append('\n'));
        }
        if (open != null) {
            out.append("  ").append(fence).append('\n');
        }
    }

    static String language(String statement) {
        String trimmed = statement.stripLeading();
        if (trimmed.matches("(?s)(db|rs|sh)\\.\\w+.*")) {
            return "javascript";
        }
        String first = trimmed.split("[\\s(;]", 2)[0].toLowerCase(java.util.Locale.ROOT);
        boolean sql = SQL_WORDS.contains(first) || trimmed.startsWith("--") || trimmed.startsWith("/*");
        return sql ? "sql" : "sh";
    }

    private static String json(Runbook runbook) {
        try {
            return Json.mapper().writeValueAsString(runbook) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
