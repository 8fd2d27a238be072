package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.UrlParameters;
import org.postgresql.Driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Checks a pgjdbc URL before anything connects: it must be a {@code jdbc:postgresql:} URL the driver can
 * parse, naming only parameters on {@link #PARAMETERS}. pgjdbc has parameters that load a class or read/write a
 * file chosen by whoever wrote the URL (CVE-2022-21724 and CVE-2022-26520 were exactly that), and URL parameters
 * win over the properties we connect with (timeouts, read-only, options).
 * TLS material ({@code sslrootcert}, {@code sslcert}, {@code sslkey}) is allowed: verified TLS needs it,
 * and those files are only read as certificates, never executed or echoed.
 */
final class PostgresUrl {

    static final String PREFIX = "jdbc:postgresql:";

    /**
     * pgjdbc's names (PGProperty), case as it reads them. Left out on purpose, among others: the class and file
     * parameters (socketFactory, sslfactory, sslhostnameverifier, sslpasswordcallback, loggerFile...), service (a
     * file of further parameters), replication, options and readOnly (they would undo the read-only session), and
     * every timeout.
     */
    static final UrlParameters PARAMETERS = UrlParameters.of("pgjdbc", "org.postgresql.Driver",
            "42.7.8", true,
            "PGHOST", "PGPORT", "PGDBNAME", "user", "password",
            "ssl", "sslmode", "sslNegotiation", "sslrootcert", "sslcert", "sslkey", "sslpassword", "channelBinding",
            "gssEncMode", "gsslib", "gssUseDefaultCreds", "jaasApplicationName", "jaasLogin", "kerberosServerName",
            "sspiServiceClass", "useSpnego",
            "ApplicationName", "targetServerType", "loadBalanceHosts", "hostRecheckSeconds", "tcpKeepAlive");

    private PostgresUrl() {
    }

    /**
     * libpq's URIs ({@code postgres://}, {@code postgresql://}, user-info and {@code ?sslmode=} included: pgjdbc
     * takes the same parameter) and a bare {@code host[:port]/db} as pgjdbc URLs; anything else unchanged.
     */
    static String canonical(String typed) {
        if (typed == null) {
            return null;
        }
        String url = typed.trim();
        String lower = url.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (lower.startsWith(scheme)) {
                return "jdbc:postgresql://" + url.substring(scheme.length());
            }
        }
        return BARE_HOST.matcher(url).matches() ? "jdbc:postgresql://" + url : url;
    }

    /** host, host:port, host/db or host:port/db, nothing more. */
    private static final java.util.regex.Pattern BARE_HOST =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*(:\\d{1,5})?(/[^/?#\\s]*)?");

    /** The parsed properties (host, port, database and parameters) of an acceptable URL. */
    static Properties validate(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("--url is required, e.g. jdbc:postgresql://db.example.com:5432/orders");
        }
        if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new BadInputException("not a PostgreSQL JDBC URL: it must start with " + PREFIX
                    + " (e.g. jdbc:postgresql://db.example.com:5432/orders)");
        }
        // user:password@ is ours to take apart (PostgresUserInfo): a password may hold '?' or '&'
        String bare = PostgresUserInfo.split(url).url();
        // before the driver parses it: parsing alone already reads the service file a 'service' parameter names
        int query = bare.indexOf('?');
        if (query >= 0) {
            for (String pair : bare.substring(query + 1).split("&")) {
                try {
                    String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                    if (!name.isEmpty()) {
                        PARAMETERS.require(name);
                    }
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("malformed PostgreSQL URL: a parameter name has a bad %-escape");
                }
            }
        }
        Properties parsed;
        try {
            parsed = Driver.parseURL(bare, new Properties());
        } catch (RuntimeException e) {
            // pgjdbc's parser throws on some malformed host lists (e.g. "//,/") instead of answering null
            parsed = null;
        }
        if (parsed == null) {
            throw new BadInputException("malformed PostgreSQL URL: write jdbc:postgresql://HOST[:PORT]/DATABASE[?param=value&...]");
        }
        parsed.stringPropertyNames().forEach(PARAMETERS::require);
        return parsed;
    }
}
