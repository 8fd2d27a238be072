package dev.upgradecheck.reconcile;

import java.util.List;

/**
 * What a key comparison found: spans of keys missing at the destination, present only there, present on both
 * sides with different content; rows changed after --as-of (in flight, not gaps); ranges left unnarrowed when
 * --max-queries ran out.
 */
record Differences(List<KeySpan> missing, List<KeySpan> extra, List<KeySpan> changed, long inFlight,
                   List<String> unresolved) {

    static final Differences NONE = new Differences(List.of(), List.of(), List.of(), 0, List.of());

    static long rows(List<KeySpan> spans) {
        return spans.stream().mapToLong(KeySpan::rows).sum();
    }
}
