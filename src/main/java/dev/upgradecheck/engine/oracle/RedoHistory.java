package dev.upgradecheck.engine.oracle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the redo stream from a baseline SCN up to the online logs can still be mined: per redo thread, every
 * log sequence from the one holding the baseline SCN to the oldest online one must have been archived
 * ({@code neverArchived} lists those V$ARCHIVED_LOG has no record of: archiving was off, or the record aged out of
 * the control file) and must still be on disk ({@code deleted}).
 */
record RedoHistory(List<String> neverArchived, List<String> deleted) {

    /** One V$ARCHIVED_LOG row; several rows per sequence when there are several archive destinations. */
    record ArchivedLog(int thread, long sequence, Scn first, Scn next, boolean available) {
    }

    boolean complete() {
        return neverArchived.isEmpty() && deleted.isEmpty();
    }

    static RedoHistory assess(Scn baseline, List<ArchivedLog> archived, List<RedoGroup.Online> online) {
        List<String> never = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Map<Integer, RedoGroup.Online> oldestOnline = new TreeMap<>();
        for (RedoGroup.Online log : online) {
            oldestOnline.merge(log.layout().thread(), log,
                    (a, b) -> a.sequence() <= b.sequence() ? a : b);
        }
        for (Map.Entry<Integer, RedoGroup.Online> entry : oldestOnline.entrySet()) {
            int thread = entry.getKey();
            RedoGroup.Online oldest = entry.getValue();
            if (oldest.firstScn() != null && oldest.firstScn().isAtOrBefore(baseline)) {
                continue; // the baseline position is still in the online logs
            }
            Map<Long, Boolean> availableBySequence = new TreeMap<>();
            Long start = null;
            for (ArchivedLog log : archived) {
                if (log.thread() != thread || log.next().isAtOrBefore(baseline)) {
                    continue;
                }
                availableBySequence.merge(log.sequence(), log.available(), Boolean::logicalOr);
                if (log.first().isAtOrBefore(baseline)) {
                    start = start == null ? log.sequence() : Math.min(start, log.sequence());
                }
            }
            if (start == null) {
                long firstKnown = availableBySequence.keySet().stream().min(Comparator.naturalOrder())
                        .orElse(oldest.sequence());
                never.add("thread " + thread + ": the log holding SCN " + baseline + " (before sequence "
                        + firstKnown + ")");
                start = firstKnown;
            }
            List<Long> missing = new ArrayList<>();
            List<Long> gone = new ArrayList<>();
            for (long sequence = start; sequence < oldest.sequence(); sequence++) {
                Boolean available = availableBySequence.get(sequence);
                if (available == null) {
                    missing.add(sequence);
                } else if (!available) {
                    gone.add(sequence);
                }
            }
            if (!missing.isEmpty()) {
                never.add("thread " + thread + " sequence " + ranges(missing));
            }
            if (!gone.isEmpty()) {
                deleted.add("thread " + thread + " sequence " + ranges(gone));
            }
        }
        return new RedoHistory(List.copyOf(never), List.copyOf(deleted));
    }

    /** 3,4,5,9 -> "3-5, 9". */
    static String ranges(List<Long> sorted) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(sorted.get(i));
            if (j > i) {
                out.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
