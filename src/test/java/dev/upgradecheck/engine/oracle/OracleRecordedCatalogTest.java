package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.testing.RecordedCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.upgradecheck.engine.oracle.OracleCli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Every Oracle check through the CLI and the engine's session, against recorded catalog answers. */
@ExtendWith({RecordedCatalog.EveryQueryAnswered.class, RecordedCatalog.EveryAnswerAsked.class})
class OracleRecordedCatalogTest {

    @TempDir
    Path dir;

    private static CliRun.Result precheck(OracleFixture db, String... extra) {
        List<String> args = new ArrayList<>(List.of("precheck", "--engine", "oracle", "--url", OracleFixture.URL,
                "--user", db.sessionUser, "--format", "json", "--tables", "app.orders"));
        args.addAll(List.of(extra));
        return run(db::connection, args.toArray(String[]::new));
    }

    private Path baseline(long scn) {
        OracleFixture before = new OracleFixture();
        before.currentScn = scn;
        Path file = dir.resolve("baseline-" + scn + ".json");
        CliRun.Result saved = precheck(before, "--save-baseline", file.toString());
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        return file;
    }

    private static CliRun.Result verify(OracleFixture db, Path baseline) {
        return run(db::connection, "verify", "--engine", "oracle", "--url", OracleFixture.URL, "--user",
                db.sessionUser, "--format", "json", "--tables", "APP.ORDERS", "--baseline", baseline.toString());
    }

    private static CliRun.Result advice(OracleFixture db, Path baseline) {
        return run(db::connection, "snapshot-advice", "--engine", "oracle", "--url", OracleFixture.URL, "--user",
                db.sessionUser, "--format", "json", "--tables", "APP.ORDERS", "--baseline", baseline.toString());
    }

