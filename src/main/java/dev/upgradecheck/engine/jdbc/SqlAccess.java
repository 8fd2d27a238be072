package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.engine.ConnectionSpec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * An engine's SQL tables as reconcile and canary reach them: its dialect, the JDBC URLs its driver takes,
 * a read-only session (timeouts as for inspection) and, for the canary alone, a session that may write.
 *
 * @param writable empty where the engine does not support the canary
 */
public record SqlAccess(SqlDialect dialect, List<String> urlPrefixes, Function<ConnectionSpec, SqlSession> readOnly,
                        Optional<Function<ConnectionSpec, SqlSession>> writable) {

    public SqlAccess {
        urlPrefixes = List.copyOf(urlPrefixes);
    }

    /** Whether this engine's driver takes the URL (by its prefix, e.g. {@code jdbc:postgresql:}). */
    public boolean handles(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return urlPrefixes.stream().anyMatch(lower::startsWith);
    }
}
