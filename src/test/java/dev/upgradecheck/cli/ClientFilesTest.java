package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.PasswordLogins;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the DBA's own clients read (issue 15, item 9): libpq's environment, pg_service.conf and ~/.pgpass against a
 * real PostgreSQL whose CDC role needs its password; the [client] section of ~/.my.cnf against a real MariaDB.
 */
class ClientFilesTest {

    static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        PasswordLogins.require(pg, "cdc", "s3cret-Pw");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void libpqsEnvironmentVariablesConnectWithoutAUrl() {
        CliRun.Result r = CliRun.withEnv(Map.of("PGHOST", "localhost", "PGPORT", String.valueOf(pg.getPort()),
                "PGDATABASE", "postgres", "PGUSER", "cdc", "PGPASSWORD", "s3cret-Pw", "PGSSLMODE", "disable"))
                .run("precheck", "--engine", "postgres", "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
        assertThat(r.out() + r.err()).doesNotContain("s3cret-Pw");
    }

    @Test
    void aPgServiceEntryNamesHostPortDatabaseAndUser() throws Exception {
        Path services = Files.writeString(dir.resolve("pg_service.conf"), "# ours\n[other]\nhost=nowhere\n\n[orders]\n"
                + "host=localhost\nport=" + pg.getPort() + "\ndbname=postgres\nuser=cdc\n");
        CliRun.Result r = CliRun.withEnv(Map.of("PGSERVICE", "orders", "PGSERVICEFILE", services.toString(),
                "PGPASSWORD", "s3cret-Pw")).run("precheck", "--engine", "postgres", "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
    }

    /** pgjdbc reads the process's own PGPASSFILE: the real entry point in its own JVM. */
    @Test
    void pgpassGivesThePasswordAsItDoesForPsql() throws Exception {
        Path pgpass = Files.writeString(dir.resolve("pgpass"), "localhost:" + pg.getPort() + ":*:cdc:s3cret-Pw\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.upgradecheck.cli.Main", "precheck", "--url",
                "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "--user", "cdc", "--format", "json")
                .redirectErrorStream(true);
        builder.environment().remove("UPGRADE_CHECK_PASSWORD");
        builder.environment().put("PGPASSFILE", pgpass.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
        assertThat(out).contains("\"schemaVersion\"");
    }

    @Test
    void theClientSectionOfMyCnfGivesUserAndPassword() throws Exception {
        assumeTrue(MariadbTestServer.installed(), "Debian's mariadb-server is not installed here");
        try (MariadbTestServer mariadb = MariadbTestServer.start()) {
            mariadb.adminExecute("CREATE USER 'cnf_user'@'%' IDENTIFIED BY 'Cnf-Pw-42'",
                    "GRANT REPLICATION CLIENT, REPLICATION SLAVE, SELECT ON *.* TO 'cnf_user'@'%'");
            Files.writeString(dir.resolve(".my.cnf"), "[mysqld]\nuser=mysql\n\n[client]\nuser = cnf_user\n"
                    + "password = \"Cnf-Pw-42\"\n");
            CliRun.Result r = CliRun.withEnv(Map.of("HOME", dir.toString()))
                    .run(List.of("precheck", "--engine", "mariadb", "--url", mariadb.url(), "--format", "json"));
            assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
            assertThat(r.out() + r.err()).doesNotContain("Cnf-Pw-42");

            CliRun.Result without = CliRun.withEnv(Map.of("HOME", dir.resolve("elsewhere").toString()))
                    .run(List.of("precheck", "--engine", "mariadb", "--url", mariadb.url(), "--user", "cnf_user"));
            assertThat(without.exitCode()).as("the file is what logged in: %s", without)
                    .isEqualTo(ExitCode.CONNECTION_FAILED);
        }
    }
}
