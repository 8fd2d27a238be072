package dev.upgradecheck.reconcile;

import java.util.ArrayList;
import java.util.List;

/** Rows found on one side only: one key, or for an integer key a run {@code first..last} holding {@code rows}. */
public record KeySpan(Key firstKey, Key lastKey, long rows) implements Comparable<KeySpan> {

    public String first() {
        return firstKey.toString();
    }

    public String last() {
        return lastKey.toString();
    }

    /** Sorted keys as spans: consecutive integers join into one run, anything else stands alone. */
    static List<KeySpan> compress(List<Key> sorted, boolean integer) {
        List<KeySpan> spans = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (integer && j + 1 < sorted.size() && sorted.get(j + 1).integer() == sorted.get(j).integer() + 1) {
                j++;
            }
            spans.add(new KeySpan(sorted.get(i), sorted.get(j), j - i + 1L));
            i = j + 1;
        }
        return spans;
    }

    /**
     * The spans in key order, integer runs that meet (one's last key and the next one's first consecutive) joined
     * into one: a run of missing keys across bucket boundaries is found bucket by bucket, and is still one run.
     */
    static List<KeySpan> joined(List<KeySpan> spans, boolean integer) {
        List<KeySpan> sorted = new ArrayList<>(spans);
        sorted.sort(null);
        List<KeySpan> joined = new ArrayList<>();
        for (KeySpan span : sorted) {
            KeySpan last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (integer && last != null && last.lastKey.integer() + 1 == span.firstKey.integer()) {
                joined.set(joined.size() - 1, new KeySpan(last.firstKey, span.lastKey, last.rows + span.rows));
            } else {
                joined.add(span);
            }
        }
        return joined;
    }

    @Override
    public int compareTo(KeySpan other) {
        return firstKey.compareTo(other.firstKey);
    }

    @Override
    public String toString() {
        return firstKey.equals(lastKey) ? first() : first() + ".." + last();
    }
}
