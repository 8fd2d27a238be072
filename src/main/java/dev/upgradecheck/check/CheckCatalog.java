package dev.upgradecheck.check;

import dev.upgradecheck.value.Closest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The ids a run can report, against which {@code --only}/{@code --skip} are judged: a pattern that selects no
 * real check would run nothing and exit 0, the worst outcome for a CI job. Renamed checks keep their former ids
 * ({@code formerIds}: former id to current id) for one release, so that scripts written against them still select
 * the same checks.
 */
public final class CheckCatalog {

    private final Set<String> ids;
    private final Map<String, String> formerIds;

    public CheckCatalog(Collection<String> ids) {
        this(ids, Map.of());
    }

    public CheckCatalog(Collection<String> ids, Map<String, String> formerIds) {
        this.ids = new TreeSet<>(ids);
        this.formerIds = Map.copyOf(formerIds);
    }

    /** The patterns of {@code --only} and {@code --skip} that match no id here, current or former, in the order given. */
    public List<String> unmatched(CheckSelection selection) {
        return Stream.concat(selection.only().stream(), selection.skip().stream())
                .filter(p -> ids.stream().noneMatch(id -> CheckSelection.matches(p, id)) && renamed(p).isEmpty())
                .distinct().toList();
    }

    /** The selection in current ids: each pattern that selects a former id also selects that check's current id. */
    public CheckSelection current(CheckSelection selection) {
        return new CheckSelection(current(selection.only()), current(selection.skip()));
    }

    /** The former ids among these patterns, each with the current ids it now stands for (for a note to the user). */
    public List<String> renamedPatterns(CheckSelection selection) {
        return Stream.concat(selection.only().stream(), selection.skip().stream())
                .filter(p -> ids.stream().noneMatch(id -> CheckSelection.matches(p, id)) && !renamed(p).isEmpty())
                .distinct().map(p -> p + " is now " + String.join(", ", renamed(p))).toList();
    }

    private List<String> current(List<String> patterns) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            if (ids.stream().anyMatch(id -> CheckSelection.matches(p, id))) {
                out.add(p);
            }
            out.addAll(renamed(p));
        }
        return new ArrayList<>(out);
    }

    /** The current ids of the renamed checks whose former id this pattern selects. */
    private Set<String> renamed(String pattern) {
        Set<String> current = new TreeSet<>();
        formerIds.forEach((former, now) -> {
            if (CheckSelection.matches(pattern, former)) {
                current.add(now);
            }
        });
        return current;
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
