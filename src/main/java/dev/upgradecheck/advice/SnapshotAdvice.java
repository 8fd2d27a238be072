package dev.upgradecheck.advice;

import dev.upgradecheck.plan.ShellWord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code snapshot-advice}: an overall verdict, per-table verdicts, the reasons (rules that fired)
 * behind each, and the evidence of continuity the verdict rests on. Built with {@link Builder}, which enforces
 * the evidence rule: NOT_NEEDED only where some positive evidence of continuity was recorded.
 *
 * @param evidence what proves the reader's stream is continuous (empty when nothing does)
 * @param next     what would settle a RECOMMENDED without a re-snapshot (null when nothing is said)
 */
public record SnapshotAdvice(Verdict verdict, List<String> reasons, List<TableAdvice> tables, List<String> evidence,
                             String next) {

    /** Said when no rule recorded evidence and none said what was missing. */
    static final String NO_EVIDENCE = "no positive evidence of continuity: nothing shows that the reader's own "
            + "committed position covers every change (save a baseline with precheck --save-baseline before the "
            + "upgrade, prove the drain with upgrade-check drain, or give --connect-url (or --debezium-config) so the connector's offset "
            + "is compared with the source)";

    public SnapshotAdvice {
        reasons = List.copyOf(reasons);
        tables = List.copyOf(tables);
        evidence = List.copyOf(evidence);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * For a source whose tables reconcile can read: a RECOMMENDED says evidence is missing, not that a change was
     * lost, and comparing the destination with the source settles it table by table, for far less than a
     * re-snapshot of a large table costs.
     */
    public SnapshotAdvice settledByReconcile() {
        if (verdict != Verdict.RECOMMENDED) {
            return this;
        }
        List<String> open = tables.stream().filter(t -> t.verdict() == Verdict.RECOMMENDED).map(TableAdvice::table)
                .toList();
        String named = open.isEmpty() ? "<the captured tables>" : ShellWord.quote(String.join(",", open));
        return new SnapshotAdvice(verdict, reasons, tables, evidence, "RECOMMENDED means continuity is not proven, "
                + "not that a change was lost. To settle it without a re-snapshot, compare the destination with the "
                + "source: upgrade-check reconcile --keys --tables " + named + ", with this command's connection "
                + "options and the destination's --dest-url. A table IN_SYNC there holds the source's rows as they "
                + "are now (a consumer of the change events themselves still missed any event that was lost); a "
                + "table still not IN_SYNC once the connector has caught up needs its snapshot.");
    }

    public static final class Builder {
        private Verdict overall = Verdict.NOT_NEEDED;
        private final List<String> reasons = new ArrayList<>();
        private final List<String> evidence = new ArrayList<>();
        private final List<String> missing = new ArrayList<>();
        private final Map<String, Verdict> tableVerdicts = new LinkedHashMap<>();
        private final Map<String, List<String>> tableReasons = new LinkedHashMap<>();

        /** A rule that concerns the whole source (or a source without a table list). */
        public Builder overall(Verdict verdict, String reason) {
            overall = overall.strongest(verdict);
            reasons.add(reason);
            return this;
        }

        /** A rule that fired for one table; the overall verdict follows the strongest table verdict. */
        public Builder table(String table, Verdict verdict, String reason) {
            tableVerdicts.merge(table, verdict, Verdict::strongest);
            tableReasons.computeIfAbsent(table, t -> new ArrayList<>()).add(reason);
            overall = overall.strongest(verdict);
            return this;
        }

        /** A table that no rule fired for: listed as NOT_NEEDED so the answer names every table. */
        public Builder tableUnaffected(String table, String reason) {
            if (!tableVerdicts.containsKey(table)) {
                tableVerdicts.put(table, Verdict.NOT_NEEDED);
                tableReasons.computeIfAbsent(table, t -> new ArrayList<>()).add(reason);
            }
            return this;
        }

        /**
         * Positive evidence that the reader can resume without a gap: its own committed position covers every
         * change, or nothing was written since a position proven to be its final one. Only with some such
         * evidence can {@link #build()} answer NOT_NEEDED.
         */
        public Builder continuity(String proof) {
            evidence.add(proof);
            return this;
        }

        /** What would prove continuity and how to get it; said instead of the generic text when none was found. */
        public Builder missingEvidence(String whatAndHow) {
            missing.add(whatAndHow);
            return this;
        }

        /** The advice; a NOT_NEEDED without recorded evidence becomes RECOMMENDED, naming what is missing. */
        public SnapshotAdvice build() {
            Verdict verdict = overall;
            List<String> why = new ArrayList<>(reasons);
            Map<String, Verdict> verdicts = new LinkedHashMap<>(tableVerdicts);
            Map<String, List<String>> tableWhy = new LinkedHashMap<>();
            tableReasons.forEach((t, r) -> tableWhy.put(t, new ArrayList<>(r)));
            if (evidence.isEmpty()) {
                List<String> gaps = missing.isEmpty() ? List.of(NO_EVIDENCE) : missing;
                if (verdict == Verdict.NOT_NEEDED) {
                    verdict = Verdict.RECOMMENDED;
                    why.addAll(gaps);
                }
                verdicts.replaceAll((t, v) -> {
                    if (v != Verdict.NOT_NEEDED) {
                        return v;
                    }
                    tableWhy.get(t).addAll(gaps);
                    return Verdict.RECOMMENDED;
                });
            }
            List<TableAdvice> tables = new ArrayList<>();
            verdicts.forEach((t, v) -> tables.add(new TableAdvice(t, v, tableWhy.get(t))));
            return new SnapshotAdvice(verdict, why, tables, evidence, null);
        }
    }
}
