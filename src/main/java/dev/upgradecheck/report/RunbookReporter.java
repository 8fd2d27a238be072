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

    public static String render(Runbook runbook, ReportFormat format) {
        return switch (format) {
            case TEXT -> text(runbook);
            case MARKDOWN -> markdown(runbook);
            case JSON -> json(runbook);
            case JUNIT -> throw new BadInputException("plan prints text, markdown or json, not junit");
        };
    }

    private static String text(Runbook runbook) {
        StringBuilder out = new StringBuilder(runbook.title()).append('\n')
                .append("=".repeat(Math.min(runbook.title().length(), 100))).append("\n\n");
        runbook.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));
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
            out.append(String.format("%3d. %s%n", number++, step.title()));
            if (step.detail() != null) {
                step.detail().lines().forEach(l -> out.append("     ").append(l).append('\n'));
            }
            for (String statement : step.statements()) {
                statement.lines().forEach(l -> out.append("       ").append(l).append('\n'));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String markdown(Runbook runbook) {
        StringBuilder out = new StringBuilder("# ").append(runbook.title()).append("\n\n");
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
            if (!step.statements().isEmpty()) {
                out.append("\n  ```\n");
                step.statements().forEach(s -> s.lines().forEach(l -> out.append("  ").append(l).append('\n')));
                out.append("  ```\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String json(Runbook runbook) {
        try {
            return Json.mapper().writeValueAsString(runbook) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
