package dev.upgradecheck.engine.mysql;

import com.mysql.cj.conf.ConnectionUrl;
import com.mysql.cj.conf.HostInfo;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.jdbc.JdbcConnector;
import dev.upgradecheck.engine.UrlParameters;
import dev.upgradecheck.value.UserText;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Connector/J URLs we accept and the properties we always connect with.
 * Connector/J reads properties from the query string and from each host's own {@code (key=value)} block,
 * so the URL is parsed by the driver itself and every property of every host is judged.
 */
final class MysqlUrlPolicy {

    /**
     * Connector/J's names (PropertyKey), compared ignoring case as it does. Left out on purpose, among others: every
     * class name (interceptors, socketFactory, propertiesTransform, authentication plugins, logger...), local files
     * and URLs (allowLoadLocalInfile..., key store URLs, serverRSAPublicKeyFile, useConfigs), diagnostics that write
     * queries out (traceProtocol, profileSQL...), createDatabaseIfNotExist, sessionVariables, and every timeout.
     */
    static final UrlParameters PARAMETERS = UrlParameters.of("Connector/J", "com.mysql.cj.jdbc.Driver",
            "9.4.0", false,
            "host", "port", "dbname", "user", "password", "dnsSrv",
            "sslMode", "useSSL", "requireSSL", "verifyServerCertificate", "tlsVersions", "tlsCiphersuites",
            "fallbackToSystemTrustStore", "fallbackToSystemKeyStore", "allowPublicKeyRetrieval", "ldapServerHostname",
            "connectionTimeZone", "serverTimezone", "characterEncoding", "tcpKeepAlive");

    private static final Set<String> SCHEMES = Set.of("jdbc:mysql://", "jdbc:mysql+srv://", "jdbc:mariadb://");

    private MysqlUrlPolicy() {
    }

    /**
     * The mysql client's URI forms ({@code mysql://}, {@code mariadb://}) and a bare {@code host[:port]/db} as
     * Connector/J URLs; anything else unchanged.
     */
    static String canonical(String typed) {
        if (typed == null) {
            return null;
        }
        String url = typed.trim();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mysql://") || lower.startsWith("mariadb://")) {
            return "jdbc:" + url;
        }
        return BARE_HOST.matcher(url).matches() ? "jdbc:mysql://" + url : url;
    }

    /** host, host:port, host/db or host:port/db, nothing more. */
    private static final java.util.regex.Pattern BARE_HOST =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*(:\\d{1,5})?(/[^/?#\\s]*)?");

    /** Refuses URLs we do not accept, naming the first refused property (exit 2). */
    static void validate(String url) {
        String jdbcUrl = driverUrl(url);
        // First on the text: Connector/J's own parser already instantiates a propertiesTransform class,
        // so a refused key must be caught before the driver sees the URL.
        requireAllowedByText(jdbcUrl);
        ConnectionUrl parsed;
        try {
            parsed = ConnectionUrl.getConnectionUrlInstance(jdbcUrl, new Properties());
        } catch (RuntimeException e) {
            throw new BadInputException("invalid MySQL URL: " + UserText.firstLine(e.getMessage()));
        }
        TreeSet<String> keys = new TreeSet<>(parsed.getOriginalProperties().keySet());
        try {
            for (HostInfo host : parsed.getHostsList()) {
                keys.addAll(host.getHostProperties().keySet());
            }
        } catch (RuntimeException e) {
            // a mysql+srv:// URL resolves its hosts here; one that names none is unusable
            throw new BadInputException("invalid MySQL URL: " + UserText.firstLine(e.getMessage()));
        }
        keys.forEach(PARAMETERS::require);
    }

    /**
     * Every key in the query string ({@code ?k=} / {@code &k=}) or in a host block ({@code (k=}, {@code ,k=}),
     * %-escapes decoded as the driver decodes them.
     */
    private static void requireAllowedByText(String url) {
        Matcher m = KEY.matcher(url);
        while (m.find()) {
            PARAMETERS.require(decode(m.group(1)));
        }
    }

    private static final Pattern KEY = Pattern.compile("[?&;(,]\\s*([^=&;(),?\\s]+)\\s*=");

    private static String decode(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("invalid MySQL URL: bad %-encoding");
        }
    }

    /**
     * The URL Connector/J is given: {@code jdbc:mariadb://} (the MariaDB driver's scheme, accepted for
     * {@code --engine mariadb}) becomes {@code jdbc:mysql://}; load-balancing, replication and X DevAPI
     * schemes are refused: an upgrade check talks to one server.
     */
    static String driverUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("--url is required");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (SCHEMES.stream().noneMatch(lower::startsWith)) {
            throw new BadInputException("a MySQL URL starts with jdbc:mysql:// (or jdbc:mariadb://), "
                    + "e.g. jdbc:mysql://db.internal:3306/shop");
        }
        return lower.startsWith("jdbc:mariadb://") ? "jdbc:mysql://" + trimmed.substring("jdbc:mariadb://".length())
                : trimmed;
    }

    /**
     * The properties we connect with. Connector/J lets these override the URL, so the safety settings
     * hold whatever the URL says; the two timeouts come from the command line.
     */
    static Properties properties(ConnectionSpec spec) {
        Properties p = JdbcConnector.credentials(spec);
        long connectMillis = spec.connectTimeout().duration().toMillis();
        p.setProperty("connectTimeout", Long.toString(clampMillis(connectMillis)));
        // the login's reads (the server greeting, the handshake) are bounded by --connect-timeout too: a host
        // that accepts TCP and never speaks must not hold us for the query timeout. MysqlInspector widens the
        // bound to JdbcConnector.readBackstopMillis once logged in.
        p.setProperty("socketTimeout", Long.toString(clampMillis(connectMillis)));
        p.setProperty("allowLoadLocalInfile", "false");
        p.setProperty("allowUrlInLocalInfile", "false");
        p.setProperty("autoDeserialize", "false");
        p.setProperty("allowMultiQueries", "false");
        p.setProperty("createDatabaseIfNotExist", "false");
        p.setProperty("readOnlyPropagatesToServer", "true");
        p.setProperty("autoReconnect", "false");
        p.setProperty("connectionAttributes", "program_name:upgrade-check");
        // Round trips: with its session state kept locally the driver sends no SET autocommit on connect, and
        // with the results' character set named it sends no SET character_set_results when the server already
        // answers in utf8mb4 (MariaDB and MySQL 8 do by default)
        p.setProperty("useLocalSessionState", "true");
        p.setProperty("characterSetResults", "utf8mb4");
        return p;
    }

    private static long clampMillis(long millis) {
        return Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }
}
