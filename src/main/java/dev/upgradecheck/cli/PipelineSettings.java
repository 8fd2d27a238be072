package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.pipeline.ConnectAuth;
import dev.upgradecheck.pipeline.ConnectEndpoint;
import dev.upgradecheck.pipeline.ConnectTarget;
import dev.upgradecheck.plan.ShellWord;
import dev.upgradecheck.value.HumanDuration;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The pipeline keys as written on the command line or in an inventory target (connectUrl, connector, connectUser,
 * connectPasswordEnv, connectPasswordFile, connectTokenEnv, connectTokenFile, connectCa), before they are checked.
 */
record PipelineSettings(String url, String connector, String user, String passwordEnv, String passwordFile,
                        String tokenEnv, String tokenFile, String ca) {

    /** Also a shell variable name: the runbook's curl lines expand it. */
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** This target's keys, with the command line's filling what it leaves unset. */
    PipelineSettings over(PipelineSettings flags) {
        return new PipelineSettings(or(url, flags.url), or(connector, flags.connector), or(user, flags.user),
                or(passwordEnv, flags.passwordEnv), or(passwordFile, flags.passwordFile), or(tokenEnv, flags.tokenEnv),
                or(tokenFile, flags.tokenFile), or(ca, flags.ca));
    }

    /**
     * The connector to read, or null when no --connect-url was given. The credential is read (and masked in all
     * output) here, so a missing variable or file is found before any connection is made.
     */
    ConnectTarget resolve(Cli cli, HumanDuration connectTimeout, HumanDuration readTimeout) {
        if (url == null && connector == null) {
            return null;
        }
        if (url == null || connector == null || connector.isBlank()) {
            throw new BadInputException("--connect-url and --connector go together: give both, or neither");
        }
        return new ConnectTarget(new ConnectEndpoint(ConnectEndpoint.parseUrl(url), auth(cli),
                ca == null ? null : Path.of(ca), connectTimeout.duration(), readTimeout.duration()), connector);
    }

    private ConnectAuth auth(Cli cli) {
        int sources = count(passwordEnv, passwordFile, tokenEnv, tokenFile);
        if (sources > 1) {
            throw new BadInputException("give one Kafka Connect credential: --connect-password-env, "
                    + "--connect-password-file, --connect-token-env or --connect-token-file");
        }
        boolean password = passwordEnv != null || passwordFile != null;
        if (user != null && !password) {
            throw new BadInputException("--connect-user needs --connect-password-env or --connect-password-file");
        }
        if (password && user == null) {
            throw new BadInputException("--connect-password-env and --connect-password-file need --connect-user");
        }
        if (sources == 0) {
            return ConnectAuth.NONE;
        }
        String kind = password ? "password" : "token";
        String env = password ? passwordEnv : tokenEnv;
        String file = password ? passwordFile : tokenFile;
        Secret secret;
        String source;
        String shell;
        if (env != null) {
            if (!VARIABLE.matcher(env).matches()) {
                throw new BadInputException("--connect-" + kind + "-env must name an environment variable "
                        + "(letters, digits, '_')");
            }
            source = "--connect-" + kind + "-env " + env;
            String value = cli.env(env);
            if (value == null || value.isEmpty()) {
                throw new BadInputException("environment variable " + env + " (" + source + ") is not set");
            }
            secret = Secret.of(value);
            shell = "${" + env + "}";
        } else {
            source = "--connect-" + kind + "-file " + file;
            secret = PasswordSource.fromFile(Path.of(file));
            shell = "$(head -n 1 " + ShellWord.quote(file) + ")";
        }
        cli.mask(null, secret);
        return password ? ConnectAuth.basic(user, secret, source, shell) : ConnectAuth.bearer(secret, source, shell);
    }

    private static int count(String... values) {
        int n = 0;
        for (String v : values) {
            n += v == null ? 0 : 1;
        }
        return n;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
