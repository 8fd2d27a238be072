package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import dev.upgradecheck.testing.PasswordLogins;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single source's session is opened while the command still loads its checks and reads its inputs
 * ({@link EarlySession}), on a real PostgreSQL: input found bad meanwhile leaves no session behind, and a refused
 * login fails as it did when the command connected itself.
 */
class EarlySessionTest {

    private static final String PASSWORD = "Early-s3cret";

    static EmbeddedPostgres pg;
    static String url;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        PasswordLogins.require(pg, "cdc", PASSWORD);
        url = PgServers.database(pg, "early_session");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    /** Sessions ever established in the tool's database, and those of the tool still open there. */
    private record Sessions(long established, long open) {
    }

    private static Sessions sessions() throws Exception {
        try (Connection c = DriverManager.getConnection(PgServers.url(pg), "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     SELECT (SELECT sessions FROM pg_stat_database WHERE datname = 'early_session'),
                            (SELECT count(*) FROM pg_stat_activity
                             WHERE datname = 'early_session' AND application_name = 'upgrade-check')""")) {
            r.next();
            return new Sessions(r.getLong(1), r.getLong(2));
        }
    }

    @Test
    void aCorruptBaselineFoundWhileConnectingLeavesNoSessionOpen(@TempDir Path dir) throws Exception {
        Path baseline = Files.writeString(dir.resolve("before.json"), "{\"schemaVersion\": 1, \"engine\": ");
        long before = sessions().established();

        CliRun.Result r = PgServers.cli("verify", url, "--baseline", baseline.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().lines()).as(r.toString()).singleElement().asString().contains(baseline.toString());
        // the session was opened (the counter moves when it is established) and closed without being used
        Sessions after = Eventually.poll(Duration.ofSeconds(10), Duration.ofMillis(50), EarlySessionTest::sessions,
                s -> s.established() > before && s.open() == 0);
        assertThat(after.established()).as("sessions established by the tool").isEqualTo(before + 1);
        assertThat(after.open()).as("sessions of the tool still open").isZero();
    }

    @Test
    void aLoginThatWantsAPasswordFailsWithItsOneLineAndExit3() {
        CliRun.Result r = new CliRun().run("verify", "--engine", "postgres", "--url", url, "--user", "cdc",
                "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(r.err().lines()).as(r.toString()).singleElement().asString()
                .startsWith("upgrade-check: ").contains("no password was given: " + ResolvedTarget.PASSWORD_SOURCES);
        assertThat(r.json().path("checks").get(0).path("id").asText()).isEqualTo("pg.connection");
    }
}
