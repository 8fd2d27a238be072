package dev.upgradecheck.engine.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCompressor;
import com.mongodb.MongoCredential;
import dev.upgradecheck.BadInputException;

import java.util.Locale;

/**
 * The {@code --url} of a MongoDB source: a {@code mongodb://} or {@code mongodb+srv://} connection string.
 * Refused (exit 2): other schemes; {@code authMechanism=MONGODB-OIDC} (its ENVIRONMENT setting makes the driver read
 * token files or call cloud metadata endpoints); {@code compressors} snappy and zstd (they load classes and native
 * libraries this tool does not ship); {@code timeoutMS} (it would override --connect-timeout and --query-timeout).
 */
final class MongoUri {

    private MongoUri() {
    }

    static ConnectionString parse(String url) {
        String u = url == null ? "" : url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("mongodb://") && !lower.startsWith("mongodb+srv://")) {
            throw new BadInputException("the mongodb engine needs a mongodb:// or mongodb+srv:// URL, not '"
                    + scheme(u) + "'");
        }
        ConnectionString cs;
        try {
            cs = new ConnectionString(u);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("invalid MongoDB URL: " + firstLine(e.getMessage()));
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
        if (cs.getTimeout() != null) {
            throw new BadInputException("timeoutMS in the URL is refused: use --connect-timeout and --query-timeout");
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

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.lines().findFirst().orElse("").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
