package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Help that reads well (issue 15, item 13), and the shell completion script. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"precheck", "plan", "verify", "snapshot-advice"})
    void everyCommandsHelpHasAShortSynopsisGroupedOptionsExamplesAndExitCodes(String command) {
        CliRun.Result help = new CliRun().run(command, "--help");

        assertThat(help.exitCode()).isEqualTo(ExitCode.OK);
        List<String> lines = help.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Usage: upgrade-check " + command + " [OPTIONS]");
        assertThat(lines).contains("Connection:", "Output:", "Examples:", "Exit codes:");
        assertThat(lines).anyMatch(l -> l.startsWith("  3  could not connect"));
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        int connection = lines.indexOf("Connection:");
        int url = lines.indexOf(lines.stream().filter(l -> l.contains("--url=URL")).findFirst().orElseThrow());
        int output = lines.indexOf("Output:");
        assertThat(url).as("--url is listed under Connection").isGreaterThan(connection);
        assertThat(lines.indexOf(lines.stream().filter(l -> l.contains("--format=FORMAT")).findFirst().orElseThrow()))
                .isGreaterThan(output);
    }

    @Test
    void planOffersOnlyTheOptionsItUsesAndOneWayToNameTheTargetVersion() {
        CliRun.Result help = new CliRun().run("plan", "--help");
        assertThat(help.out()).contains("--to=VERSION", "--slot=NAME", "--tables=", "--window=", "--connect-url=")
                .doesNotContain("--target-version", "--max-lag", "--collections", "--quiet", "--verbose", "--color",
                        "to check");

        CliRun.Result unused = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16",
                "--max-lag", "64MB");
        assertThat(unused.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unused.err()).contains("--max-lag");

        // --target-version, plan's old name for --to, still runs the scripts written with it
        CliRun.Result to = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16");
        CliRun.Result old = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--target-version", "16");
        assertThat(old.exitCode()).as(old.toString()).isEqualTo(ExitCode.OK);
        assertThat(old.out()).isEqualTo(to.out()).contains("14 -> 16");
        CliRun.Result both = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16",
                "--target-version", "17");
        assertThat(both.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(both.err().strip().lines()).hasSize(1);
        assertThat(both.err()).contains("--to 16", "--target-version 17");
    }

    @Test
    void completionPrintsAScriptBashAccepts(@TempDir Path dir) throws Exception {
        CliRun.Result r = new CliRun().run("completion", "bash");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("complete -F", "precheck", "snapshot-advice", "--save-baseline");
        assertThat(new CliRun().run("completion", "zsh").out()).isEqualTo(r.out());

        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash checks the script's syntax");
        Path script = Files.writeString(dir.resolve("upgrade-check.bash"), r.out());
        Process bash = new ProcessBuilder("/bin/bash", "-n", script.toString()).redirectErrorStream(true).start();
        String said = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(said).isZero();
    }
}
