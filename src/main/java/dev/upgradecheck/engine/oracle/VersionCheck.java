package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The release, container and platform, and with --target-version what kind of upgrade this is. An in-place
 * upgrade keeps the SCN, the redo stream and the supplemental logging settings; two release boundaries matter
 * to a LogMiner reader: 19c removed the CONTINUOUS_MINE option, and 21c removed the non-CDB architecture (a
 * non-CDB becomes a PDB, with a new redo stream and common users).
 */
final class VersionCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.version", "Server version and upgrade path",
            VersionCheck::evaluate);

    private VersionCheck() {
    }

    private static Outcome evaluate(OracleContext context) {
        ServerFacts facts = context.facts();
        Version current = facts.version();
        String observed = "Oracle " + facts.versionText() + (facts.cdb() ? ", CDB, container " + facts.containerName()
                : ", non-CDB") + ", " + facts.platform().id();
        if (context.targetVersion().isEmpty()) {
            return Outcome.pass(observed, "pass --target-version to classify the upgrade");
        }
        Version target = context.targetVersion().get();
        if (target.compareTo(current) < 0 && !sameRelease(current, target)) {
            return Outcome.warn(observed, "a target release at or above " + release(current),
                    "--target-version " + target.text() + " is older than the running release: a downgrade", null);
        }
        if (sameRelease(current, target)) {
            return Outcome.pass(observed, "release update within " + release(current)
                    + ": the SCN, redo stream and supplemental logging carry over");
        }
        Optional<String> unsupported = OracleUpgradePath.unsupported(current, target);
        if (unsupported.isPresent()) {
            return Outcome.fail(observed, "a supported direct upgrade path", unsupported.get() + ".", null);
        }
        List<String> cautions = new ArrayList<>();
        if (current.major() < 19 && target.major() >= 19) {
            cautions.add("19c removed LogMiner's CONTINUOUS_MINE option: a reader that relies on it stops working");
        }
        if (!facts.cdb() && target.major() >= 21) {
            cautions.add("21c and later support only the multitenant architecture: this non-CDB must become a PDB, "
                    + "which gives the reader a different redo stream (new DBID, a snapshot) and needs a common C## user");
        }
        String detail = "major upgrade " + release(current) + " -> " + release(target)
                + ": in place, the SCN and the logging settings carry over; run verify --baseline afterwards";
        if (cautions.isEmpty()) {
            return Outcome.pass(observed, detail);
        }
        return Outcome.warn(observed, "an upgrade path the reader survives", detail + "; " + String.join("; ", cautions),
                null);
    }

    /** 12.1 and 12.2 are separate releases; from 18 on the first number is the release. */
    static boolean sameRelease(Version a, Version b) {
        return a.major() == 12 || b.major() == 12 ? a.samePrefix(b, 2) : a.major() == b.major();
    }

    static String release(Version v) {
        return v.major() == 12 ? "12." + v.minor() : String.valueOf(v.major());
    }
}
