package dev.upgradecheck.plan;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.TargetOptions;

/**
 * What {@code plan} (and offline {@code snapshot-advice}) is asked about: the versions, the platform,
 * whether GTIDs are on (MySQL), and the names to fill in.
 */
public record PlanRequest(String fromVersion, String toVersion, Platform platform, Boolean gtid,
                          TargetOptions target) {

    public PlanRequest {
        platform = platform == null ? Platform.SELF_HOSTED : platform;
    }
}
