package dev.upgradecheck.engine;

import java.util.Map;

/**
 * What the inspector learned about the server: product (PostgreSQL, MySQL, MariaDB...), version,
 * platform (self-hosted, rds, aurora, cloudsql, azure, atlas) and engine-specific facts.
 */
public record ServerInfo(String product, String version, String platform, Map<String, String> details) {

    public ServerInfo {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
