package dev.upgradecheck.check;

import java.util.List;

/**
 * {@code --only} and {@code --skip}: check ids or id prefixes ({@code pg.slot} selects {@code pg.slot.active}).
 * A prefix matches a whole id segment, so {@code pg.slot} does not select {@code pg.slots_capacity}.
 */
public record CheckSelection(List<String> only, List<String> skip) {

    public static final CheckSelection ALL = new CheckSelection(List.of(), List.of());

    public CheckSelection {
        only = only == null ? List.of() : List.copyOf(only);
        skip = skip == null ? List.of() : List.copyOf(skip);
    }

    public boolean includes(String checkId) {
        boolean selected = only.isEmpty() || only.stream().anyMatch(p -> matches(p, checkId));
        return selected && skip.stream().noneMatch(p -> matches(p, checkId));
    }

    static boolean matches(String pattern, String id) {
        return id.equals(pattern) || id.startsWith(pattern.endsWith(".") ? pattern : pattern + ".");
    }
}
