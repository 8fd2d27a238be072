package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.Version;

import java.util.Optional;

/** With --target-version: is this a minor or major upgrade, a supported path, and what it means for the reader. */
final class UpgradePathCheck {

    static final String ID = "mysql.upgrade_path";

    private UpgradePathCheck() {
    }

    static final Check<MysqlContext> CHECK = Check.of(ID, "Upgrade path to the target version",
            ctx -> evaluate(ctx.server(), target(ctx)));

    static Optional<Version> target(MysqlContext ctx) {
        String t = ctx.options().targetVersion();
        if (t == null || t.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(t));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--target-version: " + e.getMessage());
        }
    }

    /** Said by precheck and plan when an upgrade reaches MySQL 8.4. */
    static final String SHOW_MASTER_STATUS_GONE = "MySQL 8.4 removed SHOW MASTER STATUS (and SHOW SLAVE HOSTS, "
            + "RESET MASTER...); connectors that still send it to read the binlog position (older Debezium "
            + "releases among them) fail against 8.4 with a syntax error, at start or at the next snapshot.";

    /** Upgrading MySQL from before 8.4 to 8.4 or later. */
    static boolean removesShowMasterStatus(MysqlServer server, Version target) {
        return !server.isMariadb() && !server.version().atLeast(8, 4) && target.atLeast(8, 4);
    }

    static Outcome evaluate(MysqlServer server, Optional<Version> target) {
        if (target.isEmpty()) {
            return Outcome.skip("no --target-version given");
        }
        UpgradePath path = UpgradePath.of(server.flavour(), server.version(), target.get());
        String observed = server.flavour().product() + " " + server.version() + " -> " + target.get();
        if (!path.supported()) {
            return Outcome.fail(observed, "a supported in-place path", path.note() + ".", null);
        }
        if (removesShowMasterStatus(server, target.get())) {
            return Outcome.warn(observed, "a CDC connector that asks SHOW BINARY LOG STATUS", path.note() + ": "
                    + SHOW_MASTER_STATUS_GONE, "upgrade the CDC connector to a version that supports MySQL "
                    + target.get() + " (check its release notes) before upgrading the server");
        }
        return switch (path.kind()) {
            case SAME -> Outcome.pass(observed, "the server already runs the target version");
            case MINOR -> Outcome.pass(observed, path.note() + ": binlog files, positions and GTIDs carry over; "
                    + "the reader resumes where it stopped.");
            case DOWNGRADE -> Outcome.warn(observed, "an upgrade", path.note() + ": check that the release notes "
                    + "allow it; the reader resumes only if the binlog files survive.", null);
            case MAJOR -> server.gtidOn()
                    ? Outcome.pass(observed, path.note() + ": with GTIDs on, the reader resumes from its GTID "
                    + "position once the settings are verified after the upgrade.")
                    : Outcome.warn(observed, "GTIDs on before a major upgrade", path.note() + ": without GTIDs "
                    + "the binlog file and position may not survive, so plan a re-snapshot of the captured tables.",
                    GtidModeCheck.enableSteps(server));
        };
    }
}
