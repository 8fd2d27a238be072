package dev.upgradecheck.advice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code snapshot-advice}: an overall verdict, per-table verdicts, and the reasons
 * (rules that fired) behind each. Built with {@link Builder} so that the overall verdict is always
 * the strongest one any rule gave.
 */
public record SnapshotAdvice(Verdict verdict, List<String> reasons, List<TableAdvice> tables) {

    public SnapshotAdvice {
        reasons = List.copyOf(reasons);
        tables = List.copyOf(tables);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Verdict overall = Verdict.NOT_NEEDED;
        private final List<String> reasons = new ArrayList<>();
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

        public SnapshotAdvice build() {
            List<TableAdvice> tables = new ArrayList<>();
            tableVerdicts.forEach((t, v) -> tables.add(new TableAdvice(t, v, tableReasons.get(t))));
            return new SnapshotAdvice(overall, reasons, tables);
        }
    }
}
