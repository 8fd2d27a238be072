package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.Secret;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a password comes from: a file, a prompt, or an environment variable. Never the command line. */
final class PasswordSource {

    static final String DEFAULT_ENV = "UPGRADE_CHECK_PASSWORD";

    private PasswordSource() {
    }

    /** The variable's value; absent is fine for the default variable (trust or certificate auth). */
    static Secret fromEnv(Cli cli, String name) {
        return fromEnv(cli, name, DEFAULT_ENV);
    }

    /** As {@link #fromEnv(Cli, String)}, for a source whose default variable is {@code defaultName}. */
    static Secret fromEnv(Cli cli, String name, String defaultName) {
        String variable = name == null ? defaultName : name;
        String value = cli.env(variable);
        if (value == null && !defaultName.equals(variable)) {
            throw new BadInputException("environment variable " + variable + " (the password's source) is not set");
        }
        return Secret.of(value);
    }

    /** The file's first line. */
    static Secret fromFile(Path file) {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new BadInputException("password file " + file + " is larger than 64 KiB: is it the right file?");
            }
            return Secret.of(Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        } catch (NoSuchFileException e) {
            throw new BadInputException("password file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("password file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** No echo on a terminal; from a pipe (scripts, tests) one line of standard input. */
    static Secret prompt(Cli cli, String user) {
        java.io.Console console = System.console();
        if (Terminal.attached(console)) {
            char[] typed = console.readPassword("Password for %s: ", user == null ? "the source" : user);
            return Secret.of(typed == null ? "" : new String(typed));
        }
        try {
            String line = new BufferedReader(new InputStreamReader(cli.stdin(), StandardCharsets.UTF_8)).readLine();
            return Secret.of(line == null ? "" : line);
        } catch (IOException e) {
            throw new BadInputException("cannot read the password from standard input");
        }
    }
}
