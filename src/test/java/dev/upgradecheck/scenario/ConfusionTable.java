package dev.upgradecheck.scenario;

import dev.upgradecheck.scenario.Judgement.Truth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every judged scenario of one run, counted by scenario class x verdict x ground truth, with the figures the issue
 * asks for: how many scenarios, how many false all-clears, and precision (NOT_NEEDED among the no-loss scenarios).
 * Written to {@code target/scenarios/} as Markdown, with the script of every scenario that broke a property and of
 * every no-loss scenario not judged NOT_NEEDED (what precision is lost to, and why).
 */
final class ConfusionTable {

    private final String name;
    private final Map<String, Integer> cells = new TreeMap<>();
    private final List<Judgement> broken = new ArrayList<>();
    private final List<Judgement> imprecise = new ArrayList<>();
    private final List<Judgement> lostBefore = new ArrayList<>();
    private final List<String> harnessFailures = new ArrayList<>();
    private int scenarios;
    private int falseAllClears;
    private int noLoss;
    private int noLossAllClear;
    private int noLossWithBaseline;
    private int noLossWithBaselineAllClear;
    private int noLossRunbook;
    private int noLossRunbookAllClear;

    ConfusionTable(String name) {
        this.name = name;
    }

    synchronized void add(Judgement j) {
        scenarios++;
        cells.merge(j.scenarioClass() + " | " + j.verdict() + " | " + j.truth(), 1, Integer::sum);
        if (j.truth() == Truth.NO_LOSS) {
            noLoss++;
            noLossAllClear += j.allClear() ? 1 : 0;
            if (j.withBaseline()) {
                noLossWithBaseline++;
                noLossWithBaselineAllClear += j.allClear() ? 1 : 0;
            }
            if (j.runbookWindow()) {
                noLossRunbook++;
                noLossRunbookAllClear += j.allClear() ? 1 : 0;
            }
            if (!j.allClear()) {
                imprecise.add(j);
            }
        } else if (j.truth() == Truth.LOSS_BEFORE_BASELINE) {
            lostBefore.add(j);
        } else if (j.allClear()) {
            falseAllClears++;
        }
        if (!j.violations().isEmpty()) {
            broken.add(j);
        }
    }

    /** NOT_NEEDED among the no-loss scenarios; 1 when there was none (nothing to be imprecise about). */
    synchronized double precision() {
        return noLoss == 0 ? 1 : (double) noLossAllClear / noLoss;
    }

    synchronized int noLossScenarios() {
        return noLoss;
    }

    /**
     * Precision overall, among the scenarios that took a baseline, and among the runbook's windows (a baseline with
     * the reader's offset, the reader stopped from it to the verdict): without a baseline a PostgreSQL slot cannot be
     * proven to have lived through the window, and a slot that moved since it cannot tell a reader from an advance,
     * so those are RECOMMENDED by rule. Scenarios whose only losses came before their baseline are counted apart.
     */
    synchronized String summary() {
        long allClearAfterEarlierLoss = lostBefore.stream().filter(Judgement::allClear).count();
        return ("%d scenarios, %d false all-clears, %d with a broken property, precision %d/%d (%.0f%%); with a "
                + "baseline %d/%d; in the runbook's window %d/%d; %d lost changes only before their baseline "
                + "(outside the judged window; %d of them NOT_NEEDED); %d the harness could not run").formatted(scenarios,
                falseAllClears, broken.size(), noLossAllClear, noLoss, 100 * precision(), noLossWithBaselineAllClear,
                noLossWithBaseline, noLossRunbookAllClear, noLossRunbook, lostBefore.size(), allClearAfterEarlierLoss,
                harnessFailures.size());
    }

    /** A scenario the harness could not run to its verdict (in a long run that goes on): counted, not judged. */
    synchronized void harnessFailed(String what) {
        harnessFailures.add(what);
    }

    synchronized List<String> harnessFailures() {
        return List.copyOf(harnessFailures);
    }

    synchronized List<Judgement> broken() {
        return List.copyOf(broken);
    }

    synchronized Path write() {
        StringBuilder md = new StringBuilder("# Upgrade scenarios: " + name + "\n\n" + summary() + "\n\n"
                + "| scenario class | verdict | ground truth | scenarios |\n|---|---|---|---|\n");
        cells.forEach((cell, n) -> md.append("| ").append(cell).append(" | ").append(n).append(" |\n"));
        section(md, "Scenarios that broke a property", broken);
        section(md, "No-loss scenarios not judged NOT_NEEDED", imprecise);
        section(md, "Scenarios that lost changes only before their baseline", lostBefore);
        if (!harnessFailures.isEmpty()) {
            md.append("\n## Scenarios the harness could not run\n");
            harnessFailures.forEach(f -> md.append("\n```\n").append(f).append("\n```\n"));
        }
        try {
            Path file = Files.createDirectories(Path.of("target", "scenarios")).resolve(name + "-confusion.md");
            Files.writeString(file, md);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the confusion table", e);
        }
    }

    private static void section(StringBuilder md, String title, List<Judgement> scenarios) {
        if (!scenarios.isEmpty()) {
            md.append("\n## ").append(title).append("\n");
            scenarios.forEach(j -> md.append("\n```\n").append(j.report()).append("\n```\n"));
        }
    }
}
