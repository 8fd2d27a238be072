package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.testing.RecordedCatalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.upgradecheck.testing.RecordedCatalog.rows;

/**
 * Recorded catalog answers for one Oracle database, shaped as the views return them (Oracle Database Reference:
 * V$DATABASE, V$LOG, V$ARCHIVED_LOG, ALL_LOG_GROUPS, ALL_USERS, SESSION_PRIVS, ALL_TAB_PRIVS, DBA_*_PRIVS,
 * V$LOGMNR_SESSION, V$SESSION, V$RMAN_BACKUP_JOB_DETAILS; NUMBER columns arrive as BigDecimal, flags as
 * 'YES'/'NO'). Starts as a well-configured 19c non-CDB with a CDC user logged in, a reader mining in its own
 * session and last night's backup; each setter breaks one thing.
 */
final class OracleFixture {

    static final String URL = "jdbc:oracle:thin:@//db.example:1521/ORCL";
    static final long DBID = 1_234_567_890L;
    static final long RESETLOGS = 1_920_977L;
    static final long CURRENT_SCN = 5_000_000L;

    String versionFull = "19.21.0.0.0";
    String sessionUser = "CDC";
    String containerName = "ORCL";
    String containerId = "0";
    boolean rds = false;
    String logMode = "ARCHIVELOG";
    String supplementalMin = "YES";
    String supplementalAll = "NO";
    long dbid = DBID;
    long resetlogs = RESETLOGS;
    long currentScn = CURRENT_SCN;
    /** The captured table answer: null = not visible in ALL_TABLES; else its count of ALL COLUMN log groups. */
    Integer tableAllColumnGroups = 1;
    List<List<?>> redoLogs = new ArrayList<>(List.of(
            redo(1, 1, 41, 200, "YES", "INACTIVE", 4_800_000),
            redo(2, 1, 42, 200, "YES", "INACTIVE", 4_900_000),
            redo(3, 1, 43, 200, "NO", "CURRENT", 4_950_000)));
    /** V$ARCHIVED_LOG since the baseline: THREAD#, SEQUENCE#, FIRST_CHANGE#, NEXT_CHANGE#, DELETED, STATUS. */
    List<List<?>> archivedSince = new ArrayList<>(List.of(
            archived(38, 3_900_000, 4_200_000, "NO"),
            archived(39, 4_200_000, 4_500_000, "NO"),
            archived(40, 4_500_000, 4_800_000, "NO"),
            archived(41, 4_800_000, 4_900_000, "NO"),
            archived(42, 4_900_000, 4_950_000, "NO")));
    long filesOnDisk = 40;
    long oldestOnDisk = 1_000_000;
    long oldestAgeSeconds = 3 * 24 * 3600;
    String userCommon = "NO";
    boolean userExists = true;
    List<String> systemPrivileges = new ArrayList<>(List.of("CREATE SESSION", "LOGMINING", "FLASHBACK ANY TABLE",
            "SELECT ANY TRANSACTION", "SET CONTAINER"));
    List<List<?>> objectPrivileges = new ArrayList<>(List.of(
            List.of("V_$DATABASE", "SELECT"), List.of("V_$LOG", "SELECT"), List.of("V_$LOGFILE", "SELECT"),
            List.of("V_$ARCHIVED_LOG", "SELECT"), List.of("V_$LOGMNR_CONTENTS", "SELECT"),
            List.of("V_$LOGMNR_LOGS", "SELECT"), List.of("V_$TRANSACTION", "SELECT"),
            List.of("DBMS_LOGMNR", "EXECUTE")));
    /** V$LOGMNR_SESSION (persistent sessions only): SESSION_ID, SESSION_NAME, SESSION_STATE, PROCESSED_SCN. */
    List<List<?>> logminerSessions = new ArrayList<>();
    /** V$SESSION rows mining in their own session: SID, SERIAL#, USERNAME, PROGRAM, STATUS, LAST_CALL_ET. */
    List<List<?>> miningSessions = new ArrayList<>(List.of(
            miningSession(245, 31, "CDC", "JDBC Thin Client", "ACTIVE", 2)));
    /** V$RMAN_BACKUP_JOB_DETAILS grouped: INPUT_TYPE, STATUS, LAST_END, AGE_SECONDS. */
    List<List<?>> backupJobs = new ArrayList<>(List.of(
            backupJob("DB INCR", "COMPLETED", "2025-03-09 02:00", 20 * 3600),
            backupJob("ARCHIVELOG", "COMPLETED", "2025-03-09 21:00", 3600)));
    SQLException databaseFailure;
    SQLException dbaPrivilegesFailure;
    SQLException sessionFailure;
    SQLException backupFailure;

