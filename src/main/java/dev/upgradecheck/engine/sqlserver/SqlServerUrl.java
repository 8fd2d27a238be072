package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.UrlParameters;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Microsoft JDBC Driver URL, {@code jdbc:sqlserver://host[\instance][:port][;name=value...]}, checked before
 * the driver sees it. Property names are case-insensitive; a value may be wrapped in braces to hold {@code ;}.
 */
final class SqlServerUrl {

    static final String PREFIX = "jdbc:sqlserver://";

    /**
     * The Microsoft driver's names (its getPropertyInfo, with the synonyms it takes), compared ignoring case as it
     * does. TLS trust files ({@code trustStore}, {@code serverCertificate}) are allowed: refusing them would push
     * users to {@code trustServerCertificate=true}. Left out on purpose, among others: class names
     * (socketFactoryClass, trustManagerClass, accessTokenCallbackClass), Always Encrypted's key material (this tool
     * reads catalog views, not encrypted columns), replication, and every timeout.
     */
    static final UrlParameters PARAMETERS = UrlParameters.of("the Microsoft JDBC Driver",
            "com.microsoft.sqlserver.jdbc.SQLServerDriver", "13.2.1", false,
            "serverName", "server", "instanceName", "portNumber", "port", "databaseName", "database",
            "user", "userName", "password", "applicationName", "applicationIntent", "workstationID",
            "encrypt", "trustServerCertificate", "trustStore", "trustStoreType", "trustStorePassword",
            "hostNameInCertificate", "serverCertificate", "sslProtocol", "fips", "clientCertificate", "clientKey",
            "clientKeyPassword", "integratedSecurity", "authenticationScheme", "authentication", "serverSpn", "realm",
            "domain", "jaasConfigurationName", "useDefaultJaasConfig", "useDefaultGSSCredential", "msiClientId",
            "multiSubnetFailover", "failoverPartner", "iPAddressPreference", "TransparentNetworkIPResolution",
            "serverNameAsACE");

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

    /** Refuses the URL when it names a property not on {@link #PARAMETERS}. */
    SqlServerUrl requireSafe() {
        properties.keySet().forEach(PARAMETERS::require);
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
