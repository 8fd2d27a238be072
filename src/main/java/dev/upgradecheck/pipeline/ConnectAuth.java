package dev.upgradecheck.pipeline;

import dev.upgradecheck.engine.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How the tool authenticates to Kafka Connect: nothing, HTTP basic auth, or a bearer token. The secret came from
 * an environment variable or a file, never argv; {@code source} names where (for error messages and the plan's
 * curl lines), never the value.
 *
 * @param user        the basic-auth user; null for a token or no authentication
 * @param source      where the secret came from, e.g. "--connect-token-env KC_TOKEN"; null without authentication
 * @param shellSecret a shell expression that yields the secret where it came from ({@code ${KC_TOKEN}},
 *                    {@code $(head -n 1 '/etc/kc/token')}), for the curl lines of a runbook: never the value
 */
public record ConnectAuth(String user, Secret secret, String source, String shellSecret) {

    public static final ConnectAuth NONE = new ConnectAuth(null, Secret.NONE, null, null);

    public static ConnectAuth basic(String user, Secret password, String source, String shellSecret) {
        return new ConnectAuth(user, password, source, shellSecret);
    }

    public static ConnectAuth bearer(Secret token, String source, String shellSecret) {
        return new ConnectAuth(null, token, source, shellSecret);
    }

    public boolean isNone() {
        return source == null;
    }

    /** The Authorization header's value, for the HTTP client only. */
    Optional<String> header() {
        if (isNone()) {
            return Optional.empty();
        }
        if (user == null) {
            return Optional.of("Bearer " + secret.reveal());
        }
        String pair = user + ":" + secret.reveal();
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
}
