package dev.upgradecheck.safety;

import dev.upgradecheck.engine.postgres.PgServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real entry point in its own process, with --debug: drivers and loggers write straight to the process's
 * stdout and stderr, past our reporters. Main wraps both streams in the redactor; this proves it on a live
 * PostgreSQL connection whose URL and environment carry the password.
 */
class ProcessOutputSecretsTest {

    static final String PASSWORD = "Pw4ProcessTest9x";
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void debugOutputOfDriversAndLoggersNeverShowsThePassword(@TempDir Path dir) throws Exception {
        String url = PgServers.url(pg) + "?password=" + PASSWORD;
        Path stdout = dir.resolve("out");
        Path stderr = dir.resolve("err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.upgradecheck.cli.Main",
                "--debug", "precheck", "--engine", "postgres", "--url", url,
                "--user", "postgres", "--format", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("UPGRADE_CHECK_PASSWORD", PASSWORD);
        Process process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the run ends").isTrue();
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isIn(0, 1);
        assertThat(out).as("the report was printed").contains("\"schemaVersion\"");
        assertThat(out + err).doesNotContain(PASSWORD);
    }
}