    private RecordedCatalog recorded;

    static List<?> redo(int group, int thread, long sequence, long megabytes, String archived, String status,
                        long firstScn) {
        return List.of(BigDecimal.valueOf(group), BigDecimal.valueOf(thread), BigDecimal.valueOf(sequence),
                BigDecimal.valueOf(megabytes * 1024 * 1024), BigDecimal.ONE, archived, status,
                BigDecimal.valueOf(firstScn));
    }

    static List<?> archived(long sequence, long first, long next, String deleted) {
        return List.of(BigDecimal.ONE, BigDecimal.valueOf(sequence), BigDecimal.valueOf(first),
                BigDecimal.valueOf(next), deleted, "NO".equals(deleted) ? "A" : "D");
    }

    static List<?> miningSession(long sid, long serial, String user, String program, String status, long lastCallSeconds) {
        return List.of(BigDecimal.valueOf(sid), BigDecimal.valueOf(serial), user, program, status,
                BigDecimal.valueOf(lastCallSeconds));
    }

    static List<?> logminerSession(long id, String name, String state, long processedScn) {
        return List.of(BigDecimal.valueOf(id), name, state, BigDecimal.valueOf(processedScn));
    }

    static List<?> backupJob(String inputType, String status, String lastEnd, long ageSeconds) {
        return List.of(inputType, status, lastEnd, BigDecimal.valueOf(ageSeconds));
    }

    static SQLException tableOrViewDoesNotExist() {
        return new SQLException("ORA-00942: table or view does not exist", "42000", 942);
    }

    static SQLException insufficientPrivileges() {
        return new SQLException("ORA-01031: insufficient privileges", "42000", 1031);
    }

    OracleFixture cdbRoot(String user) {
        containerName = "CDB$ROOT";
        containerId = "1";
        sessionUser = user;
        userCommon = "YES";
        return this;
    }

    OracleFixture pdb(String name) {
        containerName = name;
        containerId = "3";
        return this;
    }

    Connection connection() {
        return recorded().connection();
    }

    RecordedCatalog recorded() {
        if (recorded == null) {
            recorded = build();
        }
        return recorded;
    }

