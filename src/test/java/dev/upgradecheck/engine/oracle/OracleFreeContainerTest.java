package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.engine.EngineRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real Oracle Database Free (runs where Docker exists, i.e. the GitHub workflow; skipped here).
 * The image starts in NOARCHIVELOG without supplemental logging: the test sees both reported, then fixes them
 * step by step from an admin session and sees precheck pass.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OracleFreeContainerTest {

    /**
     * Where the archiver writes once ARCHIVELOG is on: a recovery area of the test's own, not whatever the image
     * build left (gvenzl's builds shrink the database and have removed the recovery area before).
     */
    private static final String RECOVERY_AREA = "/opt/oracle/oradata/recovery_area";

    @org.testcontainers.junit.jupiter.Container
    static final OracleContainer ORACLE = new OracleContainer("gvenzl/oracle-free:23-slim-faststart")
            .withStartupTimeout(Duration.ofMinutes(5));

    /** SQL*Plus as SYSDBA inside the container: the only way to restart into MOUNT for ARCHIVELOG. */
    private static void sysdba(String script) throws Exception {
        // a quoted here-document: bash leaves the script alone (V$ names, quotes)
        Container.ExecResult r = ORACLE.execInContainer("bash", "-c",
                "sqlplus -s / as sysdba <<'SQL'\nWHENEVER SQLERROR EXIT 1\n" + script + "\nEXIT\nSQL\n");
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
    }

    private static void asApplicationUser(String sql) throws Exception {
        try (Connection app = DriverManager.getConnection(ORACLE.getJdbcUrl(), ORACLE.getUsername(), ORACLE.getPassword());
             Statement s = app.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void reportsMisconfigurationThenPassesOnceConfigured() throws Exception {
        String user = ORACLE.getUsername().toUpperCase();
        sysdba("""
                ALTER SESSION SET CONTAINER = FREEPDB1;
                GRANT SELECT ANY DICTIONARY, LOGMINING, FLASHBACK ANY TABLE, SELECT ANY TRANSACTION TO %s;
                GRANT EXECUTE ON SYS.DBMS_LOGMNR TO %s;""".formatted(user, user));
        asApplicationUser("CREATE TABLE ORDERS (ID NUMBER PRIMARY KEY, NOTE VARCHAR2(100))");

        CliRun.Result before = runWithPassword();
        assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(1);
        assertThat(before.status("oracle.archivelog")).isEqualTo("FAIL");
        assertThat(before.status("oracle.supplemental_logging")).isEqualTo("FAIL");
        assertThat(before.status("oracle.supplemental_logging.tables")).isEqualTo("FAIL");
        assertThat(before.json().at("/server/details/cdb").asText()).isEqualTo("yes");

        sysdba("ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;");
        asApplicationUser("ALTER TABLE ORDERS ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS");
        CliRun.Result logged = runWithPassword();
        assertThat(logged.status("oracle.supplemental_logging")).as(logged.out()).isEqualTo("PASS");
        assertThat(logged.status("oracle.supplemental_logging.tables")).isEqualTo("PASS");
        assertThat(logged.status("oracle.archivelog")).as("still NOARCHIVELOG").isEqualTo("FAIL");

        Container.ExecResult mkdir = ORACLE.execInContainer("mkdir", "-p", RECOVERY_AREA);
        assertThat(mkdir.getExitCode()).as(mkdir.getStderr()).isZero();
        // ALTER SYSTEM REGISTER: the restarted instance announces FREEPDB1 to the listener now, not within a minute
        sysdba("""
                ALTER SYSTEM SET DB_RECOVERY_FILE_DEST_SIZE = 2G;
                ALTER SYSTEM SET DB_RECOVERY_FILE_DEST = '%s';
                SHUTDOWN IMMEDIATE
                STARTUP MOUNT
                ALTER DATABASE ARCHIVELOG;
                ALTER DATABASE OPEN;
                ALTER PLUGGABLE DATABASE ALL OPEN;
                ALTER SYSTEM REGISTER;
                ALTER SYSTEM ARCHIVE LOG CURRENT;""".formatted(RECOVERY_AREA));
        CliRun.Result configured = runWithPassword();
        assertThat(configured.status("oracle.archivelog")).as(configured.out() + configured.err()).isEqualTo("PASS");
        assertThat(configured.status("oracle.archive_logs")).isIn("PASS", "WARN");
        assertThat(configured.status("oracle.cdc_user")).as("a local PDB user: WARN on 23").isEqualTo("WARN");
        assertThat(configured.status("oracle.reader")).as("nothing mines in a fresh container").isEqualTo("WARN");
        assertThat(configured.status("oracle.backup")).as("a fresh container has no RMAN backup").isEqualTo("WARN");
        assertThat(configured.exitCode()).as(configured.out()).isZero();
    }

    @Test
    void wrongPasswordExitsThreeInOneLine() {
        CliRun.Result r = OracleCli.run(EngineRegistry.load(), "precheck", "--engine", "oracle", "--url",
                ORACLE.getJdbcUrl(), "--user", ORACLE.getUsername(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("ORA-01017");
    }

    private static CliRun.Result runWithPassword() {
        return OracleCli.runWithEnv(Map.of("ORACLE_TEST_PASSWORD", ORACLE.getPassword()),
                EngineRegistry.load(), "precheck", "--engine", "oracle", "--url", ORACLE.getJdbcUrl(),
                "--user", ORACLE.getUsername(), "--password-env", "ORACLE_TEST_PASSWORD", "--format", "json",
                "--tables", ORACLE.getUsername() + ".ORDERS");
    }
}
