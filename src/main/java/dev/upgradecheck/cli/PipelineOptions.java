package dev.upgradecheck.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The Kafka Connect connector that reads this source (--connect-url, --connector) and how to log in to its REST API.
 * Like the database password, its credential comes from an environment variable or a file, never from argv.
 */
public final class PipelineOptions {

    @Option(names = "--connect-url", paramLabel = "URL",
            description = "Kafka Connect's REST API, e.g. http://connect.internal:8083 (read with GET only).")
    String url;

    @Option(names = "--connector", paramLabel = "NAME", description = "The connector that reads this source.")
    String connector;

    @Option(names = "--connect-user", paramLabel = "USER", description = "Basic-auth user for Kafka Connect.")
    String user;

    @Option(names = "--connect-password-env", paramLabel = "NAME",
            description = "Environment variable holding the --connect-user password.")
    String passwordEnv;

    @Option(names = "--connect-password-file", paramLabel = "FILE",
            description = "File whose first line is the --connect-user password.")
    Path passwordFile;

    @Option(names = "--connect-token-env", paramLabel = "NAME",
            description = "Environment variable holding a bearer token for Kafka Connect.")
    String tokenEnv;

    @Option(names = "--connect-token-file", paramLabel = "FILE",
            description = "File whose first line is a bearer token for Kafka Connect.")
    Path tokenFile;

    @Option(names = "--connect-ca", paramLabel = "FILE",
            description = "CA certificate(s), PEM, trusted for Kafka Connect's TLS besides the JVM's trust store.")
    Path ca;

    PipelineSettings settings() {
        return new PipelineSettings(url, connector, user, passwordEnv, text(passwordFile), tokenEnv, text(tokenFile),
                text(ca));
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
