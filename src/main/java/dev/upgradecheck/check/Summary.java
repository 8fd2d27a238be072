package dev.upgradecheck.check;

import java.util.List;

/** Counts of each status, in the order the JSON report names them. */
public record Summary(int pass, int warn, int fail, int error, int skip) {

    public static Summary of(List<CheckResult> results) {
        int[] counts = new int[Status.values().length];
        results.forEach(r -> counts[r.status().ordinal()]++);
        return new Summary(counts[Status.PASS.ordinal()], counts[Status.WARN.ordinal()],
                counts[Status.FAIL.ordinal()], counts[Status.ERROR.ordinal()], counts[Status.SKIP.ordinal()]);
    }
}
