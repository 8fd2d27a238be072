package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input exits 2 with one line on stderr, never a stack trace. */
class UsageErrorsTest {

    private final CliRun cli = new CliRun();

    private static void assertOneLineUsageError(CliRun.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("upgrade-check: ").doesNotContain("\tat ", "Exception");
    }

    @Test
    void unknownEngineIsAUsageError() {
        CliRun.Result r = cli.run("precheck", "--engine", "db2", "--url", "jdbc:db2://x");
        assertOneLineUsageError(r);
        assertThat(r.err()).contains("unknown engine 'db2'");
    }

    @Test
    void noCommandIsAUsageError() {
        assertOneLineUsageError(cli.run());
    }

    @Test
    void thereIsNoPasswordFlag() {
        CliRun.Result r = cli.run("precheck", "--engine", "postgres", "--password", "hunter2");
        assertOneLineUsageError(r);
        assertThat(r.err()).doesNotContain("hunter2");
    }

    @Test
    void malformedDurationNamesTheAcceptedForms() {
        CliRun.Result r = cli.run("precheck", "--engine", "postgres", "--connect-timeout", "soon");
        assertOneLineUsageError(r);
        assertThat(r.err()).contains("5s");
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertOneLineUsageError(cli.run("precheck", "--engine", "postgres", "--format", "pdf"));
    }

    @Test
    void aPerServerLimitBelowOneIsAUsageError() {
        CliRun.Result r = cli.run("precheck", "--inventory", "fleet.yaml", "--per-server", "0");
        assertOneLineUsageError(r);
        assertThat(r.err()).contains("--per-server");
    }

    @Test
    void versionAndHelpExitZero() {
        CliRun.Result version = cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("upgrade-check ");
        CliRun.Result help = cli.run("precheck", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--save-baseline", "--password-env", "--query-timeout");
    }
}
