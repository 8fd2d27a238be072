package dev.upgradecheck.check;

import dev.upgradecheck.value.Closest;

import java.util.Collection;
import java.util.List;
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
        return Closest.to(pattern, candidates, limit, Integer.MAX_VALUE);
    }
}
