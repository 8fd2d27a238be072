package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.UrlParameters;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Oracle JDBC URLs we accept. Only the thin driver (pure Java): {@code jdbc:oracle:thin:@host:port/service},
 * {@code @//host...}, {@code @tcps://...}, {@code @(DESCRIPTION=...)}, {@code @alias?TNS_ADMIN=...}; not the
 * OCI/KPRB drivers (a native library), nor {@code @config-...} URLs (connection properties, even passwords, from a
 * file, an HTTPS address or a cloud store). The parameters after {@code ?} and the keywords of a connect descriptor
 * must be on {@link #PARAMETERS}. Wallets, TNS_ADMIN, key and trust stores are the user's own choice of files and
 * are accepted.
 */
final class OracleUrl {

    /**
     * ojdbc's EZConnect parameters and connect-descriptor keywords, compared ignoring case as it does. Left out on
     * purpose, among others: oracle.jdbc.provider.* (provider classes and remote secrets), oracle.jdbc.config.file
     * and configurationProviders, sqlErrorTranslationFile, KerberosJaasLoginModule (a class name),
     * oracle.jdbc.diagnostic.* (trace files holding SQL and connection details), and every timeout
     * (CONNECT_TIMEOUT, TRANSPORT_CONNECT_TIMEOUT, oracle.jdbc.ReadTimeout...).
     */
    static final UrlParameters PARAMETERS = UrlParameters.of("ojdbc", "oracle.jdbc.OracleDriver",
            "23.9.0.25.07", false,
            // EZConnect parameters
            "TNS_ADMIN", "wallet_location", "ssl_server_dn_match", "ssl_server_cert_dn", "ssl_version", "ssl_ciphers",
            "oracle.net.tns_admin", "oracle.net.wallet_location", "oracle.net.ssl_server_dn_match",
            "oracle.net.ssl_server_cert_dn", "oracle.net.ssl_version", "oracle.net.ssl_cipher_suites",
            "oracle.net.authentication_services", "oracle.net.kerberos5_cc_name", "oracle.net.kerberos5_conf",
            "oracle.jdbc.v$session.program",
            // connect-descriptor keywords
            "DESCRIPTION_LIST", "DESCRIPTION", "ADDRESS_LIST", "ADDRESS", "PROTOCOL", "HOST", "PORT", "HTTPS_PROXY",
            "HTTPS_PROXY_PORT", "CONNECT_DATA", "SERVICE_NAME", "SID", "SERVER", "INSTANCE_NAME", "SECURITY",
            "SSL_SERVER_CERT_DN", "SSL_SERVER_DN_MATCH", "MY_WALLET_DIRECTORY", "WALLET_LOCATION", "LOAD_BALANCE",
            "FAILOVER", "SOURCE_ROUTE", "RETRY_COUNT", "RETRY_DELAY");

    /** A keyword opening a connect-descriptor pair: {@code (HOST=}. */
    private static final Pattern KEYWORD = Pattern.compile("\\(\\s*([^=()\\s]+)\\s*=");

    private OracleUrl() {
    }

    static void validate(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("--url is required: e.g. jdbc:oracle:thin:@//host:1521/SERVICE");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:oracle:")) {
            throw new BadInputException("not an Oracle JDBC URL: write jdbc:oracle:thin:@//host:1521/SERVICE");
        }
        if (!lower.startsWith("jdbc:oracle:thin:")) {
            throw new BadInputException("only the thin driver is supported (jdbc:oracle:thin:...): "
                    + "the OCI driver loads a native library");
        }
        String target = trimmed.substring("jdbc:oracle:thin:".length());
        int at = target.indexOf('@');
        String address = at < 0 ? target : target.substring(at + 1);
        if (address.toLowerCase(Locale.ROOT).startsWith("config-")) {
            throw new BadInputException("@config-... URLs are refused: they load connection settings from a file or "
                    + "a remote store; write the connect descriptor in --url");
        }
        Matcher keyword = KEYWORD.matcher(address);
        while (keyword.find()) {
            PARAMETERS.require(keyword.group(1));
        }
        // EZConnect parameters follow the address (a descriptor's own '?' would sit inside its parentheses)
        int query = address.indexOf('?', Math.max(0, address.lastIndexOf(')')));
        if (query >= 0) {
            for (String pair : address.substring(query + 1).split("&")) {
                String name = pair.split("=", 2)[0];
                if (!name.isBlank()) {
                    PARAMETERS.require(name);
                }
            }
        }
    }
}
