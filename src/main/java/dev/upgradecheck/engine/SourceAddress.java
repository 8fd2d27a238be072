package dev.upgradecheck.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a source is, as a report names it: the host (and port) and the database, read from its URL without
 * connecting. Never the credentials or the parameters. Works on the usual URL shapes of every engine
 * ({@code scheme://host/db}, {@code ;databaseName=db}, {@code @host:port:sid}); anything else has no address.
 */
public record SourceAddress(String host, String database) {

    public static Optional<SourceAddress> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String rest;
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            rest = url.substring(scheme + 3);
        } else if (url.indexOf('@') >= 0) {
            rest = url.substring(url.lastIndexOf('@') + 1);
            rest = rest.startsWith("//") ? rest.substring(2) : rest;
        } else {
            return Optional.empty();
        }
        if (rest.isEmpty() || rest.startsWith("(")) {
            return Optional.empty();  // an Oracle TNS descriptor: no single host to name
        }
        int end = firstOf(rest, "/?;");
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String tail = rest.substring(end);
        String database = tail.startsWith("/") ? tail.substring(1, firstOf(tail.substring(1), "?;") + 1)
                : parameter(tail, "databasename=").orElse(null);
        if (authority.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SourceAddress(authority, database == null || database.isEmpty() ? null : database));
    }

    private static Optional<String> parameter(String tail, String name) {
        int i = tail.toLowerCase(Locale.ROOT).indexOf(name);
        if (i < 0) {
            return Optional.empty();
        }
        String value = tail.substring(i + name.length());
        return Optional.of(value.substring(0, firstOf(value, ";&")));
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    @Override
    public String toString() {
        return database == null ? host : host + "/" + database;
    }
}
