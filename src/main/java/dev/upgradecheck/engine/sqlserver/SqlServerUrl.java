package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.BadInputException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Microsoft JDBC Driver URL, {@code jdbc:sqlserver://host[\instance][:port][;name=value...]}, checked before
 * the driver sees it. Property names are case-insensitive; a value may be wrapped in braces to hold {@code ;}.
 */
final class SqlServerUrl {

    static final String PREFIX = "jdbc:sqlserver://";

    /**
     * Properties that make the driver load a class named in the URL, or read key material for Always Encrypted
     * (which this tool never needs: it reads catalog views, not encrypted columns). TLS trust files
     * ({@code trustStore}, {@code serverCertificate}) stay allowed: refusing them would push users to
     * {@code trustServerCertificate=true}.
     */
    static final Set<String> REFUSED = Set.of(
            "socketfactoryclass", "socketfactoryconstructorarg",
            "trustmanagerclass", "trustmanagerconstructorarg",
            "accesstokencallbackclass",
            "keystorelocation", "keystoreauthentication", "keystoresecret", "keystoreprincipalid");

    private final Map<String, String> properties;

    private SqlServerUrl(Map<String, String> properties) {
        this.properties = properties;
    }

    static SqlServerUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("no --url given: write jdbc:sqlserver://host:1433;databaseName=NAME");
        }
        if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new BadInputException("not a SQL Server URL: it must start with " + PREFIX
                    + " (e.g. jdbc:sqlserver://db1:1433;databaseName=sales)");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        String rest = url.substring(PREFIX.length());
        int i = rest.indexOf(';');
        if (i < 0) {
            return new SqlServerUrl(properties);
        }
        int pos = i + 1;
        while (pos < rest.length()) {
            int eq = rest.indexOf('=', pos);
            int semi = rest.indexOf(';', pos);
            if (eq < 0 || (semi >= 0 && semi < eq)) {
                if (rest.substring(pos, semi < 0 ? rest.length() : semi).isBlank()) {
                    pos = semi < 0 ? rest.length() : semi + 1;
                    continue;
                }
                throw new BadInputException("malformed --url: each ;property must be name=value");
            }
            String name = rest.substring(pos, eq).trim().toLowerCase(Locale.ROOT);
            int valueStart = eq + 1;
            String value;
            if (valueStart < rest.length() && rest.charAt(valueStart) == '{') {
                int close = closingBrace(rest, valueStart + 1);
                value = rest.substring(valueStart + 1, close).replace("}}", "}");
                pos = close + 1;
                if (pos < rest.length() && rest.charAt(pos) != ';') {
                    throw new BadInputException("malformed --url: text after a {braced} value");
                }
                pos++;
            } else {
                int end = rest.indexOf(';', valueStart);
                value = rest.substring(valueStart, end < 0 ? rest.length() : end);
                pos = end < 0 ? rest.length() : end + 1;
            }
            properties.put(name, value.trim());
        }
        return new SqlServerUrl(properties);
    }

    private static int closingBrace(String s, int from) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '}') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '}') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new BadInputException("malformed --url: a {braced} value is not closed");
    }

    /** Refuses the URL when it names a property that loads classes or key files. */
    SqlServerUrl requireSafe() {
        for (String name : properties.keySet()) {
            if (REFUSED.contains(name)) {
                throw new BadInputException("--url property '" + name + "' is refused: it makes the driver load a "
                        + "class or key material named in the URL; remove it");
            }
        }
        return this;
    }

    /** The database the URL names ({@code databaseName} or its synonym {@code database}), or null. */
    String database() {
        String db = properties.get("databasename");
        return db != null ? db : properties.get("database");
    }

    Map<String, String> properties() {
        return properties;
    }
}
