package dev.upgradecheck.fleet;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import java.util.HashMap;
import java.util.Map;

/**
 * One entry of an inventory file (or its {@code defaults}), as written: every key optional here,
 * required ones checked by {@link Inventory}. Keys mirror the command-line options in camelCase: the connection,
 * pipeline and destination keys here, the engines' declared options ({@code slot}, {@code tables}, {@code window}...)
 * in {@code options} as YAML gave them. There is deliberately no {@code password} key: only where to find it. The
 * {@code dest*} keys and {@code tableMap} (source table to destination table) are the destination of reconcile and
 * canary; {@code destFilter} and {@code keys} are reconcile's {@code --dest-filter} and {@code --keys}.
 */
public record InventoryTarget(
        String name, String engine, String url, String user, String passwordEnv, String passwordFile,
        String connectTimeout, String queryTimeout,
        String connectUrl, String connector, String connectUser, String connectPasswordEnv, String connectPasswordFile,
        String connectTokenEnv, String connectTokenFile, String connectCa,
        String destUrl, String destUser, String destPasswordEnv, String destPasswordFile, Map<String, String> tableMap,
        String destFilter, Boolean keys, @JsonAnySetter Map<String, Object> options) {

    static final InventoryTarget EMPTY = new InventoryTarget(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, Map.of());

    public InventoryTarget {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new HashMap<>(options));
    }

    /** This entry with every unset key taken from the defaults. */
    InventoryTarget over(InventoryTarget d) {
        Map<String, Object> merged = new HashMap<>(d.options);
        merged.putAll(options);
        return new InventoryTarget(name, or(engine, d.engine), or(url, d.url), or(user, d.user),
                or(passwordEnv, d.passwordEnv), or(passwordFile, d.passwordFile),
                or(connectTimeout, d.connectTimeout), or(queryTimeout, d.queryTimeout),
                or(connectUrl, d.connectUrl), or(connector, d.connector), or(connectUser, d.connectUser),
                or(connectPasswordEnv, d.connectPasswordEnv), or(connectPasswordFile, d.connectPasswordFile),
                or(connectTokenEnv, d.connectTokenEnv), or(connectTokenFile, d.connectTokenFile),
                or(connectCa, d.connectCa), or(destUrl, d.destUrl), or(destUser, d.destUser),
                or(destPasswordEnv, d.destPasswordEnv), or(destPasswordFile, d.destPasswordFile),
                or(tableMap, d.tableMap), or(destFilter, d.destFilter), or(keys, d.keys), merged);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
