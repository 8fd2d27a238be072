package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.PasswordLogins;
import dev.upgradecheck.testing.PseudoTerminal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DBA's habits (issue 15, items 11 and 12) against a real PostgreSQL 16 whose CDC role must log in with a
 * password: no password given, the password in the URL's user-info, typos, and the engine the URL implies.
 */
class DbaHabitsTest {

    static EmbeddedPostgres pg;
    static String hostPortDb;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        PasswordLogins.require(pg, "cdc", "s3cret-Pw");
        hostPortDb = "localhost:" + pg.getPort() + "/postgres";
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static CliRun.Result run(Map<String, String> env, String... args) {
        return CliRun.withEnv(env).run(args);
    }

    @Test
    void noPasswordAnywhereOffATerminalNamesTheUserAndTheThreeWaysToGiveOne() {
        CliRun.Result r = run(Map.of(), "precheck", "--engine", "postgres", "--url", "jdbc:postgresql://" + hostPortDb,
                "--user", "cdc");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("user cdc", "$UPGRADE_CHECK_PASSWORD", "--password-file", "--password-prompt");
    }

    @Test
    void aWrongPasswordNamesTheUserThatWasTried() {
        CliRun.Result r = run(Map.of("UPGRADE_CHECK_PASSWORD", "not-it"), "precheck", "--url",
                "jdbc:postgresql://" + hostPortDb, "--user", "cdc");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(r.err()).contains("authentication failed for user cdc").doesNotContain("not-it");
    }

    @Test
    void aPasswordInTheUrlsUserInfoLogsInAndIsNeverShown() {
        CliRun.Result r = run(Map.of(), "precheck", "--url", "jdbc:postgresql://cdc:s3cret-Pw@" + hostPortDb,
                "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
        assertThat(r.json().get("engine").asText()).as("inferred from the URL").isEqualTo("postgres");
        assertThat(r.out() + r.err()).doesNotContain("s3cret-Pw");
    }

    @Test
    void onATerminalItAsksForThePasswordTheServerWants() throws Exception {
        assumeTrue(PseudoTerminal.available(), "util-linux script(1) gives the pseudo-terminal");
        PseudoTerminal.Screen screen = PseudoTerminal.run(List.of("precheck", "--url", "jdbc:postgresql://" + hostPortDb,
                "--user", "cdc", "--format", "json"), "", "Password for cdc", "s3cret-Pw");
        assertThat(screen.exitCode()).as(screen.text()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
        assertThat(screen.text()).contains("\"schemaVersion\"").doesNotContain("s3cret-Pw");
    }

    @Test
    void aMissingSlotBeforeAnyUpgradeIsNotBlamedOnAnUpgrade() {
        CliRun.Result r = run(Map.of("UPGRADE_CHECK_PASSWORD", "s3cret-Pw"), "precheck", "--url",
                "jdbc:postgresql://" + hostPortDb, "--user", "cdc", "--slot", "never_created", "--format", "json");
        assertThat(r.status("pg.slot.exists")).as(r.toString()).isEqualTo("FAIL");
        assertThat(r.check("pg.slot.exists").get("detail").asText()).doesNotContain("upgrade")
                .contains("snapshot-advice");
    }

    @Test
    void theUrlsDbasTypeAreTakenAndNameTheirEngine() {
        Map<String, String> env = Map.of("UPGRADE_CHECK_PASSWORD", "s3cret-Pw");
        CliRun.Result libpq = run(env, "precheck", "--url", "postgresql://cdc@" + hostPortDb + "?sslmode=disable",
                "--format", "json");
        assertThat(libpq.exitCode()).as(libpq.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
        assertThat(libpq.json().get("engine").asText()).isEqualTo("postgres");

        CliRun.Result bare = run(env, "precheck", "--engine", "postgres", "--url", hostPortDb, "--user", "cdc",
                "--format", "json");
        assertThat(bare.exitCode()).as(bare.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);

        // a MySQL URI is taken as Connector/J's, engine and all: the refused connection is the proof (exit 3, not 2)
        String mysql = "mysql://cdc@127.0.0.1:" + dev.upgradecheck.testing.Ports.unused() + "/shop";
        CliRun.Result inferred = run(env, "precheck", "--url", mysql, "--connect-timeout", "2s");
        assertThat(inferred.exitCode()).as(inferred.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
    }

    @Test
    void defaultsComeFromFlagsThenEnvironmentThenTheConfigFile(@TempDir Path dir) throws Exception {
        String real = "jdbc:postgresql://" + hostPortDb;
        String nowhere = "jdbc:postgresql://127.0.0.1:" + dev.upgradecheck.testing.Ports.unused() + "/postgres";
        Path config = Files.writeString(dir.resolve("upgrade-check.yaml"),
                "engine: postgres\nurl: " + nowhere + "\nuser: nobody\npasswordEnv: PW\nconnectTimeout: 2s\n");

        CliRun.Result fromEnvironment = run(Map.of("UPGRADE_CHECK_URL", real, "UPGRADE_CHECK_USER", "cdc",
                "UPGRADE_CHECK_ENGINE", "postgres", "UPGRADE_CHECK_PASSWORD", "s3cret-Pw"), "precheck", "--format", "json");
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);

        CliRun.Result fileOnly = run(Map.of("PW", "s3cret-Pw"), "precheck", "--config", config.toString());
        assertThat(fileOnly.exitCode()).as("the file's unreachable URL: %s", fileOnly)
                .isEqualTo(ExitCode.CONNECTION_FAILED);

        CliRun.Result environmentOverFile = run(Map.of("PW", "s3cret-Pw", "UPGRADE_CHECK_URL", real),
                "precheck", "--config", config.toString(), "--user", "cdc", "--format", "json");
        assertThat(environmentOverFile.exitCode()).as(environmentOverFile.toString())
                .isIn(ExitCode.OK, ExitCode.CHECK_FAILED);

        Path withPassword = Files.writeString(dir.resolve("bad.yaml"), "engine: postgres\npassword: hunter2\n");
        CliRun.Result refused = run(Map.of(), "precheck", "--config", withPassword.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.err()).contains("line 2", "passwordEnv").doesNotContain("hunter2");
    }

    @Test
    void typosOfCommandsAndOptionsGetSuggestions() {
        CliRun.Result command = run(Map.of(), "prechek", "--engine", "postgres");
        assertThat(command.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(command.err()).contains("unknown command 'prechek'", "did you mean precheck?");

        CliRun.Result option = run(Map.of(), "precheck", "--engine", "postgres", "--fromat", "json");
        assertThat(option.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(option.err()).contains("unknown option '--fromat'", "did you mean --format?");
        assertThat(option.err()).doesNotContain("json");
    }

    @Test
    void anEngineThatDoesNotReadTheUrlSuggestsTheOneThatDoes() {
        CliRun.Result r = run(Map.of(), "precheck", "--engine", "mysql", "--url", "jdbc:postgresql://" + hostPortDb);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--engine mysql", "use --engine postgres");
    }
}
