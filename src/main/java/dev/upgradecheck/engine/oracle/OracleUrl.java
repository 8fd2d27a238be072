package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.BadInputException;

import java.util.List;
import java.util.Locale;

/**
 * Which Oracle JDBC URLs we accept. Only the thin driver (pure Java): {@code jdbc:oracle:thin:@host:port/service},
 * {@code @//host...}, {@code @tcps://...}, {@code @(DESCRIPTION=...)}, {@code @alias?TNS_ADMIN=...}.
 * Refused, because they make the driver load classes or connection settings from elsewhere:
 * the OCI/KPRB drivers (a native library); {@code @config-...} URLs (connection properties, even passwords, from a
 * file, an HTTPS address or a cloud store); {@code oracle.jdbc.provider.*} (provider classes and remote secrets);
 * {@code oracle.jdbc.config.file} and {@code oracle.jdbc.configurationProviders}; {@code oracle.jdbc.sqlErrorTranslationFile};
 * {@code oracle.net.KerberosJaasLoginModule} (a class name); {@code oracle.jdbc.diagnostic.*} (trace files holding
 * SQL and connection details). The time bounds belong to --connect-timeout and --query-timeout, so
 * {@code oracle.net.CONNECT_TIMEOUT} and {@code oracle.jdbc.ReadTimeout} in the URL are refused too.
 * Wallets, TNS_ADMIN, key and trust stores are the user's own choice of files and are accepted.
 */
final class OracleUrl {

    private static final List<String> REFUSED = List.of(
            "oracle.jdbc.provider.", "oracle.jdbc.config.file", "oracle.jdbc.configurationproviders",
            "oracle.jdbc.sqlerrortranslationfile", "oracle.net.kerberosjaasloginmodule", "oracle.jdbc.diagnostic.",
            "oracle.net.connect_timeout", "oracle.jdbc.readtimeout");

    private OracleUrl() {
    }

    static void validate(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("--url is required: e.g. jdbc:oracle:thin:@//host:1521/SERVICE");
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:oracle:")) {
            throw new BadInputException("not an Oracle JDBC URL: write jdbc:oracle:thin:@//host:1521/SERVICE");
        }
        if (!lower.startsWith("jdbc:oracle:thin:")) {
            throw new BadInputException("only the thin driver is supported (jdbc:oracle:thin:...): "
                    + "the OCI driver loads a native library");
        }
        String target = lower.substring("jdbc:oracle:thin:".length());
        int at = target.indexOf('@');
        String address = at < 0 ? target : target.substring(at + 1);
        if (address.startsWith("config-")) {
            throw new BadInputException("@config-... URLs are refused: they load connection settings from a file or "
                    + "a remote store; write the connect descriptor in --url");
        }
        for (String refused : REFUSED) {
            if (lower.contains(refused)) {
                throw new BadInputException("URL parameter " + refused.replaceAll("\\.$", ".*") + " is refused: "
                        + (refused.endsWith("timeout") ? "use --connect-timeout and --query-timeout"
                        : "it makes the driver load classes or settings from elsewhere"));
            }
        }
    }
}
