package dev.upgradecheck.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root: the options every command shares. Its subcommands are added by {@link Cli} (all of them, or only
 * the one being run: building a command's model by reflection is most of the start-up time).
 */
@Command(name = "upgrade-check",
        mixinStandardHelpOptions = true,
        versionProvider = ToolVersion.class,
        description = "Keeps change-data-capture pipelines alive through source-database version upgrades.",
        footerHeading = "%nExit codes:%n",
        // one line per row, each under 80 columns: picocli wraps footer lines without indenting them
        footer = {"  0  nothing failed",
                "  1  a check failed or errored (or warned under --fail-on warn), or a needed",
                "     read was refused; snapshot-advice: a snapshot is needed",
                "  2  usage or bad input (unknown engine, bad flag or URL, corrupt baseline)",
                "  3  could not connect or authenticate", "  4  internal error (a bug: please report it)",
                "", "Passwords come from $UPGRADE_CHECK_PASSWORD, --password-env, --password-file or --password-prompt."})
public final class UpgradeCheckCommand implements Runnable {

    final Cli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    UpgradeCheckCommand(Cli cli) {
        this.cli = cli;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces and driver logs (passwords are still masked).")
    void debug(boolean value) {
        cli.debug(value);
    }

    /** Read before parsing, by {@link ToolDefaults}; declared here so that it parses and shows in the help. */
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Defaults for options not given (YAML, an inventory's defaults keys; default: "
                    + "./upgrade-check.yaml when present). Flags win, then UPGRADE_CHECK_URL, _USER, _ENGINE, then FILE.")
    java.nio.file.Path config;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a command is required: precheck, plan, drain, verify, snapshot-advice, reconcile or canary");
    }
}
