package dev.upgradecheck.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A check an engine can report, declared up front: what {@code --only}/{@code --skip} are judged against (its id,
 * and for one release the id it had before, {@code formerId}, null if none), and what {@code verify} says it left
 * out when no baseline was given ({@code comparesWithBaseline}).
 */
public record DeclaredCheck(String id, String title, boolean comparesWithBaseline, String formerId) {

    /** An engine's declaration: its live checks (precheck, verify) and the ones that compare with a baseline. */
    public static List<DeclaredCheck> of(List<? extends Check<?>> live, List<? extends Check<?>> baseline) {
        Map<String, DeclaredCheck> byId = new LinkedHashMap<>();
        live.forEach(c -> byId.putIfAbsent(c.id(), new DeclaredCheck(c.id(), c.title(), false, c.formerId())));
        baseline.forEach(c -> byId.put(c.id(), new DeclaredCheck(c.id(), c.title(), true, c.formerId())));
        return new ArrayList<>(byId.values());
    }
}
