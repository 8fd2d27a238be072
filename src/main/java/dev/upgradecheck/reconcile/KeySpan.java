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

    @Override
    public int compareTo(KeySpan other) {
        return firstKey.compareTo(other.firstKey);
    }

    @Override
    public String toString() {
        return firstKey.equals(lastKey) ? first() : first() + ".." + last();
    }
}
