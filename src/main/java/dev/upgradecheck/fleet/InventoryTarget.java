package dev.upgradecheck.fleet;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.util.List;
import java.util.Map;

/**
 * One entry of an inventory file (or its {@code defaults}), as written: every key optional here,
 * required ones checked by {@link Inventory}. Keys mirror the command-line options in camelCase.
 * There is deliberately no {@code password} key: only where to find it. The {@code dest*} keys and
 * {@code tableMap} (source table to destination table) are the destination of reconcile and canary.
 */
public record InventoryTarget(
        String name, String engine, String url, String user, String passwordEnv, String passwordFile,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> slot,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> publication,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> tables,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> collections,
        String cdcUser, String plugin, String window, String targetVersion, String maxLag,
        String connectTimeout, String queryTimeout,
        String connectUrl, String connector, String connectUser, String connectPasswordEnv, String connectPasswordFile,
        String connectTokenEnv, String connectTokenFile, String connectCa,
        String destUrl, String destUser, String destPasswordEnv, String destPasswordFile, Map<String, String> tableMap) {

    static final InventoryTarget EMPTY = new InventoryTarget(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    /** This entry with every unset key taken from the defaults. */
    InventoryTarget over(InventoryTarget d) {
        return new InventoryTarget(name, or(engine, d.engine), or(url, d.url), or(user, d.user),
                or(passwordEnv, d.passwordEnv), or(passwordFile, d.passwordFile), or(slot, d.slot),
                or(publication, d.publication), or(tables, d.tables), or(collections, d.collections),
                or(cdcUser, d.cdcUser), or(plugin, d.plugin), or(window, d.window), or(targetVersion, d.targetVersion),
                or(maxLag, d.maxLag), or(connectTimeout, d.connectTimeout), or(queryTimeout, d.queryTimeout),
                or(connectUrl, d.connectUrl), or(connector, d.connector), or(connectUser, d.connectUser),
                or(connectPasswordEnv, d.connectPasswordEnv), or(connectPasswordFile, d.connectPasswordFile),
                or(connectTokenEnv, d.connectTokenEnv), or(connectTokenFile, d.connectTokenFile),
                or(connectCa, d.connectCa), or(destUrl, d.destUrl), or(destUser, d.destUser),
                or(destPasswordEnv, d.destPasswordEnv), or(destPasswordFile, d.destPasswordFile),
                or(tableMap, d.tableMap));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
