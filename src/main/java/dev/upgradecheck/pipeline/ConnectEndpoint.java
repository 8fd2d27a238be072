package dev.upgradecheck.pipeline;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.value.UserText;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a Kafka Connect worker's REST API is and how to talk to it: its base URL (http or https, no credentials
 * in it), the authentication, an extra CA certificate (PEM) trusted beside the JVM's, and the two time bounds.
 *
 * @param ca an extra CA certificate file (PEM), or null for the JVM's trust store alone
 */
public record ConnectEndpoint(URI url, ConnectAuth auth, Path ca, Duration connectTimeout, Duration readTimeout) {

    public ConnectEndpoint {
        auth = auth == null ? ConnectAuth.NONE : auth;
    }

    /** Parses --connect-url; a URL with a password in it is refused (argv is visible to every user). */
    public static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new BadInputException("--connect-url '" + UserText.shown(text, 100) + "' is not a URL: "
                    + UserText.firstLine(e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new BadInputException("--connect-url must be an http:// or https:// URL with a host, e.g. "
                    + "http://connect.internal:8083");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException("--connect-url must not hold credentials: give --connect-user with "
                    + "--connect-password-env or --connect-password-file, or --connect-token-env/--connect-token-file");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadInputException("--connect-url must be the REST API's base URL, without ?query or #fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** The URL as error messages and runbooks show it. */
    public String shown() {
        return url.toString();
    }
}
