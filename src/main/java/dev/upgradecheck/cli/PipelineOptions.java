package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.pipeline.DebeziumFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The Kafka Connect connector that reads this source (--connect-url, --connector) and how to log in to its REST API,
 * or, for a Debezium reader without Kafka Connect, its properties and offsets files (--debezium-config,
 * --debezium-offsets). Like the database password, a credential comes from an environment variable or a file, never
 * from argv.
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

    @Option(names = "--debezium-config", paramLabel = "FILE",
            description = "A Debezium reader without Kafka Connect: its properties (Debezium Server's "
                    + "application.properties, or an embedded engine's), read for the connector's settings and its "
                    + "offsets file.")
    Path debeziumConfig;

    @Option(names = "--debezium-offsets", paramLabel = "FILE",
            description = "That reader's offsets file (FileOffsetBackingStore), when its properties do not name it.")
    Path debeziumOffsets;

    PipelineSettings settings() {
        return new PipelineSettings(url, connector, user, passwordEnv, text(passwordFile), tokenEnv, text(tokenFile),
                text(ca));
    }

    /** The Debezium engine's files, or null without --debezium-config. */
    DebeziumFiles debeziumFiles() {
        if (debeziumConfig == null) {
            if (debeziumOffsets != null) {
                throw new BadInputException("--debezium-offsets needs --debezium-config: the connector's properties "
                        + "say which offsets are this source's");
            }
            return null;
        }
        return new DebeziumFiles(debeziumConfig, debeziumOffsets);
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
