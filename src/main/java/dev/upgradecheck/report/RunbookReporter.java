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

    /** Statements in the text output are indented under their step's title. */
    private static final String STATEMENT_INDENT = "       ";

    public static String render(Runbook runbook, ReportFormat format) {
        return render(runbook, format, null);
    }

    /** {@code address} (host/database, with --url) names the source in the heading; null offline. */
    public static String render(Runbook runbook, ReportFormat format, String address) {
        String title = address == null ? runbook.title() : runbook.title() + " · " + address;
        return switch (format) {
            case TEXT -> text(runbook, title);
            case MARKDOWN -> markdown(runbook, address);
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
                StatementWrap.lines(statement, language(statement), Wrap.COLUMNS - STATEMENT_INDENT.length())
                        .forEach(l -> out.append(STATEMENT_INDENT).append(l).append('\n'));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String markdown(Runbook runbook, String address) {
        StringBuilder out = new StringBuilder("# ").append(escape(runbook.title()));
        if (address != null) {
            out.append(" · ").append(MarkdownReporter.codeSpan(address));
        }
        out.append("\n\n");
        runbook.notes().forEach(n -> {
            prose(out, "> ", "> ", n);
            out.append(">\n");
        });
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
            out.append("- [ ] **").append(number++).append(". ").append(escape(step.title())).append("**");
            if (step.detail() != null) {
                out.append("  \n");
                prose(out, "  ", "  ", step.detail());
            } else {
                out.append('\n');
            }
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
            StatementWrap.lines(statement, language, Wrap.COLUMNS - 2)
                    .forEach(l -> out.append("  ").append(l).append('\n'));
        }
        if (open != null) {
            out.append("  ").append(fence).append('\n');
        }
    }

    /**
     * Prose wrapped to fit, each line after {@code first} or {@code indent}, its own newlines kept as hard line
     * breaks, and escaped: a name or placeholder in it ({@code <database>}, a backquote) is shown as written.
     */
    private static void prose(StringBuilder out, String first, String indent, String text) {
        String[] paragraphs = text.split("\n");
        for (int i = 0; i < paragraphs.length; i++) {
            StringBuilder part = new StringBuilder();
            Wrap.append(part, i == 0 ? first : indent, indent, escape(paragraphs[i].strip()));
            if (i < paragraphs.length - 1) {
                part.insert(part.length() - 1, '\\');  // a backslash at the end of a line is a hard line break
            }
            out.append(part);
        }
    }

    /**
     * Markdown's punctuation escaped, and each word that could start a block where a wrapped line begins
     * (a list marker, a heading, a quote, a rule).
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        String[] words = text.split(" ", -1);
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            if (w > 0) {
                out.append(' ');
            }
            // a lone - or + starts a list, a line of only - or = underlines a heading, # and > open blocks
            if (word.matches("[-+]|[#>].*") || w == words.length - 1 && word.matches("-+|=+")) {
                out.append('\\');
            }
            boolean listNumber = word.matches("\\d{1,9}[.)]");
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (listNumber && i == word.length() - 1) {
                    out.append('\\');
                }
                boolean inWord = c == '_' && i > 0 && i < word.length() - 1
                        && Character.isLetterOrDigit(word.charAt(i - 1)) && Character.isLetterOrDigit(word.charAt(i + 1));
                if ("\\`*_<[]&~".indexOf(c) >= 0 && !inWord) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
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
