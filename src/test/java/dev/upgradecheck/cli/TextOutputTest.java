package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** --color, --quiet and --verbose as a CI log sees them (issue 15, item 14): stdout is never a terminal here. */
class TextOutputTest {

    private static CliRun.Result unreachable(CliRun cli, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("precheck", "--engine", "postgres",
                "--url", "jdbc:postgresql://127.0.0.1:" + Ports.unused() + "/orders"));
        args.addAll(java.util.List.of(more));
        return cli.run(args);
    }

    @Test
    void colourIsOnWhenAskedOrInGitHubActionsAndNeverWithNoColor() {
        CliRun.Result always = unreachable(new CliRun(), "--color", "always");
        assertThat(always.exitCode()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(always.out()).contains("\u001B[");
        assertThat(unreachable(new CliRun()).out()).contains("ERROR").doesNotContain("\u001B[");
        assertThat(unreachable(new CliRun().env("GITHUB_ACTIONS", "true")).out()).contains("\u001B[");
        assertThat(unreachable(new CliRun().env("GITHUB_ACTIONS", "true").env("NO_COLOR", "1")).out())
                .doesNotContain("\u001B[");
        assertThat(unreachable(new CliRun().env("GITHUB_ACTIONS", "true"), "--color", "never").out())
                .doesNotContain("\u001B[");
    }

    @Test
    void quietAndVerboseTogetherAreAUsageError() {
        CliRun.Result both = unreachable(new CliRun(), "--quiet", "--verbose");
        assertThat(both.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(both.err()).contains("--quiet and --verbose");
    }
}
