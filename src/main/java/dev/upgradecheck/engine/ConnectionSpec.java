package dev.upgradecheck.engine;

import dev.upgradecheck.value.HumanDuration;

/**
 * How to reach one source: URL, user, password and the two time bounds.
 * {@code engineName} is the name the user asked for ({@code mariadb} for the mysql engine's flavour).
 */
public record ConnectionSpec(String engineName, String url, String user, Secret password,
                             HumanDuration connectTimeout, HumanDuration queryTimeout) {

    public ConnectionSpec {
        password = password == null ? Secret.NONE : password;
    }

    public ConnectionSpec withUrl(String value) {
        return new ConnectionSpec(engineName, value, user, password, connectTimeout, queryTimeout);
    }

    public ConnectionSpec withPassword(Secret value) {
        return new ConnectionSpec(engineName, url, user, value, connectTimeout, queryTimeout);
    }
}
