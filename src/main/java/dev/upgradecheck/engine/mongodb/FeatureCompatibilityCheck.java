package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.util.List;

/**
 * Binaries of the next major start only when the FCV equals the running series; after the upgrade the FCV stays
 * at the old series until raised, which keeps new features (and new oplog entry formats) off and a downgrade open.
 */
final class FeatureCompatibilityCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.fcv",
            "Feature compatibility version fits the running and target versions", FeatureCompatibilityCheck::evaluate);

    /** 3.4+; needs clusterMonitor (getParameter). */
    static final String COMMAND = """
            { getParameter: 1, featureCompatibilityVersion: 1 }
            """;

    private FeatureCompatibilityCheck() {
    }

    static FeatureCompatibility read(MongoContext ctx) {
        return ctx.once("fcv", () -> FeatureCompatibility.from(ctx.run("admin", COMMAND, "clusterMonitor", "admin")));
    }

    static Outcome evaluate(MongoContext ctx) {
        FeatureCompatibility fcv = read(ctx);
        ReleaseSeries running = ReleaseSeries.of(ctx.version());
        ReleaseSeries target = ctx.options().targetVersion() == null ? null : ReleaseSeries.of(ctx.options().targetVersion());
        String observed = "FCV " + fcv + ", running " + ctx.version();
        String atlasNote = ctx.atlas() ? "on Atlas the FCV follows the cluster version unless you pinned it; otherwise: " : "";
        if (fcv.inTransition()) {
            String to = fcv.targetVersion() != null ? fcv.targetVersion() : fcv.version();
            return Outcome.fail(observed, "FCV " + running, "a setFeatureCompatibilityVersion did not finish; "
                    + "the set is between two feature sets", atlasNote + Shell.setFcv(to));
        }
        int cmp = fcv.series().compareTo(running);
        if (cmp > 0) {
            return Outcome.fail(observed, "FCV " + running, "the FCV is newer than the binaries: a downgrade did not finish",
                    atlasNote + Shell.setFcv(running.toString()));
        }
        if (ctx.phase() == MongoContext.Phase.AFTER) {
            if (target != null && !running.equals(target)) {
                return Outcome.fail(observed, "running " + target, "the server does not run the target series yet",
                        "finish the binary upgrade of every member to " + target);
            }
            if (cmp < 0) {
                return Outcome.warn(observed, "FCV " + running, "the FCV stays at " + fcv.version() + " until raised; "
                        + "raise it once you no longer need to downgrade (it cannot be undone without a downgrade procedure)",
                        atlasNote + Shell.setFcv(running.toString()));
            }
            return Outcome.pass(observed).expecting("FCV " + running);
        }
        if (target != null && target.compareTo(running) < 0) {
            return Outcome.fail(observed, "a target newer than " + running, "--target-version " + target
                    + " is older than the running " + running + ": this tool checks upgrades", null);
        }
        if (cmp < 0) {
            String why = "an earlier upgrade to " + running + " was not finished";
            if (target != null && !target.equals(running)) {
                return Outcome.fail(observed, "FCV " + running + " before upgrading to " + target,
                        why + ": " + target + " binaries refuse to start on FCV " + fcv.version(),
                        atlasNote + Shell.setFcv(running.toString()));
            }
            return Outcome.warn(observed, "FCV " + running, why, atlasNote + Shell.setFcv(running.toString()));
        }
        if (target != null && !ctx.atlas()) {
            List<ReleaseSeries> path = running.pathTo(target);
            if (path.size() > 1) {
                return Outcome.fail(observed, "one major release series at a time",
                        "from " + running + " to " + target + " goes through " + path
                                + ": upgrade and raise the FCV at each step", null);
            }
        }
        return Outcome.pass(observed + (target == null ? "" : ", ready for " + target)).expecting("FCV " + running);
    }
}
