package dev.upgradecheck.safety;

import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guarantees for every engine the registry finds through ServiceLoader, each run through the engine's
 * {@link SafetyFixture}: it never writes, never shows a secret, never hangs. A new engine falls inside them by
 * registering its fixture; an engine without one fails here.
 */
class EngineSafetyTest {

    /** Distinctive, with the characters that break naive masking: URL syntax, quotes, braces, escapes, non-ASCII. */
    static final String PASSWORD = "Hx9!z;K&p{w}%2F=@:/'\"\\ ünï-42";

    enum PasswordSource { ENV, FILE, PROMPT }

    /** One running source per engine for the whole class: servers are expensive on a shared 2-core machine. */
    private static final Map<String, SafetyFixture.Source> STARTED = new HashMap<>();

    static synchronized SafetyFixture.Source source(SafetyFixture fixture) throws Exception {
        if (!STARTED.containsKey(fixture.engine())) {
            STARTED.put(fixture.engine(), fixture.start(PASSWORD, Files.createTempDirectory("safety-" + fixture.engine())));
        }
        return STARTED.get(fixture.engine());
    }

    @AfterAll
    static void stopSources() throws Exception {
        for (SafetyFixture.Source source : STARTED.values()) {
            source.close();
        }
    }

    static List<String> engines() {
        return SafetyFixtures.engines();
    }

    static List<SafetyFixture> fixtures() {
        return SafetyFixtures.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyEngineHasASafetyFixture(String engine) {
        assertThat(SafetyFixtures.of(engine)).as("no SafetyFixture registered for engine " + engine
                + " in src/test/resources/META-INF/services/dev.upgradecheck.safety.SafetyFixture").isPresent();
    }

    /** The worked example of docs/architecture.md: registered in test resources only, and found like the others. */
    @Test
    void theTestOnlyToyEngineIsFoundWithItsFixture() {
        assertThat(engines()).contains("toy", "postgres", "mysql", "sqlserver", "oracle", "mongodb");
        assertThat(SafetyFixtures.of("toy")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aHostThatAcceptsButNeverSpeaksEndsWithinTheConnectTimeout(SafetyFixture fixture) throws Exception {
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();
            CliRun.Result r = new CliRun().env("UPGRADE_CHECK_PASSWORD", "pw").run("precheck", "--engine",
                    fixture.engine(), "--url", fixture.urlAt(silent.port()), "--user", "cdc",
                    "--connect-timeout", "2s", "--query-timeout", "30s", "--format", "json");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(silent.connections()).as("the client reached the silent host").isPositive();
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(elapsed).as(r.toString()).isLessThan(Duration.ofSeconds(2 + 6));
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).as("names the bound that fired").containsPattern("(?i)(timed? ?out|timeout|within)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyRequestSentIsARead(SafetyFixture fixture) throws Exception {
        SafetyFixture.Source source = source(fixture);
        source.sent();
        Path baseline = Files.createTempDirectory("read-only").resolve("b.json");

        for (List<String> command : List.of(List.of("precheck", "--save-baseline", baseline.toString()),
                List.of("verify", "--baseline", baseline.toString()),
                List.of("snapshot-advice", "--baseline", baseline.toString()))) {
            CliRun.Result r = run(fixture, source, PasswordSource.ENV, command, List.of("--format", "json"));
            assertThat(r.exitCode()).as(command + "\n" + r).isIn(0, 1);
        }
        SafetyFixture.Recorded sent = source.sent();

        Assumptions.assumeTrue(sent.unavailable().isEmpty(), () -> fixture.engine() + ": " + sent.whyNone());
        assertThat(sent.requests()).as("the source recorded the tool's requests").isNotEmpty();
        assertThat(sent.requests()).allSatisfy(request -> assertThat(sent.isRead().test(request)).as(request).isTrue());
    }

    static Stream<Arguments> secretsMatrix() {
        List<Arguments> all = new ArrayList<>();
        for (SafetyFixture fixture : fixtures()) {
            for (String format : List.of("text", "json", "junit", "markdown")) {
                all.add(Arguments.of(fixture, format, PasswordSource.ENV));
            }
            all.add(Arguments.of(fixture, "json", PasswordSource.FILE));
            all.add(Arguments.of(fixture, "text", PasswordSource.PROMPT));
        }
        return all.stream();
    }

    /** With --debug: the password is in no stdout, stderr, --output report or saved baseline. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("secretsMatrix")
    void thePasswordAppearsInNoOutputReportOrBaseline(SafetyFixture fixture, String format, PasswordSource password)
            throws Exception {
        SafetyFixture.Source source = source(fixture);
        Path dir = Files.createTempDirectory("secrets");
        Path report = dir.resolve("report." + format);
        Path baseline = dir.resolve("baseline.json");

        CliRun.Result first = run(fixture, source, password, List.of("--debug", "precheck"), List.of("--format", format,
                "--output", report.toString(), "--save-baseline", baseline.toString()));
        CliRun.Result second = run(fixture, source, password, List.of("--debug", "verify"), List.of("--format", format,
                "--baseline", baseline.toString()));

        assertThat(first.exitCode()).as(first.toString()).isIn(0, 1);
        assertThat(second.exitCode()).as(second.toString()).isIn(0, 1);
        assertThat(report).exists();
        assertThat(baseline).exists();
        for (String written : List.of(first.out(), first.err(), second.out(), second.err(), Files.readString(report),
                Files.readString(baseline))) {
            SecretsTest.assertNoSecret(written, PASSWORD);
        }
    }

    private static CliRun.Result run(SafetyFixture fixture, SafetyFixture.Source source, PasswordSource password,
                                     List<String> command, List<String> more) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--engine", fixture.engine()));
        args.addAll(source.connection());
        Map<String, String> env = new HashMap<>();
        String stdin = "";
        switch (password) {
            case ENV -> env.put("UPGRADE_CHECK_PASSWORD", PASSWORD);
            case FILE -> {
                Path file = Files.createTempFile("password", "");
                Files.writeString(file, PASSWORD + "\n");
                args.addAll(List.of("--password-file", file.toString()));
            }
            case PROMPT -> {
                stdin = PASSWORD + "\n";
                args.add("--password-prompt");
            }
        }
        args.addAll(more);
        return CliRun.withEnv(env).engines(source.engines()).stdin(stdin).run(args);
    }
}
