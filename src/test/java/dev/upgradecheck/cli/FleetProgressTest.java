package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.safety.SilentServer;
import dev.upgradecheck.testing.PseudoTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The on-call engineer watching a fleet run (issue 15, item 17): the bar on a terminal's stderr, stdout to a file. */
class FleetProgressTest {

    @TempDir
    Path dir;

    @Test
    void theBarShowsOnAStderrTerminalNamingTheTargetsStillRunningWithAMovingClock() throws Exception {
        assumeTrue(PseudoTerminal.available(), "util-linux script(1) gives the pseudo-terminal");
        try (SilentServer silent = new SilentServer()) {
            String url = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/orders";
            Path inventory = Files.writeString(dir.resolve("fleet.yaml"), "defaults:\n  engine: postgres\ntargets:\n"
                    + "  - name: orders-primary\n    url: " + url + "\n  - name: billing\n    url: " + url + "\n");
            Path report = dir.resolve("report.json");

            PseudoTerminal.Screen screen = PseudoTerminal.run(List.of("precheck", "--inventory", inventory.toString(),
                    "--connect-timeout", "3s", "--format", "json"), "> '" + report + "'", null, null);

            assertThat(screen.exitCode()).as(screen.text()).isEqualTo(ExitCode.CONNECTION_FAILED);
            assertThat(screen.text()).contains("targets", "running: billing, orders-primary");
            Matcher clock = Pattern.compile("0:00:0(\\d)").matcher(screen.text());
            java.util.Set<String> seconds = new java.util.TreeSet<>();
            while (clock.find()) {
                seconds.add(clock.group(1));
            }
            assertThat(seconds).as("the clock moved while nothing finished: %s", screen.text()).hasSizeGreaterThan(1);
            assertThat(Json.mapper().readTree(report.toFile()).get("targets")).hasSize(2);
        }
    }
}
