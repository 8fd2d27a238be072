package dev.upgradecheck.scenario;

import dev.upgradecheck.scenario.Change.Op;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scenario's record: every change it wrote to a captured table (the ground truth), the keys each table holds now
 * (so an update or delete picks a row that exists), what disrupted the window, and the numbered script of its steps,
 * so a failing chain reads as steps to reproduce by hand.
 */
final class Ledger {

    private final Set<Change> written = new TreeSet<>();
    private final Map<String, List<Integer>> rows = new LinkedHashMap<>();
    private final List<String> script = new ArrayList<>();
    private final Set<String> disruptions = new TreeSet<>();
    private Baseline baseline;
    private boolean readerReadSinceBaseline;

    /**
     * The last baseline taken: whether the tool had the reader's committed offset then and the reader was stopped,
     * and the changes already lost when it was taken (written, undelivered, and not delivered by a reader resumed at
     * that moment): the tool judges the window from the baseline on, and a baseline cannot show what was gone before.
     */
    record Baseline(boolean readerOffset, boolean readerStopped, Set<Change> alreadyLost) {
    }

    Ledger(List<String> tables) {
        tables.forEach(t -> rows.put(t, new ArrayList<>()));
    }

    boolean hasRows(String table) {
        return !rows.get(table).isEmpty();
    }

    void inserted(String table, int key) {
        rows.get(table).add(key);
        written.add(new Change(table, String.valueOf(key), Op.INSERT));
    }

    /** The key of the row {@code pick} chooses (by position, so a step shrinks), recorded as updated. */
    int updated(String table, int pick) {
        int key = pickRow(table, pick);
        written.add(new Change(table, String.valueOf(key), Op.UPDATE));
        return key;
    }

    /** The key of the row {@code pick} chooses, recorded as deleted. */
    int deleted(String table, int pick) {
        int key = pickRow(table, pick);
        rows.get(table).remove(Integer.valueOf(key));
        written.add(new Change(table, String.valueOf(key), Op.DELETE));
        return key;
    }

    void truncated(String table) {
        rows.get(table).clear();
        written.add(new Change(table, Change.WHOLE_TABLE, Op.TRUNCATE));
    }

    private int pickRow(String table, int pick) {
        List<Integer> keys = rows.get(table);
        return keys.get(Math.floorMod(pick, keys.size()));
    }

    /** Every change written so far (a live view: a reader waits for it to be delivered). */
    Set<Change> written() {
        return Collections.unmodifiableSet(written);
    }

    void baselineTaken(Baseline taken) {
        baseline = taken;
        readerReadSinceBaseline = false;
    }

    void readerRead() {
        readerReadSinceBaseline = true;
    }

    boolean withBaseline() {
        return baseline != null;
    }

    /** Changes already lost when the last baseline was taken (none without one: then the whole run is judged). */
    Set<Change> lostBeforeBaseline() {
        return baseline == null ? Set.of() : baseline.alreadyLost();
    }

    /**
     * The runbook's window: a baseline with the reader's offset, taken with the reader stopped, and the reader kept
     * stopped until the verdict. Only there can a slot's unchanged position prove continuity; elsewhere the evidence
     * rule leaves RECOMMENDED by design, so precision is read apart for these windows.
     */
    boolean runbookWindow() {
        return baseline != null && baseline.readerOffset() && baseline.readerStopped() && !readerReadSinceBaseline;
    }

    void disrupted(String what) {
        disruptions.add(what);
    }

    void log(String step) {
        script.add((script.size() + 1) + ". " + step);
    }

    List<String> script() {
        return List.copyOf(script);
    }

    String scenarioClass() {
        return (baseline != null ? "baseline" : "no baseline") + ", "
                + (disruptions.isEmpty() ? "writes only" : String.join(" + ", disruptions));
    }
}
