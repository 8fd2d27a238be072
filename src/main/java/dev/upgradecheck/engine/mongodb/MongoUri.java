package dev.upgradecheck.engine.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCompressor;
import com.mongodb.MongoCredential;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.UrlParameters;
import dev.upgradecheck.value.UserText;

import java.util.Locale;

/**
 * The {@code --url} of a MongoDB source: a {@code mongodb://} or {@code mongodb+srv://} connection string.
 * Refused (exit 2): other schemes; {@code authMechanism=MONGODB-OIDC} (its ENVIRONMENT setting makes the driver read
 * token files or call cloud metadata endpoints); {@code compressors} snappy and zstd (they load classes and native
 * libraries this tool does not ship); any option not on {@link #PARAMETERS}.
 */
final class MongoUri {

    /**
     * The driver's connection-string options, compared ignoring case as it does. The write options an Atlas
     * string carries (retryWrites, w, journal) are accepted and mean nothing to a reader. Left out on purpose, among
     * others: every timeout (timeoutMS, connectTimeoutMS, socketTimeoutMS, serverSelectionTimeoutMS...: the bounds are
     * --connect-timeout and --query-timeout), pool and heartbeat tuning, and uuidRepresentation.
     */
    static final UrlParameters PARAMETERS = UrlParameters.of("the MongoDB Java driver",
            "com.mongodb.ConnectionString", "5.14.0", false,
            "replicaSet", "directConnection", "loadBalanced", "srvServiceName", "srvMaxHosts",
            "authSource", "authMechanism", "authMechanismProperties", "gssapiServiceName",
            "tls", "ssl", "tlsInsecure", "tlsAllowInvalidHostnames", "tlsAllowInvalidCertificates",
            "readPreference", "readPreferenceTags", "maxStalenessSeconds", "readConcernLevel", "retryReads",
            "appName", "compressors", "zlibCompressionLevel", "retryWrites", "w", "journal");

    private MongoUri() {
    }

    /**
     * Checks the URL without touching the network: the driver reads a mongodb+srv host's TXT record while it
     * parses, so validation answers that lookup with "no records" (the real lookup happens in {@link #connectable}).
     */
    static ConnectionString parse(String url) {
        return parse(url, (name, type) -> java.util.List.of());
    }

    /** The URL as the connection uses it: a mongodb+srv URL's DNS records are looked up for real. */
    static ConnectionString connectable(String url) {
        return parse(url, null);
    }

    private static ConnectionString parse(String url, com.mongodb.spi.dns.DnsClient dns) {
        String u = url == null ? "" : url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("mongodb://") && !lower.startsWith("mongodb+srv://")) {
            throw new BadInputException("the mongodb engine needs a mongodb:// or mongodb+srv:// URL, not '"
                    + scheme(u) + "'");
        }
        int query = u.indexOf('?', u.indexOf("://") + 3);
        if (query >= 0) {
            for (String pair : u.substring(query + 1).split("[&;]")) {
                String name = pair.split("=", 2)[0];
                if (!name.isBlank()) {
                    PARAMETERS.require(name);
                }
            }
        }
        ConnectionString cs;
        try {
            cs = new ConnectionString(u, dns);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("invalid MongoDB URL: " + UserText.firstLine(e.getMessage()));
        } catch (com.mongodb.MongoConfigurationException e) {
            // only the real lookup gets here: the SRV name does not resolve, like an unknown host
            throw new dev.upgradecheck.ConnectionFailedException("cannot resolve the mongodb+srv host's DNS records: "
                    + UserText.firstLine(e.getMessage()), e);
        }
        MongoCredential credential = cs.getCredential();
        if (credential != null && credential.getAuthenticationMechanism() != null
                && "MONGODB-OIDC".equals(credential.getAuthenticationMechanism().getMechanismName())) {
            throw new BadInputException("authMechanism=MONGODB-OIDC is refused: it makes the driver read token files "
                    + "or call metadata endpoints named in the URL; use SCRAM with --user and a password");
        }
        for (MongoCompressor c : cs.getCompressorList()) {
            if (!"zlib".equals(c.getName())) {
                throw new BadInputException("compressors=" + c.getName() + " is refused: it loads classes and a native "
                        + "library upgrade-check does not ship; use compressors=zlib or none");
            }
        }
        return cs;
    }

    /** Atlas hosts end in {@code .mongodb.net} (a {@code mongodb+srv://} URL names the cluster's SRV name). */
    static boolean isAtlas(ConnectionString cs) {
        return cs.getHosts().stream()
                .map(h -> h.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", ""))
                .anyMatch(h -> h.endsWith(".mongodb.net"));
    }

    /** The URL's scheme, for the message; anything that is not a plain scheme is not echoed (one line, no secrets). */
    private static String scheme(String u) {
        int colon = u.indexOf(':');
        String s = colon > 0 ? u.substring(0, colon) : u;
        return s.matches("[A-Za-z][A-Za-z0-9+.-]{0,29}") ? s + ":" : "something else";
    }
}
