package dev.upgradecheck.reconcile;

import java.util.List;

/**
 * One source table against its destination table.
 *
 * @param sourceRows      rows at the source (after --as-of nothing is left out: in-flight rows are counted)
 * @param destinationRows rows at the destination after --dest-filter
 * @param key             the source's primary-key columns (empty when compared by counts)
 * @param estimated       whether the counts are statistics (--estimate), not exact
 * @param comparedBy      what was compared: counts, keys, or keys and columns
 * @param notes           why the comparison is shaped so (no primary key, different databases, ...)
 * @param missing         keys at the source that the destination lacks
 * @param extra           keys at the destination that the source lacks
 * @param changed         keys on both sides whose row content differs (same database kind only)
 * @param inFlight        rows changed after --as-of: not counted as gaps
 * @param unresolved      ranges that still differed when --max-queries ran out
 * @param resnapshot      the signal that re-snapshots just the missing and changed keys, or null
 */
public record TableReconciliation(String source, String destination, List<String> key, Long sourceRows,
                                  Long destinationRows,
                                  boolean estimated, TableVerdict verdict, String comparedBy, List<String> notes,
                                  List<KeySpan> missing, List<KeySpan> extra, List<KeySpan> changed, long inFlight,
                                  List<String> unresolved, ReadCost sourceCost, ReadCost destinationCost,
                                  String resnapshot) {

    public TableReconciliation {
        key = List.copyOf(key);
        notes = List.copyOf(notes);
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        changed = List.copyOf(changed);
        unresolved = List.copyOf(unresolved);
    }

    /** A table that could not be compared: the reason is the one note. */
    static TableReconciliation unknown(String source, String destination, String reason, ReadCost s, ReadCost d) {
        return new TableReconciliation(source, destination, List.of(), null, null, false, TableVerdict.UNKNOWN, "nothing",
                List.of(reason), List.of(), List.of(), List.of(), 0, List.of(), s, d, null);
    }

    /** One line per span, as a DBA reads it: {@code public.orders id 1051..1070: 20 rows missing at destination}. */
    public List<String> spanLines(int max) {
        List<String> lines = new java.util.ArrayList<>();
        String keyName = key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")";
        addLines(lines, missing, keyName, "missing at destination");
        addLines(lines, changed, keyName, "differing at destination");
        addLines(lines, extra, keyName, "only at destination");
        unresolved.forEach(r -> lines.add(source + " " + keyName + " " + r + ": differs, not narrowed"));
        if (lines.size() > max) {
            int more = lines.size() - max;
            lines.subList(max, lines.size()).clear();
            lines.add("... and " + more + " more (the JSON report lists them all)");
        }
        return lines;
    }

    private void addLines(List<String> lines, List<KeySpan> spans, String keyName, String what) {
        for (KeySpan span : spans) {
            lines.add(source + " " + keyName + " " + span + ": " + span.rows() + (span.rows() == 1 ? " row " : " rows ")
                    + what);
        }
    }

    public long missingRows() {
        return Differences.rows(missing);
    }

    public long extraRows() {
        return Differences.rows(extra);
    }

    public long changedRows() {
        return Differences.rows(changed);
    }
}
