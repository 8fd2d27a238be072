package dev.upgradecheck.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ids a run can report, against which {@code --only}/{@code --skip} are judged: a pattern that selects no
 * real check would run nothing and exit 0, the worst outcome for a CI job.
 */
public final class CheckCatalog {

    private final Set<String> ids;

    public CheckCatalog(Collection<String> ids) {
        this.ids = new TreeSet<>(ids);
    }

    /** The patterns of {@code --only} and {@code --skip} that match no id here, in the order given. */
    public List<String> unmatched(CheckSelection selection) {
        return java.util.stream.Stream.concat(selection.only().stream(), selection.skip().stream())
                .filter(p -> ids.stream().noneMatch(id -> CheckSelection.matches(p, id)))
                .distinct().toList();
    }

    /** Up to {@code limit} real ids or id prefixes nearest to a mistyped pattern (fewest edits first). */
    public List<String> closest(String pattern, int limit) {
        Set<String> candidates = new TreeSet<>();
        for (String id : ids) {
            for (int dot = id.indexOf('.'); dot > 0; dot = id.indexOf('.', dot + 1)) {
                candidates.add(id.substring(0, dot));
            }
            candidates.add(id);
        }
        String typed = pattern.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> editDistance(typed, c)).thenComparing(c -> c))
                .limit(limit).toList();
    }

    /** Levenshtein distance, with '-' and '_' counted as the same character (a common slip in ids). */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = same(a.charAt(i - 1), b.charAt(j - 1)) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean same(char x, char y) {
        return x == y || (x == '-' || x == '_') && (y == '-' || y == '_');
    }
}
