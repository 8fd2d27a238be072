package dev.upgradecheck.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.testing.CliRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scenario's verdicts beside its ground truth, and the properties they must satisfy: soundness (never NOT_NEEDED
 * when the reader lost or corrupted a change), coverage (every table with a lost change named REQUIRED or
 * RECOMMENDED) and {@code verify --baseline} exiting 1 whenever the reader cannot resume without a gap.
 *
 * @param lost       changes written to a captured table that the reader never delivered, lost in the judged window
 * @param lostBefore changes the reader never delivered that were already lost when the baseline was taken: outside
 *                   the window the tool judges (a baseline taken after a loss cannot show it), counted apart
 * @param foreign    changes the reader delivered that the scenario never wrote (corruption)
 * @param refusal why the reader could not resume after the window, or null when it did
 * @param reasons snapshot-advice's reasons for its verdict
 */
record Judgement(String scenarioClass, List<String> script, boolean withBaseline, boolean runbookWindow,
                 int verifyExit, String verdict, Map<String, String> tableVerdicts, Set<Change> lost,
                 Set<Change> lostBefore, Set<Change> foreign, String refusal, List<String> reasons) {

    enum Truth { NO_LOSS, LOSS_BEFORE_BASELINE, LOSS, CANNOT_RESUME }

    /** The scenario's ledger (class, script, what it wrote) against the verdicts and what the reader delivered. */
    static Judgement of(Ledger ledger, CliRun.Result verify, CliRun.Result advice, Set<Change> delivered,
                        String refusal) {
        if (verify.exitCode() > 1 || advice.exitCode() > 1) {
            throw new IllegalStateException("the tool could not judge the scenario:\n" + verify + "\n" + advice);
        }
        JsonNode report = advice.json();
        Map<String, String> tables = new LinkedHashMap<>();
        report.path("tables").forEach(t -> tables.put(t.path("table").asText(), t.path("verdict").asText()));
        Set<Change> lost = new TreeSet<>(ledger.written());
        lost.removeAll(delivered);
        Set<Change> lostBefore = new TreeSet<>(lost);
        lostBefore.retainAll(ledger.lostBeforeBaseline());
        lost.removeAll(lostBefore);
        Set<Change> foreign = new TreeSet<>(delivered);
        foreign.removeAll(ledger.written());
        List<String> reasons = new ArrayList<>();
        report.path("reasons").forEach(r -> reasons.add(r.asText()));
        return new Judgement(ledger.scenarioClass(), ledger.script(), ledger.withBaseline(), ledger.runbookWindow(),
                verify.exitCode(), report.path("verdict").asText("none"), tables, lost, lostBefore, foreign, refusal,
                List.copyOf(reasons));
    }

    Truth truth() {
        if (refusal != null) {
            return Truth.CANNOT_RESUME;
        }
        if (!lost.isEmpty() || !foreign.isEmpty()) {
            return Truth.LOSS;
        }
        return lostBefore.isEmpty() ? Truth.NO_LOSS : Truth.LOSS_BEFORE_BASELINE;
    }

    boolean allClear() {
        return "NOT_NEEDED".equals(verdict);
    }

    /** Every property this scenario breaks, one line each; empty when the verdicts were right. */
    List<String> violations() {
        List<String> broken = new ArrayList<>();
        if (truth() == Truth.NO_LOSS || truth() == Truth.LOSS_BEFORE_BASELINE) {
            return broken;
        }
        if (allClear()) {
            broken.add("soundness: NOT_NEEDED although " + what());
        }
        Set<String> damaged = new TreeSet<>();
        lost.forEach(c -> damaged.add(c.table()));
        foreign.forEach(c -> damaged.add(c.table()));
        for (String table : damaged) {
            String v = tableVerdicts.getOrDefault(table, verdict);
            if (!"REQUIRED".equals(v) && !"RECOMMENDED".equals(v)) {
                broken.add("coverage: " + table + " lost changes but its verdict is " + v);
            }
        }
        if (withBaseline && verifyExit != 1) {
            broken.add("verify --baseline: exit " + verifyExit + " although the reader cannot resume without a gap (" + what() + ")");
        }
        return broken;
    }

    private String what() {
        if (refusal != null) {
            return "the reader could not resume: " + refusal;
        }
        return (lost.isEmpty() ? "" : "the reader lost " + lost)
                + (lostBefore.isEmpty() ? "" : " lost before the baseline " + lostBefore)
                + (foreign.isEmpty() ? "" : " delivered changes never written " + foreign);
    }

    /** The failing scenario as a script a person can replay, with what the tool said and what the reader saw. */
    String report() {
        return String.join("\n", script) + "\nverdict " + verdict + " " + tableVerdicts + ", verify exit " + verifyExit
                + "\nreasons: " + String.join("; ", reasons)
                + "\nground truth: " + truth() + (truth() == Truth.NO_LOSS ? "" : ": " + what())
                + "\n" + String.join("\n", violations());
    }
}
