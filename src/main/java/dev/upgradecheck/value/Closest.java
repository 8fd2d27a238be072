package dev.upgradecheck.value;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The words nearest to a mistyped one (fewest edits), for "did you mean ...?" answers. */
public final class Closest {

    private Closest() {
    }

    /** Up to {@code limit} candidates at most {@code maxEdits} edits from {@code typed}, nearest first. */
    public static List<String> to(String typed, Collection<String> candidates, int limit, int maxEdits) {
        String lower = typed.toLowerCase(Locale.ROOT);
        return candidates.stream().distinct()
                .filter(c -> editDistance(lower, c.toLowerCase(Locale.ROOT)) <= maxEdits)
                .sorted(Comparator.comparingInt((String c) -> editDistance(lower, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(c -> c))
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