    @Test
    void precheckPassesOnAWellConfiguredNonCdb() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = precheck(db, "--target-version", "19.23");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        for (String id : List.of("oracle.version", "oracle.archivelog", "oracle.supplemental_logging",
                "oracle.supplemental_logging.tables", "oracle.redo_logs", "oracle.archive_logs", "oracle.cdc_user",
                "oracle.reader", "oracle.backup")) {
            assertThat(r.status(id)).as(id).isEqualTo("PASS");
        }
        assertThat(r.json().at("/server/platform").asText()).isEqualTo("self-hosted");
        assertThat(r.json().at("/server/details/cdb").asText()).isEqualTo("no");
    }

    @Test
    void sessionIsReadOnlyAndOnlySelects() {
        OracleFixture db = new OracleFixture();
        precheck(db);

        List<String> sent = db.recorded().sent();
        assertThat(sent.get(0)).isEqualTo(OracleSession.READ_ONLY);
        assertThat(sent.subList(1, sent.size())).allMatch(s -> s.startsWith("SELECT"));
        assertThat(db.recorded().boundValues()).contains(List.of("APP", "ORDERS"));
    }

    @Test
    void precheckFailsInNoArchiveLogMode() {
        OracleFixture db = new OracleFixture();
        db.logMode = "NOARCHIVELOG";
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("oracle.archivelog")).isEqualTo("FAIL");
        assertThat(r.remedy("oracle.archivelog")).contains("ALTER DATABASE ARCHIVELOG;");
        assertThat(r.status("oracle.archive_logs")).isEqualTo("SKIP");
    }

    @Test
    void precheckFailsWithoutMinimalSupplementalLogging() {
        OracleFixture db = new OracleFixture();
        db.supplementalMin = "NO";
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("oracle.supplemental_logging")).isEqualTo("FAIL");
        assertThat(r.remedy("oracle.supplemental_logging")).isEqualTo("ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;");
    }

    @Test
    void implicitMinimalLoggingPasses() {
        OracleFixture db = new OracleFixture();
        db.supplementalMin = "IMPLICIT";
        db.supplementalAll = "YES";
        db.tableAllColumnGroups = 0;
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.supplemental_logging")).isEqualTo("PASS");
        assertThat(r.status("oracle.supplemental_logging.tables")).as("database-wide ALL covers every table")
                .isEqualTo("PASS");
    }

    @Test
    void precheckFailsForATableWithoutAllColumnLoggingWithQuotedRemedy() {
        OracleFixture db = new OracleFixture();
        db.tableAllColumnGroups = 0;
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("oracle.supplemental_logging.tables")).isEqualTo("FAIL");
        assertThat(r.remedy("oracle.supplemental_logging.tables"))
                .isEqualTo("ALTER TABLE \"APP\".\"ORDERS\" ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;");
    }

    @Test
    void tableCheckIsErrorWhenTheTableIsNotVisible() {
        OracleFixture db = new OracleFixture();
        db.tableAllColumnGroups = null;
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.supplemental_logging.tables")).isEqualTo("ERROR");
    }

    @Test
    void tableCheckSkipsWithoutTables() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = run(db::connection, "precheck", "--engine", "oracle", "--url", OracleFixture.URL,
                "--format", "json");

        assertThat(r.status("oracle.supplemental_logging.tables")).isEqualTo("SKIP");
    }

    @Test
    void deniedCatalogViewIsErrorNamingTheGrant() {
        OracleFixture db = new OracleFixture();
        db.databaseFailure = OracleFixture.insufficientPrivileges();
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("oracle.archivelog")).isEqualTo("ERROR");
        assertThat(r.remedy("oracle.archivelog")).isEqualTo("GRANT SELECT ON SYS.V_$DATABASE TO \"CDC\";");
        assertThat(r.check("oracle.archivelog").get("detail").asText()).contains("V$DATABASE", "ORA-01031");
    }

    @Test
    void missingLogMiningPrivilegeFailsWithGrant() {
        OracleFixture db = new OracleFixture();
        db.systemPrivileges.remove("LOGMINING");
        db.objectPrivileges.removeIf(p -> p.get(0).equals("DBMS_LOGMNR"));
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.cdc_user")).isEqualTo("FAIL");
        assertThat(r.remedy("oracle.cdc_user")).contains("GRANT LOGMINING TO \"CDC\";",
                "GRANT EXECUTE ON SYS.DBMS_LOGMNR TO \"CDC\";");
    }

    @Test
    void selectAnyDictionaryCoversTheViews() {
        OracleFixture db = new OracleFixture();
        db.systemPrivileges.add("SELECT ANY DICTIONARY");
        db.objectPrivileges.removeIf(p -> p.get(1).equals("SELECT"));
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.cdc_user")).isEqualTo("PASS");
    }

    @Test
    void anotherCdcUsersPrivilegesAreReadFromTheDbaViewsForThatUser() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = precheck(db, "--cdc-user", "dbz");

        assertThat(r.status("oracle.cdc_user")).as(r.toString()).isEqualTo("PASS");
        assertThat(db.recorded().sent()).anyMatch(sql -> sql.contains("FROM DBA_SYS_PRIVS"))
                .anyMatch(sql -> sql.contains("FROM DBA_TAB_PRIVS")).noneMatch(sql -> sql.contains("FROM SESSION_PRIVS"));
        // the unquoted name folds to upper case, bound for the grantee and the role walk of both views
        assertThat(db.recorded().boundValues()).contains(List.of("DBZ"), List.of("DBZ", "DBZ"));
    }

    @Test
    void anotherCdcUserIsReadFromDbaViewsAndDenialNamesTheGrant() {
        OracleFixture db = new OracleFixture();
        db.dbaPrivilegesFailure = new java.sql.SQLException("ORA-00942: table or view does not exist", "42000", 942);
        CliRun.Result r = precheck(db, "--cdc-user", "dbz");

        assertThat(r.status("oracle.cdc_user")).isEqualTo("ERROR");
        assertThat(r.remedy("oracle.cdc_user")).contains("GRANT SELECT ON SYS.DBA_SYS_PRIVS TO \"CDC\";",
                "GRANT SELECT ON SYS.DBA_ROLE_PRIVS TO \"CDC\";");
        assertThat(db.recorded().boundValues()).contains(List.of("DBZ"));
    }

    @Test
    void cdbRootNeedsCommonUserWithSetContainerGrantedForAllContainers() {
        OracleFixture db = new OracleFixture().cdbRoot("C##CDC");
        db.systemPrivileges.remove("SET CONTAINER");
        CliRun.Result r = precheck(db);

        assertThat(r.json().at("/server/details/cdb").asText()).isEqualTo("yes");
        assertThat(r.status("oracle.cdc_user")).isEqualTo("FAIL");
        assertThat(r.remedy("oracle.cdc_user")).isEqualTo("GRANT SET CONTAINER TO \"C##CDC\" CONTAINER=ALL;");
    }

    @Test
    void localUserInAPdbIsAWarningOn19c() {
        OracleFixture db = new OracleFixture().pdb("ORCLPDB1");
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.cdc_user")).isEqualTo("WARN");
        assertThat(r.status("oracle.supplemental_logging")).isEqualTo("PASS");
    }

    @Test
    void localUserInAPdbFailsBefore19c() {
        OracleFixture db = new OracleFixture().pdb("ORCLPDB1");
        db.versionFull = "12.2.0.1.0";
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.cdc_user")).isEqualTo("FAIL");
    }

    @Test
    void missingCdcUserFails() {
        OracleFixture db = new OracleFixture();
        db.userExists = false;
        CliRun.Result r = precheck(db, "--cdc-user", "nobody");

        assertThat(r.status("oracle.cdc_user")).isEqualTo("FAIL");
    }

    @Test
    void rdsRemediesUseRdsadmin() {
        OracleFixture db = new OracleFixture();
        db.rds = true;
        db.supplementalMin = "NO";
        db.objectPrivileges.removeIf(p -> p.get(0).equals("V_$LOGMNR_CONTENTS"));
        CliRun.Result r = precheck(db);

        assertThat(r.json().at("/server/platform").asText()).isEqualTo("rds");
        assertThat(r.remedy("oracle.supplemental_logging"))
                .isEqualTo("EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD');");
        assertThat(r.remedy("oracle.cdc_user")).isEqualTo("EXEC rdsadmin.rdsadmin_util.grant_sys_object("
                + "p_obj_name => 'V_$LOGMNR_CONTENTS', p_grantee => 'CDC', p_privilege => 'SELECT');");
    }

    @Test
    void archiverBehindIsAWarning() {
        OracleFixture db = new OracleFixture();
        db.redoLogs.set(0, OracleFixture.redo(1, 1, 41, 200, "NO", "INACTIVE", 4_800_000));
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.redo_logs")).isEqualTo("WARN");
    }

    @Test
    void archivedLogsYoungerThanTheWindowWarn() {
        OracleFixture db = new OracleFixture();
        db.oldestAgeSeconds = 1800;
        CliRun.Result r = precheck(db, "--window", "2h");

        assertThat(r.status("oracle.archive_logs")).isEqualTo("WARN");
        assertThat(r.remedy("oracle.archive_logs")).contains("RMAN");
    }

    @Test
    void readerMiningInItsOwnSessionPassesAndNamesTheSession() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.reader")).isEqualTo("PASS");
        assertThat(r.check("oracle.reader").get("observed").asText()).contains("245,31", "CDC");
    }

    @Test
    void persistentLogMinerSessionPassesWithHowFarItHasMined() {
        OracleFixture db = new OracleFixture();
        db.miningSessions.clear();
        db.logminerSessions.add(OracleFixture.logminerSession(1, "CDC$CAPTURE", "ACTIVE", 4_990_000));
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.reader")).isEqualTo("PASS");
        assertThat(r.check("oracle.reader").get("observed").asText()).contains("4990000", "10000 SCNs behind");
    }

    @Test
    void noReaderMiningIsAWarningNeverAFailure() {
        OracleFixture db = new OracleFixture();
        db.miningSessions.clear();
        db.logminerSessions.add(OracleFixture.logminerSession(1, "CDC$CAPTURE", "DETACHED", 4_990_000));
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.status("oracle.reader")).isEqualTo("WARN");
        assertThat(r.check("oracle.reader").get("observed").asText()).contains("DETACHED");
    }

    @Test
    void readerCheckInAPdbSaysReadersInTheRootAreNotVisible() {
        OracleFixture db = new OracleFixture().pdb("ORCLPDB1");
        db.miningSessions.clear();
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.reader")).isEqualTo("WARN");
        assertThat(r.check("oracle.reader").get("detail").asText()).contains("CDB$ROOT");
    }

    @Test
    void refusedSessionViewsAreErrorNamingEveryGrant() {
        OracleFixture db = new OracleFixture();
        db.sessionFailure = OracleFixture.insufficientPrivileges();
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("oracle.reader")).isEqualTo("ERROR");
        assertThat(r.remedy("oracle.reader")).isEqualTo("GRANT SELECT ON SYS.V_$SESSION TO \"CDC\";\n"
                + "GRANT SELECT ON SYS.V_$SQL TO \"CDC\";");
    }

    @Test
    void verifyWarnsWhenTheReaderHasNotResumed() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.miningSessions.clear();
        CliRun.Result r = verify(after, file);

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.status("oracle.reader")).isEqualTo("WARN");
    }

    @Test
    void recentDatabaseBackupPasses() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.backup")).isEqualTo("PASS");
        assertThat(r.check("oracle.backup").get("observed").asText()).contains("DB INCR", "2025-03-09 02:00");
    }

    @Test
    void onlyArchivelogBackupsWarnWithTheRmanRemedy() {
        OracleFixture db = new OracleFixture();
        db.backupJobs.removeIf(j -> j.get(0).equals("DB INCR"));
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.status("oracle.backup")).isEqualTo("WARN");
        assertThat(r.remedy("oracle.backup")).contains("BACKUP DATABASE PLUS ARCHIVELOG;", "RESTORE DATABASE VALIDATE;");
    }

    @Test
    void databaseBackupOlderThanAWeekWarnsAndNamesNewerFailures() {
        OracleFixture db = new OracleFixture();
        db.backupJobs.set(0, OracleFixture.backupJob("DB FULL", "COMPLETED", "2025-02-20 02:00", 18 * 24 * 3600));
        db.backupJobs.add(OracleFixture.backupJob("DB INCR", "FAILED", "2025-03-09 02:00", 20 * 3600));
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.backup")).isEqualTo("WARN");
        assertThat(r.check("oracle.backup").get("observed").asText()).contains("DB FULL", "2025-02-20");
        assertThat(r.check("oracle.backup").get("detail").asText()).contains("DB INCR FAILED");
    }

    @Test
    void refusedBackupViewIsErrorNamingTheGrant() {
        OracleFixture db = new OracleFixture();
        db.backupFailure = OracleFixture.tableOrViewDoesNotExist();
        CliRun.Result r = precheck(db);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("oracle.backup")).isEqualTo("ERROR");
        assertThat(r.remedy("oracle.backup")).isEqualTo("GRANT SELECT ON SYS.V_$RMAN_BACKUP_JOB_DETAILS TO \"CDC\";");
        assertThat(r.check("oracle.backup").get("detail").asText()).contains("ORA-00942");
    }

    @Test
    void rdsBackupsAreSkippedAsTakenByTheService() {
        OracleFixture db = new OracleFixture();
        db.rds = true;
        db.backupFailure = OracleFixture.insufficientPrivileges();
        CliRun.Result r = precheck(db);

        assertThat(r.status("oracle.backup")).isEqualTo("SKIP");
        assertThat(db.recorded().sent()).noneMatch(sql -> sql.contains("V$RMAN_BACKUP_JOB_DETAILS"));
    }

    @Test
    void majorUpgradeFromNonCdbTo23WarnsAboutMultitenant() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = precheck(db, "--target-version", "23");

        assertThat(r.status("oracle.version")).isEqualTo("WARN");
        assertThat(r.check("oracle.version").get("detail").asText()).contains("PDB");
    }

    @Test
    void targetBeyondTheDirectUpgradePathFails() {
        OracleFixture db = new OracleFixture();
        db.versionFull = "12.2.0.1.0";
        CliRun.Result r = precheck(db, "--target-version", "23");

        assertThat(r.status("oracle.version")).isEqualTo("FAIL");
        assertThat(r.check("oracle.version").get("detail").asText()).contains("only from 19c and 21c", "19c first");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void badTableNameIsBadInput() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = run(db::connection, "precheck", "--engine", "oracle", "--url", OracleFixture.URL,
                "--tables", "orders");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void baselineRecordsScnAndLayoutWithoutSecrets() throws Exception {
        Path file = baseline(4_000_000);
        String text = Files.readString(file);
        JsonNode state = Json.mapper().readTree(text).get("state");

        assertThat(state.get("currentScn").asText()).isEqualTo("4000000");
        assertThat(state.get("resetlogsScn").asText()).isEqualTo(String.valueOf(OracleFixture.RESETLOGS));
        assertThat(state.get("logMode").asText()).isEqualTo("ARCHIVELOG");
        assertThat(state.get("redoLogs")).hasSize(3);
        assertThat(state.get("tables").get(0).get("allColumnLogging").asBoolean()).isTrue();
        assertThat(text).doesNotContain(OracleCli.PASSWORD);
    }

    @Test
    void verifyPassesWhenNothingWasLost() {
        Path file = baseline(4_000_000);
        CliRun.Result r = verify(new OracleFixture(), file);

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.status("oracle.verify.database_identity")).isEqualTo("PASS");
        assertThat(r.status("oracle.archive_logs")).isEqualTo("PASS");
        assertThat(r.status("oracle.verify.redo_continuity")).isEqualTo("PASS");
        assertThat(r.status("oracle.redo_logs")).isEqualTo("PASS");
    }

    @Test
    void formerIdsStillSelectTheirRenamedChecksForOneRelease() {
        Path file = baseline(4_000_000);
        OracleFixture db = new OracleFixture();
        CliRun.Result only = run(db::connection, "verify", "--engine", "oracle", "--url",
                OracleFixture.URL, "--user", db.sessionUser, "--format", "json", "--tables", "APP.ORDERS", "--baseline",
                file.toString(), "--only", "oracle.redo_continuity", "--skip", "oracle.database_identity");

        assertThat(only.exitCode()).as(only.err()).isZero();
        assertThat(only.json().get("checks")).extracting(c -> c.get("id").asText())
                .containsExactly("oracle.verify.redo_continuity");
        assertThat(only.err()).contains("oracle.redo_continuity is now oracle.verify.redo_continuity")
                .contains("oracle.database_identity is now oracle.verify.database_identity");
    }

    @Test
    void verifyFailsWhenArchivedLogsAfterTheBaselineWereDeleted() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.archivedSince.set(0, OracleFixture.archived(38, 3_900_000, 4_200_000, "YES"));
        CliRun.Result r = verify(after, file);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("oracle.archive_logs")).isEqualTo("FAIL");
        assertThat(r.status("oracle.verify.redo_continuity")).isEqualTo("PASS");
    }

    @Test
    void verifyFailsWhenRedoWasNotArchivedAfterTheBaseline() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.archivedSince.remove(1); // sequence 39 never archived: NOARCHIVELOG during the upgrade
        CliRun.Result r = verify(after, file);

        assertThat(r.status("oracle.verify.redo_continuity")).isEqualTo("FAIL");
        assertThat(r.check("oracle.verify.redo_continuity").get("observed").asText()).contains("sequence 39");
    }

    @Test
    void verifyFailsOnADifferentDatabaseOrIncarnation() {
        Path file = baseline(4_000_000);
        OracleFixture other = new OracleFixture();
        other.dbid = 42;
        assertThat(verify(other, file).status("oracle.verify.database_identity")).isEqualTo("FAIL");

        OracleFixture reset = new OracleFixture();
        reset.resetlogs = 4_500_000;
        CliRun.Result r = verify(reset, file);
        assertThat(r.status("oracle.verify.database_identity")).isEqualTo("FAIL");
        assertThat(r.status("oracle.archive_logs")).isEqualTo("FAIL");
    }

    @Test
    void verifyWarnsWhenRedoLayoutChanged() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.redoLogs.add(OracleFixture.redo(4, 1, 44, 1024, "NO", "UNUSED", 0));
        CliRun.Result r = verify(after, file);

        assertThat(r.status("oracle.redo_logs")).isEqualTo("WARN");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void verifyFailsWhenSupplementalLoggingWasResetByTheUpgrade() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.supplementalMin = "NO";
        after.tableAllColumnGroups = 0;
        CliRun.Result r = verify(after, file);

        assertThat(r.status("oracle.supplemental_logging")).isEqualTo("FAIL");
        assertThat(r.status("oracle.supplemental_logging.tables")).isEqualTo("FAIL");
        assertThat(r.check("oracle.supplemental_logging.tables").get("detail").asText()).contains("APP.ORDERS");
    }

    @Test
    void redoCompleteAndLoggingIntactIsNoProofWithoutTheReadersOwnScn() {
        Path file = baseline(4_000_000);
        CliRun.Result r = advice(new OracleFixture(), file);

        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.json().get("verdict").asText()).isEqualTo("RECOMMENDED");
        assertThat(r.json().get("reasons").toString()).contains("connector's committed SCN");
        assertThat(r.json().at("/tables/0/table").asText()).isEqualTo("APP.ORDERS");
    }

    @Test
    void snapshotRequiredWhenSupplementalLoggingIsOff() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.supplementalMin = "NO";
        CliRun.Result r = advice(after, file);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(r.json().at("/tables/0/verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void snapshotRequiredWhenArchiveLogsNoLongerCoverTheBaseline() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.archivedSince.set(0, OracleFixture.archived(38, 3_900_000, 4_200_000, "YES"));
        assertThat(advice(after, file).json().get("verdict").asText()).isEqualTo("REQUIRED");

        OracleFixture gap = new OracleFixture();
        gap.archivedSince.remove(1);
        assertThat(advice(gap, file).json().get("verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void snapshotRequiredForATableThatLostItsLogGroup() {
        Path file = baseline(4_000_000);
        OracleFixture after = new OracleFixture();
        after.tableAllColumnGroups = 0;
        CliRun.Result r = advice(after, file);

        assertThat(r.json().get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(r.json().at("/tables/0/verdict").asText()).isEqualTo("REQUIRED");
    }

    @Test
    void baselineOfAnotherEngineOrCorruptIsBadInput() throws Exception {
        Path file = dir.resolve("corrupt.json");
        Path good = baseline(4_000_000);
        Files.writeString(file, Files.readString(good).replace("\"currentScn\" : \"4000000\"", "\"currentScn\" : \"x\""));
        CliRun.Result r = verify(new OracleFixture(), file);

        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void planFillsLiveTablesQuoted() {
        OracleFixture db = new OracleFixture();
        CliRun.Result r = run(db::connection, "plan", "--engine", "oracle", "--url", OracleFixture.URL,
                "--to", "23", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ALTER TABLE \\\"APP\\\".\\\"Order Lines\\\" ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;");
    }

    @Test
    void planFailsNamingWhyWhenTheLiveNamesCannotBeRead() {
        OracleFixture db = new OracleFixture();
        db.loggedTablesFailure = new SQLException("ORA-01013: user requested cancel of current operation", "72000",
                1013);
        CliRun.Result r = run(db::connection, "plan", "--engine", "oracle", "--url", OracleFixture.URL,
                "--to", "23", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read the live names");
    }

    @Test
    void sessionBuiltOverAConnectionReportsFacts() {
        OracleFixture db = new OracleFixture().cdbRoot("C##CDC");
        db.rds = false;
        try (OracleSession session = OracleSession.over(db.connection(), dev.upgradecheck.value.HumanDuration.parse("5s"))) {
            assertThat(session.facts().cdb()).isTrue();
            assertThat(session.facts().inRoot()).isTrue();
            assertThat(session.facts().version().major()).isEqualTo(19);
            assertThat(session.server().version()).isEqualTo("19.21.0.0.0");
        }
    }

    @Test
    void unreachableListenerExitsThreeInOneLine() {
        CliRun.Result r = run(dev.upgradecheck.engine.EngineRegistry.load(), "precheck", "--engine", "oracle",
                "--url", "jdbc:oracle:thin:@//127.0.0.1:1/NOSUCH", "--user", "cdc", "--connect-timeout", "2s");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).doesNotContain(OracleCli.PASSWORD);
    }

    @Test
    void refusedUrlParameterExitsTwo() {
        CliRun.Result r = run(dev.upgradecheck.engine.EngineRegistry.load(), "precheck", "--engine", "oracle",
                "--url", "jdbc:oracle:thin:@config-file:///tmp/db.json");

        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void offlinePlanQuotesNamesForSqlAndShell() {
        CliRun.Result r = run(() -> { throw new AssertionError("plan without --url must not connect"); },
                "plan", "--engine", "oracle", "--from", "19", "--to", "23", "--tables", "app.orders,\"App\".\"Order Lines\"");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("--tables 'APP.ORDERS,\"App\".\"Order Lines\"'",
                "ALTER TABLE \"App\".\"Order Lines\" ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;",
                "ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;");
    }
}
