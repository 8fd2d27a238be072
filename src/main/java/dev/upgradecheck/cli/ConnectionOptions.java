package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.value.HumanDuration;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which engine, where it is, who logs in, and how long we wait. There is deliberately no --password. */
public final class ConnectionOptions {

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "postgres, mysql (or mariadb), oracle, sqlserver, mongodb.")
    String engine;

    @Option(names = "--url", paramLabel = "URL",
            description = "JDBC URL, or a mongodb:// / mongodb+srv:// URI. A password inside it is never echoed.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "The user to log in as.")
    String user;

    @Option(names = "--password-env", paramLabel = "NAME",
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).",
            defaultValue = PasswordSource.DEFAULT_ENV)
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Option(names = "--password-prompt", description = "Ask for the password (no echo on a terminal).")
    boolean passwordPrompt;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for the server to answer a connection (default: ${DEFAULT-VALUE}).")
    HumanDuration connectTimeout;

    @Option(names = "--query-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Longest any one query may run (default: ${DEFAULT-VALUE}).")
    HumanDuration queryTimeout;

    boolean hasUrl() {
        return url != null && !url.isBlank();
    }

    /** The connection as given; the URL may be missing still (the engine's environment may name it). */
    ConnectionSpec spec(Cli cli, String engineName) {
        if (connectTimeout.duration().isZero() || queryTimeout.duration().isZero()) {
            throw new BadInputException("--connect-timeout and --query-timeout must be longer than zero");
        }
        return new ConnectionSpec(engineName, url, user, password(cli), connectTimeout, queryTimeout);
    }

    /** --password-file, then --password-prompt, then the environment variable. */
    private Secret password(Cli cli) {
        if (passwordFile != null) {
            return PasswordSource.fromFile(passwordFile);
        }
        if (passwordPrompt) {
            return PasswordSource.prompt(cli, user);
        }
        return PasswordSource.fromEnv(cli, passwordEnv);
    }
}
