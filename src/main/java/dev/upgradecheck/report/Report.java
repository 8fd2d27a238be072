package dev.upgradecheck.report;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.check.Summary;
import dev.upgradecheck.engine.ServerInfo;

import java.util.List;

/**
 * Everything one command found about one source, ready for any reporter.
 * {@code target} names the source in a fleet run (null for a single source);
 * {@code advice} is set by snapshot-advice only.
 */
public record Report(String command, String engine, String target, ServerInfo server,
                     List<CheckResult> checks, SnapshotAdvice advice, FailOn failOn) {

    public Report {
        checks = List.copyOf(checks);
        failOn = failOn == null ? FailOn.FAIL : failOn;
    }

    public Summary summary() {
        return Summary.of(checks);
    }

    /** Whether this report should make the command exit 1. */
    public boolean failed() {
        boolean checkFailed = checks.stream().anyMatch(c -> c.status().fails(failOn));
        boolean snapshotNeeded = advice != null && advice.verdict() != dev.upgradecheck.advice.Verdict.NOT_NEEDED;
        return checkFailed || snapshotNeeded;
    }
}
