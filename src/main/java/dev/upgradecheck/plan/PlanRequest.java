package dev.upgradecheck.plan;

import dev.upgradecheck.engine.TargetOptions;

/**
 * What {@code plan} (and offline {@code snapshot-advice}) is asked about: the versions, the platform,
 * whether GTIDs are on (MySQL), and the names to fill in.
 */
public record PlanRequest(String fromVersion, String toVersion, String platform, Boolean gtid,
                          TargetOptions target) {
}