    private RecordedCatalog build() {
        RecordedCatalog db = new RecordedCatalog()
                .answer("SET TRANSACTION READ ONLY", rows(List.of()))
                .answer("SYS_CONTEXT('USERENV', 'SESSION_USER')", rows(List.of("SESSION_USER", "CON_NAME", "CON_ID"),
                        List.of(sessionUser, containerName, containerId)))
                .answer("FROM PRODUCT_COMPONENT_VERSION", rows(List.of("PRODUCT", "VERSION", "VERSION_FULL", "STATUS"),
                        List.of("Oracle Database 19c Enterprise Edition ", versionFull.replaceAll("^(\\d+)\\..*", "$1.0.0.0.0"),
                                versionFull, "Production")))
                .answer("WHERE USERNAME = 'RDSADMIN'", rows(List.of("N"), List.of(BigDecimal.valueOf(rds ? 1 : 0))));
        if (databaseFailure != null) {
            SQLException failure = databaseFailure;
            db.fail("FROM V$DATABASE", () -> failure);
        } else {
            db.answer("FROM V$DATABASE", rows(List.of("NAME", "DBID", "LOG_MODE", "SUPPLEMENTAL_LOG_DATA_MIN",
                            "SUPPLEMENTAL_LOG_DATA_ALL", "CDB", "CURRENT_SCN", "RESETLOGS_CHANGE#"),
                    List.of("ORCL", BigDecimal.valueOf(dbid), logMode, supplementalMin, supplementalAll,
                            "0".equals(containerId) ? "NO" : "YES", BigDecimal.valueOf(currentScn),
                            BigDecimal.valueOf(resetlogs))));
        }
        db.answer("FROM V$LOG ORDER BY", new RecordedCatalog.Rows(List.of("GROUP#", "THREAD#", "SEQUENCE#", "BYTES",
                "MEMBERS", "ARCHIVED", "STATUS", "FIRST_CHANGE#"), copy(redoLogs)));
        db.answer("COUNT(*) AS FILES", rows(List.of("FILES", "OLDEST_SCN", "OLDEST_AGE_SECONDS"),
                filesOnDisk == 0 ? java.util.Arrays.asList(BigDecimal.ZERO, null, null)
                        : List.of(BigDecimal.valueOf(filesOnDisk), BigDecimal.valueOf(oldestOnDisk),
                        BigDecimal.valueOf(oldestAgeSeconds))));
        db.answer("SELECT THREAD#, SEQUENCE#, FIRST_CHANGE#, NEXT_CHANGE#", new RecordedCatalog.Rows(
                List.of("THREAD#", "SEQUENCE#", "FIRST_CHANGE#", "NEXT_CHANGE#", "DELETED", "STATUS"),
                copy(archivedSince)));
        db.answer("FROM ALL_TABLES t", tableAllColumnGroups == null
                ? rows(List.of("OWNER", "TABLE_NAME", "ALL_COLUMN_GROUPS"))
                : rows(List.of("OWNER", "TABLE_NAME", "ALL_COLUMN_GROUPS"),
                List.of("APP", "ORDERS", BigDecimal.valueOf(tableAllColumnGroups))));
        db.answer("USERNAME, COMMON FROM ALL_USERS", userExists
                ? rows(List.of("USERNAME", "COMMON"), List.of(sessionUser, userCommon))
                : rows(List.of("USERNAME", "COMMON")));
        db.answer("FROM SESSION_PRIVS", new RecordedCatalog.Rows(List.of("PRIVILEGE"),
                systemPrivileges.stream().map(p -> (List<Object>) new ArrayList<Object>(List.of(p))).toList()));
        db.answer("FROM ALL_TAB_PRIVS", new RecordedCatalog.Rows(List.of("TABLE_NAME", "PRIVILEGE"),
                copy(objectPrivileges)));
        if (dbaPrivilegesFailure != null) {
            SQLException failure = dbaPrivilegesFailure;
            db.fail("FROM DBA_SYS_PRIVS", () -> failure);
        } else {
            db.answer("FROM DBA_SYS_PRIVS", new RecordedCatalog.Rows(List.of("PRIVILEGE"),
                    systemPrivileges.stream().map(p -> (List<Object>) new ArrayList<Object>(List.of(p))).toList()));
        }
        db.answer("FROM DBA_TAB_PRIVS", new RecordedCatalog.Rows(List.of("TABLE_NAME", "PRIVILEGE"),
                copy(objectPrivileges)));
        db.answer("FROM V$LOGMNR_SESSION", new RecordedCatalog.Rows(List.of("SESSION_ID", "SESSION_NAME",
                "SESSION_STATE", "PROCESSED_SCN"), copy(logminerSessions)));
        answerOrFail(db, "FROM V$SESSION s", sessionFailure, new RecordedCatalog.Rows(List.of("SID", "SERIAL#",
                "USERNAME", "PROGRAM", "STATUS", "LAST_CALL_ET"), copy(miningSessions)));
        answerOrFail(db, "FROM V$RMAN_BACKUP_JOB_DETAILS", backupFailure, new RecordedCatalog.Rows(List.of(
                "INPUT_TYPE", "STATUS", "LAST_END", "AGE_SECONDS"), copy(backupJobs)));
        db.answer("WHERE g.LOG_GROUP_TYPE", rows(List.of("OWNER", "TABLE_NAME"), List.of("APP", "ORDERS"),
                List.of("APP", "Order Lines")));
        return db;
    }

    private static void answerOrFail(RecordedCatalog db, String key, SQLException failure, RecordedCatalog.Rows rows) {
        if (failure != null) {
            db.fail(key, () -> failure);
        } else {
            db.answer(key, rows);
        }
    }

    private static List<List<Object>> copy(List<List<?>> rows) {
        return rows.stream().map(r -> (List<Object>) new ArrayList<Object>(r)).toList();
    }
}
