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
    private int scenarios;
    private int falseAllClears;
    private int noLoss;
    private int noLossAllClear;
    private int noLossWithBaseline;
    private int noLossWithBaselineAllClear;

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
            if (!j.allClear()) {
                imprecise.add(j);
            }
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
     * Precision overall and among the scenarios that took a baseline, as the runbook says to: without one a
     * PostgreSQL slot cannot be proven to have lived through the window, so those are RECOMMENDED by rule.
     */
    synchronized String summary() {
        return ("%d scenarios, %d false all-clears, %d with a broken property, precision %d/%d (%.0f%%); with a "
                + "baseline %d/%d").formatted(scenarios, falseAllClears, broken.size(), noLossAllClear, noLoss,
                100 * precision(), noLossWithBaselineAllClear, noLossWithBaseline);
    }

    synchronized List<Judgement> broken() {
        return List.copyOf(broken);
    }

    synchronized Path write() {
        StringBuilder md = new StringBuilder("# Upgrade scenarios: " + name + "\n\n" + summary() + "\n\n"
                + "| scenario class | verdict | ground truth | scenarios |\n|---|---|---|---|\n");
        cells.forEach((cell, n) -> md.append("| ").append(cell).append(" | ").append(n).append(" |\n"));
        if (!broken.isEmpty()) {
            md.append("\n## Scenarios that broke a property\n");
            broken.forEach(j -> md.append("\n```\n").append(j.report()).append("\n```\n"));
        }
        if (!imprecise.isEmpty()) {
            md.append("\n## No-loss scenarios not judged NOT_NEEDED\n");
            imprecise.forEach(j -> md.append("\n```\n").append(j.report()).append("\n```\n"));
        }
        try {
            Path file = Files.createDirectories(Path.of("target", "scenarios")).resolve(name + "-confusion.md");
            Files.writeString(file, md);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the confusion table", e);
        }
    }
}
