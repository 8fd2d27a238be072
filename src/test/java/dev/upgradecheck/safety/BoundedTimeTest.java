package dev.upgradecheck.safety;

import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing the tool does waits without a bound. The margins are generous: these are correctness bounds
 * (the tool gives up at all, and close to when it said it would), not benchmarks.
 */
class BoundedTimeTest {

    static List<String> engines() {
        return Engines.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aHostThatAcceptsButNeverSpeaksEndsWithinTheConnectTimeout(String engine) throws Exception {
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();
            CliRun.Result r = new CliRun().env("UPGRADE_CHECK_PASSWORD", "pw").run("precheck", "--engine", engine,
                    "--url", Engines.urlFor(engine, silent.port()), "--user", "cdc",
                    "--connect-timeout", "2s", "--query-timeout", "30s", "--format", "json");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(silent.connections()).as("the client reached the silent host").isPositive();
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(elapsed).as(r.toString()).isLessThan(Duration.ofSeconds(2 + 6));
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).as("names the bound that fired").containsPattern("(?i)(timed? ?out|timeout|within)");
        }
    }
}
