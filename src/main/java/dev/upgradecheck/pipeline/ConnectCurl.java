package dev.upgradecheck.pipeline;

import dev.upgradecheck.plan.ShellWord;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The curl command lines a person runs against one connector (the tool itself only ever sends GET): the URL and
 * connector name quoted for a POSIX shell, the credential taken from where the user keeps it, never its value.
 * One helper for every engine's runbook and every remedy that names a Kafka Connect call.
 */
public final class ConnectCurl {

    private final String base;
    private final String auth;

    public ConnectCurl(ConnectTarget target) {
        String name = URLEncoder.encode(target.connector(), StandardCharsets.UTF_8).replace("+", "%20");
        this.base = target.endpoint().shown() + "/connectors/" + name;
        this.auth = authArguments(target.endpoint().auth());
    }

    /** {@code curl ... GET .../connectors/NAME/<resource>} (empty resource: the connector itself). */
    public String get(String resource) {
        return "curl -fsS" + auth + " " + ShellWord.quote(url(resource));
    }

    /** A state change ({@code stop}, {@code pause}, {@code resume}): PUT with no body. */
    public String put(String resource) {
        return "curl -fsS -X PUT" + auth + " " + ShellWord.quote(url(resource));
    }

    public String post(String resource) {
        return "curl -fsS -X POST" + auth + " " + ShellWord.quote(url(resource));
    }

    public String delete(String resource) {
        return "curl -fsS -X DELETE" + auth + " " + ShellWord.quote(url(resource));
    }

    private String url(String resource) {
        return resource.isEmpty() ? base : base + "/" + resource;
    }

    private static String authArguments(ConnectAuth auth) {
        if (auth.isNone()) {
            return "";
        }
        if (auth.user() == null) {
            return " -H \"Authorization: Bearer " + auth.shellSecret() + "\"";
        }
        return " -u " + ShellWord.quote(auth.user() + ":") + "\"" + auth.shellSecret() + "\"";
    }
}
