package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.value.HumanDuration;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Which engine, where it is, who logs in, and how long we wait. There is deliberately no --password. */
public final class ConnectionOptions {

    static final String DEFAULT_PASSWORD_ENV = "UPGRADE_CHECK_PASSWORD";

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
            defaultValue = DEFAULT_PASSWORD_ENV)
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

    ConnectionSpec spec(Cli cli, String engineName) {
        if (!hasUrl()) {
            throw new BadInputException("--url is required to connect to the source");
        }
        if (connectTimeout.duration().isZero() || queryTimeout.duration().isZero()) {
            throw new BadInputException("--connect-timeout and --query-timeout must be longer than zero");
        }
        return new ConnectionSpec(engineName, url, user, password(cli), connectTimeout, queryTimeout);
    }

    /** --password-file, then --password-prompt, then the environment variable; absent is fine (trust auth). */
    private Secret password(Cli cli) {
        if (passwordFile != null) {
            return fromFile();
        }
        if (passwordPrompt) {
            return prompt(cli);
        }
        String value = cli.env(passwordEnv);
        if (value == null && !DEFAULT_PASSWORD_ENV.equals(passwordEnv)) {
            throw new BadInputException("environment variable " + passwordEnv + " (from --password-env) is not set");
        }
        return Secret.of(value);
    }

    private Secret fromFile() {
        try {
            if (Files.size(passwordFile) > 64 * 1024) {
                throw new BadInputException("password file " + passwordFile + " is larger than 64 KiB: is it the right file?");
            }
            String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
            return Secret.of(content.lines().findFirst().orElse(""));
        } catch (NoSuchFileException e) {
            throw new BadInputException("password file " + passwordFile + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("password file " + passwordFile + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private Secret prompt(Cli cli) {
        java.io.Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for %s: ", user == null ? "the source" : user);
            return Secret.of(typed == null ? "" : new String(typed));
        }
        // no terminal (a pipe, a test): read one line from standard input
        try {
            String line = new BufferedReader(new InputStreamReader(cli.stdin(), StandardCharsets.UTF_8)).readLine();
            return Secret.of(line == null ? "" : line);
        } catch (IOException e) {
            throw new BadInputException("cannot read the password from standard input");
        }
    }
}
