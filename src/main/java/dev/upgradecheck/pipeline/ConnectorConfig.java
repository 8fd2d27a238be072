package dev.upgradecheck.pipeline;

import dev.upgradecheck.engine.Redactor;
import dev.upgradecheck.engine.Secret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A connector's configuration with its secrets taken out: a key that names a password, secret, token, key or
 * credential (or a JAAS configuration) keeps its name but not its value, and so does a value Kafka Connect already
 * masked. The values taken out, and passwords written inside URL values, are handed back so that everything printed
 * masks them too.
 */
public record ConnectorConfig(Map<String, String> safe, List<Secret> secrets) {

    /** Key segments that mark a secret; "key" only as the last one ({@code key.converter} is a class name). */
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "secret", "token",
            "credential", "credentials", "apikey", "passphrase");
    private static final Pattern SEGMENTS = Pattern.compile("[._\\-]");
    /** Kafka Connect shows a password-typed value as "[hidden]"; some tools write stars. */
    private static final Pattern ALREADY_MASKED = Pattern.compile("\\[hidden]|\\*{3,}");

    public static ConnectorConfig of(Map<String, String> raw) {
        Map<String, String> safe = new LinkedHashMap<>();
        List<Secret> secrets = new ArrayList<>();
        raw.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            if (isSecretKey(key) || ALREADY_MASKED.matcher(value.trim()).matches()) {
                secrets.add(Secret.of(value));
                safe.put(key, Redactor.MASK);
            } else {
                List<Secret> inside = Redactor.secretsIn(value);
                secrets.addAll(inside);
                safe.put(key, Redactor.of(inside.toArray(Secret[]::new)).redact(value));
            }
        });
        return new ConnectorConfig(Map.copyOf(safe), List.copyOf(secrets));
    }

    static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith("jaas.config")) {
            return true;
        }
        String[] segments = SEGMENTS.split(lower);
        for (String segment : segments) {
            if (SECRET_WORDS.contains(segment) || segment.endsWith("password") || segment.endsWith("secret")) {
                return true;
            }
        }
        return segments.length > 1 && segments[segments.length - 1].equals("key");
    }
}
