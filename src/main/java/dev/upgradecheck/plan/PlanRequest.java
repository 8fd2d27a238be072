package dev.upgradecheck.plan;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.TargetOptions;

import java.util.List;
import java.util.Map;

/**
 * What {@code plan} (and offline {@code snapshot-advice}) is asked about: the versions, the platform,
 * whether GTIDs are on (MySQL), and the names to fill in. With --url, also how the runbook's commands name the
 * source, and each publication's tables as the server lists them now (PostgreSQL; empty offline).
 */
public record PlanRequest(String fromVersion, String toVersion, Platform platform, Boolean gtid,
                          TargetOptions target, RunbookSource source, Map<String, List<String>> publicationTables) {

    public PlanRequest {
        platform = platform == null ? Platform.SELF_HOSTED : platform;
        source = source == null ? RunbookSource.PLACEHOLDER : source;
        publicationTables = publicationTables == null ? Map.of() : Map.copyOf(publicationTables);
    }

    public PlanRequest(String fromVersion, String toVersion, Platform platform, Boolean gtid, TargetOptions target) {
        this(fromVersion, toVersion, platform, gtid, target, RunbookSource.PLACEHOLDER, Map.of());
    }

    public PlanRequest withSource(RunbookSource value) {
        return new PlanRequest(fromVersion, toVersion, platform, gtid, target, value, publicationTables);
    }

    public PlanRequest withPublicationTables(Map<String, List<String>> value) {
        return new PlanRequest(fromVersion, toVersion, platform, gtid, target, source, value);
    }
}
