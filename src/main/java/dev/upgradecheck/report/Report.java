package dev.upgradecheck.report;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.check.Summary;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.reconcile.Reconciliation;

import java.util.List;

/**
 * Everything one command found about one source, ready for any reporter.
 * {@code target} names the source in a fleet run (null for a single source);
 * {@code advice} is set by snapshot-advice only, {@code reconciliation} by reconcile only.
 */
public record Report(String command, String engine, String target, ServerInfo server,
                     List<CheckResult> checks, SnapshotAdvice advice, FailOn failOn, Reconciliation reconciliation) {

    public Report {
        checks = List.copyOf(checks);
        failOn = failOn == null ? FailOn.FAIL : failOn;
    }

    public Report(String command, String engine, String target, ServerInfo server, List<CheckResult> checks,
                  SnapshotAdvice advice, FailOn failOn) {
        this(command, engine, target, server, checks, advice, failOn, null);
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
