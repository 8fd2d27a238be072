package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.plan.PlanRequest;
import picocli.CommandLine.Option;

/** The upgrade being planned: versions, platform, GTID. */
public final class PlanOptions {

    enum OnOff { ON, OFF }

    @Option(names = "--from", paramLabel = "VERSION", description = "Current version, e.g. 14, 8.0, 19, 2019, 6.0.")
    String from;

    @Option(names = "--to", paramLabel = "VERSION", description = "Target version, e.g. 16, 8.4, 23, 2022, 7.0.")
    String to;

    @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = "self-hosted",
            description = "self-hosted (default), rds, aurora, cloudsql, azure, atlas.")
    String platform;

    @Option(names = "--gtid", paramLabel = "on|off", description = "Whether GTIDs are on (MySQL).")
    OnOff gtid;

    PlanRequest request(TargetOptions target) {
        String version = to;
        if (target.targetVersion() != null) {
            // --target-version is plan's old name for --to: kept (hidden) so that scripts written for it still run
            if (to != null && !to.equals(target.targetVersion())) {
                throw new BadInputException("--to " + to + " and --target-version " + target.targetVersion()
                        + " disagree: give --to only");
            }
            version = target.targetVersion();
        }
        return new PlanRequest(from, version, Platform.parse(platform), gtid == null ? null : gtid == OnOff.ON,
                target);
    }
}
