package dev.upgradecheck.reconcile;

import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every table's reconciliation; the overall verdict is the worst table's. */
public record Reconciliation(List<TableReconciliation> tables) {

    public Reconciliation {
        tables = List.copyOf(tables);
    }

    /**
     * One checklist line per table, so every report format (and the exit code) shows the verdicts: IN_SYNC
     * passes, a gap fails, UNKNOWN is an error.
     */
    public List<CheckResult> checks() {
        List<CheckResult> checks = new ArrayList<>();
        for (TableReconciliation t : tables) {
            String observed = t.sourceRows() == null && t.destinationRows() == null ? null
                    : (t.estimated() ? "about " : "") + "source " + count(t.sourceRows()) + " rows, destination "
                    + count(t.destinationRows()) + " rows";
            List<String> detail = new ArrayList<>();
            detail.add(t.verdict() + " (compared: " + t.comparedBy() + ")");
            detail.addAll(t.spanLines(20));
            detail.addAll(t.notes());
            String text = String.join("\n", detail);
            Outcome outcome = switch (t.verdict()) {
                case IN_SYNC -> Outcome.pass(observed, text);
                case MISSING_ROWS, EXTRA_ROWS -> Outcome.fail(observed, "the same rows on both sides", text,
                        t.resnapshot());
                case UNKNOWN -> new Outcome(Status.ERROR, observed, null, text, null);
            };
            checks.add(CheckResult.of("reconcile." + t.source(), t.source() + " -> " + t.destination(), outcome));
        }
        return checks;
    }

    private static String count(Long rows) {
        return rows == null ? "?" : rows.toString();
    }

    public TableVerdict verdict() {
        return tables.stream().map(TableReconciliation::verdict).max(Comparator.naturalOrder())
                .orElse(TableVerdict.UNKNOWN);
    }
}
