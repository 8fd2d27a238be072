package dev.upgradecheck.report;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.TableAdvice;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.check.Summary;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.reconcile.Reconciliation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Everything one command found about one source, ready for any reporter.
 * {@code target} names the source in a fleet run (null for a single source);
 * {@code advice} is set by snapshot-advice only, {@code reconciliation} by reconcile only; {@code address} is where
 * the source is (host/database, from its URL: never credentials), null when unknown.
 */
public record Report(String command, String engine, String target, ServerInfo server,
                     List<CheckResult> checks, SnapshotAdvice advice, FailOn failOn, String address,
                     Reconciliation reconciliation) {

    public Report {
        checks = List.copyOf(checks);
        failOn = failOn == null ? FailOn.FAIL : failOn;
    }

    public Report(String command, String engine, String target, ServerInfo server, List<CheckResult> checks,
                  SnapshotAdvice advice, FailOn failOn) {
        this(command, engine, target, server, checks, advice, failOn, null, null);
    }

    public Report withAddress(String value) {
        return new Report(command, engine, target, server, checks, advice, failOn, value, reconciliation);
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

    /** How a reporter names this source: the fleet's target name, else host/database, else nothing. */
    public String sourceName() {
        return target != null ? target : address;
    }

    /**
     * The same report with {@code mask} applied where a secret can appear: values that came from the user, the
     * server or a driver's message. Never to the tool's own words (command, engine, check ids and titles,
     * statuses), which a password that is a common word, such as {@code postgres}, would otherwise garble.
     */
    public Report masked(UnaryOperator<String> mask) {
        List<CheckResult> maskedChecks = checks.stream().map(c -> new CheckResult(c.id(), c.title(), c.status(),
                mask.apply(c.observed()), mask.apply(c.expected()), mask.apply(c.detail()),
                mask.apply(c.remedy()), c.elapsed())).toList();
        ServerInfo maskedServer = null;
        if (server != null) {
            LinkedHashMap<String, String> details = new LinkedHashMap<>();
            server.details().forEach((k, v) -> details.put(k, mask.apply(v)));
            maskedServer = new ServerInfo(mask.apply(server.product()), mask.apply(server.version()),
                    mask.apply(server.platform()), details);
        }
        SnapshotAdvice maskedAdvice = advice == null ? null : new SnapshotAdvice(advice.verdict(),
                advice.reasons().stream().map(mask).toList(),
                advice.tables().stream().map(t -> new TableAdvice(mask.apply(t.table()), t.verdict(),
                        t.reasons().stream().map(mask).toList())).toList(),
                advice.evidence().stream().map(mask).toList(),
                advice.next() == null ? null : mask.apply(advice.next()));
        // the address is built from the URL without its credentials: the password has no way into it
        return new Report(command, engine, mask.apply(target), maskedServer, maskedChecks, maskedAdvice, failOn,
                address, reconciliation);
    }
}
