package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.Step;
import dev.upgradecheck.plan.Step.Phase;
import dev.upgradecheck.plan.Step.ReaderAction;

import java.util.ArrayList;
import java.util.List;

/**
 * The MongoDB upgrade runbook: a rolling replica-set upgrade (secondaries first, then step the primary down), the FCV
 * before and after, and when the CDC source must stop (a major series change may invalidate its resume token).
 */
final class MongoRunbook {

    private static final String BASELINE = "mongodb-baseline.json";
    private static final String CURRENT = "<current series>";
    private static final String TARGET = "<target series>";

    private MongoRunbook() {
    }

    static Runbook plan(PlanRequest request) {
        ReleaseSeries from = request.fromVersion() == null ? null : ReleaseSeries.of(request.fromVersion());
        ReleaseSeries to = request.toVersion() == null ? null : ReleaseSeries.of(request.toVersion());
        boolean atlas = request.platform() == Platform.ATLAS;
        boolean major = from == null || to == null || !from.equals(to);
        List<String> notes = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (!atlas && request.platform() != Platform.SELF_HOSTED) {
            notes.add("platform '" + request.platform().id() + "' does not host MongoDB: the self-managed steps follow");
        }
        // binaries of series N+1 start only on FCV N: a jump goes through every series, its FCV raised in between
        List<ReleaseSeries> hops = from != null && to != null && to.compareTo(from) > 0 && !atlas
                ? from.pathTo(to) : List.of();
        if (hops.size() > 1) {
            notes.add("MongoDB upgrades one major series at a time: " + from + " -> "
                    + String.join(" -> ", hops.stream().map(String::valueOf).toList())
                    + ". The steps go through each series in turn; the CDC source stays stopped, and the oplog "
                    + "must keep its position, for the whole sequence.");
        }
        notes.add("Sharded cluster: stop the balancer (sh.stopBalancer()), upgrade the config server replica set, then "
                + "each shard's replica set as below, then every mongos; sh.startBalancer() at the end.");
        if (atlas) {
            notes.add("Atlas upgrades the replica set itself in a rolling fashion (secondaries first, then a primary "
                    + "election); the checks and the CDC steps still apply.");
        }
        String fromFcv = from == null ? CURRENT : from.toString();
        String toFcv = to == null ? TARGET : to.toString();
        String firstInstalled = hops.isEmpty() ? toFcv : hops.get(0).toString();

        steps.add(Step.of(Phase.BEFORE, "Check the CDC prerequisites and record the pipeline position",
                "Topology, member health and lag, oplog window against the upgrade window, FCV, CDC user, change "
                        + "streams; --save-baseline records a resume token per captured scope for verify.",
                "upgrade-check precheck --engine mongodb " + request.source().options() + " --window 2h"
                        + (to == null ? "" : " --target-version " + toFcv) + " --save-baseline " + BASELINE));
        steps.add(Step.of(Phase.BEFORE, "Confirm the feature compatibility version equals the running series",
                "The " + firstInstalled + " binaries start only on FCV " + fromFcv + ".",
                "db.adminCommand({getParameter: 1, featureCompatibilityVersion: 1})", setFcv(from, CURRENT)));
        steps.add(Step.of(Phase.BEFORE, "Make sure the oplog outlasts the upgrade",
                "A stopped pipeline resumes only while its position is still in the oplog (window plus a buffer).",
                "rs.printReplicationInfo()",
                "db.adminCommand({replSetResizeOplog: 1, minRetentionHours: 24})  // 4.4+, on each member"));
        if (major) {
            steps.add(Step.of(Phase.BEFORE, "Let the CDC source catch up, then stop it",
                    "A major series change may change the oplog format and invalidate the resume token. Stop the "
                            + "source once it has captured every pending event, before the primary steps down; keep it "
                            + "stopped until verify says its token resumes.").as(ReaderAction.STOP));
        } else {
            steps.add(Step.of(Phase.BEFORE, "Keep the CDC source running",
                    "A patch upgrade within " + fromFcv + " keeps the resume token format; the source reconnects to "
                            + "the new primary after the step-down."));
        }
        if (atlas) {
            steps.add(Step.of(Phase.UPGRADE, "Start the upgrade in Atlas",
                    "Cluster -> Edit Configuration -> MongoDB version " + toFcv + " (or the Admin API). Atlas restarts "
                            + "secondaries one at a time and triggers the primary election itself."));
        } else if (hops.size() > 1) {
            for (int i = 0; i < hops.size(); i++) {
                rollingUpgrade(steps, hops.get(i).toString(), " to " + hops.get(i));
                if (i + 1 < hops.size()) {
                    steps.add(Step.of(Phase.UPGRADE, "Raise the feature compatibility version to " + hops.get(i),
                            "The " + hops.get(i + 1) + " binaries start only on FCV " + hops.get(i)
                                    + ": raise it once every member runs " + hops.get(i) + ".",
                            Shell.setFcv(hops.get(i).toString())));
                }
            }
        } else {
            rollingUpgrade(steps, toFcv, "");
        }
        steps.add(Step.of(Phase.AFTER, "Verify the pipeline can resume",
                "Re-runs the checks and opens each baseline token with resumeAfter; ChangeStreamHistoryLost (286) or "
                        + "any refusal means the token is invalid.",
                "upgrade-check verify --engine mongodb " + request.source().options() + " --baseline " + BASELINE
                        + (to == null ? "" : " --target-version " + toFcv)));
        steps.add(Step.of(Phase.AFTER, "Resume the CDC source, or re-snapshot",
                "Resume the source when its token resumes; when it does not, restart it from now and re-snapshot "
                        + "the captured collections.",
                "upgrade-check snapshot-advice --engine mongodb " + request.source().options() + " --baseline " + BASELINE)
                .as(ReaderAction.RESUME));
        steps.add(Step.of(Phase.AFTER, "Raise the feature compatibility version",
                (atlas ? "Atlas raises the FCV itself unless you pinned it. " : "")
                        + "Raise it once the new version has run long enough that you will not downgrade: "
                        + "from 7.0 on the command needs confirm: true.",
                setFcv(to, TARGET)));
        return new Runbook("mongodb", "MongoDB " + (from == null ? "" : from + " ") + "to " + (to == null ? "a new version" : toFcv)
                + (atlas ? " on Atlas" : ""), notes, steps);
    }

    private static void rollingUpgrade(List<Step> steps, String series, String label) {
        steps.add(Step.of(Phase.UPGRADE, "Upgrade the secondaries" + label + ", one at a time",
                "On each secondary: shut it down, install the " + series + " binaries, start it with the same "
                        + "configuration, and wait until rs.status() shows it SECONDARY with no lag before the next.",
                "db.adminCommand({shutdown: 1})", "rs.status()", "rs.printSecondaryReplicationInfo()"));
        steps.add(Step.of(Phase.UPGRADE, "Step the primary down, then upgrade it" + label,
                "An upgraded secondary is elected; upgrade the old primary like a secondary.",
                "rs.stepDown()", "db.adminCommand({shutdown: 1})", "rs.status()"));
    }

    /** Without a known series the statement keeps a placeholder: a guessed FCV could be a downgrade. */
    private static String setFcv(ReleaseSeries series, String placeholder) {
        return series == null
                ? "db.adminCommand({setFeatureCompatibilityVersion: " + Shell.str(placeholder) + "})  // confirm: true from 7.0"
                : Shell.setFcv(series.toString());
    }
}
