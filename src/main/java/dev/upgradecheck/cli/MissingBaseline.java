package dev.upgradecheck.cli;

import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * verify without --baseline: one line per comparison with before the upgrade that it could not make, SKIP (WARN
 * under --fail-on warn), so that a green run never hides that half of verify did not happen.
 */
final class MissingBaseline {

    static final String REASON = "no --baseline given: nothing from before the upgrade to compare with";
    static final String REMEDY = "upgrade-check verify ... --baseline FILE (the file precheck --save-baseline "
            + "wrote before the upgrade)";

    private MissingBaseline() {
    }

    /** The results with each selected baseline comparison said to be missing (replacing an engine's own SKIP). */
    static List<CheckResult> mark(List<CheckResult> results, List<DeclaredCheck> declared, CheckSelection selection,
                                  FailOn failOn) {
        Set<String> comparisons = declared.stream().filter(DeclaredCheck::comparesWithBaseline)
                .map(DeclaredCheck::id).filter(selection::includes).collect(Collectors.toCollection(
                        java.util.LinkedHashSet::new));
        List<CheckResult> marked = new ArrayList<>();
        for (CheckResult r : results) {
            if (!(comparisons.contains(r.id()) && r.status() == Status.SKIP)) {
                marked.add(r);
            }
        }
        Outcome missing = failOn == FailOn.WARN
                ? Outcome.warn("no baseline", "--baseline FILE", REASON, REMEDY)
                : new Outcome(Status.SKIP, null, null, REASON, REMEDY);
        for (DeclaredCheck d : declared) {
            if (comparisons.contains(d.id()) && marked.stream().noneMatch(r -> r.id().equals(d.id()))) {
                marked.add(CheckResult.of(d.id(), d.title(), missing));
            }
        }
        return marked;
    }
}
