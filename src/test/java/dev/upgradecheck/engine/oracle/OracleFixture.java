package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.testing.RecordedCatalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.upgradecheck.testing.RecordedCatalog.ANY_BOUND_VALUES;
import static dev.upgradecheck.testing.RecordedCatalog.rows;

/**
 * Recorded catalog answers for one Oracle database, shaped as the views return them (Oracle Database Reference:
 * V$DATABASE, V$LOG, V$ARCHIVED_LOG, ALL_LOG_GROUPS, ALL_USERS, SESSION_PRIVS, ALL_TAB_PRIVS, DBA_*_PRIVS,
 * V$LOGMNR_SESSION, V$SESSION, V$RMAN_BACKUP_JOB_DETAILS; NUMBER columns arrive as BigDecimal, flags as
 * 'YES'/'NO'). Starts as a well-configured 19c non-CDB with a CDC user logged in, a reader mining in its own
 * session and last night's backup; each setter breaks one thing.
 */
final class OracleFixture {

    // the statements this database answers, whole (RecordedCatalog matches them white space folded)
    static final String ARCHIVED_ON_DISK = """
            SELECT COUNT(*) AS FILES, MIN(FIRST_CHANGE#) AS OLDEST_SCN,
                   ROUND((SYSDATE - MIN(FIRST_TIME)) * 86400) AS OLDEST_AGE_SECONDS
              FROM V$ARCHIVED_LOG
             WHERE DELETED = 'NO' AND STATUS = 'A' AND RESETLOGS_CHANGE# = ?""";

    static final String TABLE_LOG_GROUPS = """
            SELECT t.OWNER, t.TABLE_NAME,
                   (SELECT COUNT(*) FROM ALL_LOG_GROUPS g
                     WHERE g.OWNER = t.OWNER AND g.TABLE_NAME = t.TABLE_NAME
                       AND g.LOG_GROUP_TYPE = 'ALL COLUMN LOGGING') AS ALL_COLUMN_GROUPS
              FROM ALL_TABLES t
             WHERE t.OWNER = ? AND t.TABLE_NAME = ?""";

    static final String OWN_OBJECT_PRIVILEGES = """
            SELECT TABLE_NAME, PRIVILEGE FROM ALL_TAB_PRIVS
             WHERE TABLE_SCHEMA = 'SYS'
               AND TABLE_NAME IN ('V_$DATABASE', 'V_$LOG', 'V_$LOGFILE', 'V_$ARCHIVED_LOG', 'V_$LOGMNR_CONTENTS',
                                  'V_$LOGMNR_LOGS', 'V_$TRANSACTION', 'DBMS_LOGMNR')""";

    static final String USER_SYSTEM_PRIVILEGES = """
            SELECT PRIVILEGE FROM DBA_SYS_PRIVS
             WHERE GRANTEE = ? OR GRANTEE = 'PUBLIC'
                OR GRANTEE IN (SELECT GRANTED_ROLE FROM DBA_ROLE_PRIVS
                                START WITH GRANTEE = ? CONNECT BY NOCYCLE PRIOR GRANTED_ROLE = GRANTEE)""";

    static final String USER_OBJECT_PRIVILEGES = """
            SELECT TABLE_NAME, PRIVILEGE FROM DBA_TAB_PRIVS
             WHERE OWNER = 'SYS'
               AND TABLE_NAME IN ('V_$DATABASE', 'V_$LOG', 'V_$LOGFILE', 'V_$ARCHIVED_LOG', 'V_$LOGMNR_CONTENTS',
                                  'V_$LOGMNR_LOGS', 'V_$TRANSACTION', 'DBMS_LOGMNR')
               AND (GRANTEE = ? OR GRANTEE = 'PUBLIC'
                    OR GRANTEE IN (SELECT GRANTED_ROLE FROM DBA_ROLE_PRIVS
                                    START WITH GRANTEE = ? CONNECT BY NOCYCLE PRIOR GRANTED_ROLE = GRANTEE))""";

    static final String PRODUCT_VERSION = """
            SELECT * FROM PRODUCT_COMPONENT_VERSION WHERE PRODUCT LIKE 'Oracle%'""";

    static final String SESSION_PRIVILEGES = """
            SELECT PRIVILEGE FROM SESSION_PRIVS""";

    static final String DATABASE = """
            SELECT NAME, DBID, LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_ALL, CDB,
                   CURRENT_SCN, RESETLOGS_CHANGE#
              FROM V$DATABASE""";

    static final String REDO_LOGS = """
            SELECT GROUP#, THREAD#, SEQUENCE#, BYTES, MEMBERS, ARCHIVED, STATUS, FIRST_CHANGE#
              FROM V$LOG
             ORDER BY THREAD#, GROUP#""";

    static final String LOGMINER_SESSIONS = """
            SELECT SESSION_ID, SESSION_NAME, SESSION_STATE, PROCESSED_SCN
              FROM V$LOGMNR_SESSION
             ORDER BY SESSION_ID""";

    static final String BACKUP_JOBS = """
            SELECT INPUT_TYPE, STATUS, TO_CHAR(MAX(END_TIME), 'YYYY-MM-DD HH24:MI') AS LAST_END,
                   ROUND((SYSDATE - MAX(END_TIME)) * 86400) AS AGE_SECONDS
              FROM V$RMAN_BACKUP_JOB_DETAILS
             WHERE END_TIME IS NOT NULL
             GROUP BY INPUT_TYPE, STATUS""";

    static final String MINING_SESSIONS = """
            SELECT s.SID, s.SERIAL#, s.USERNAME, s.PROGRAM, s.STATUS, s.LAST_CALL_ET
              FROM V$SESSION s
             WHERE s.TYPE = 'USER'
               AND s.SID <> TO_NUMBER(SYS_CONTEXT('USERENV', 'SID'))
               AND EXISTS (SELECT 1 FROM V$SQL q
                            WHERE q.SQL_ID IN (s.SQL_ID, s.PREV_SQL_ID)
                              AND (UPPER(q.SQL_TEXT) LIKE '%V$LOGMNR_CONTENTS%'
                                   OR UPPER(q.SQL_TEXT) LIKE '%DBMS_LOGMNR.START_LOGMNR%')
                              AND UPPER(q.SQL_TEXT) NOT LIKE '%SQL_TEXT%')
             ORDER BY s.SID""";

    static final String ARCHIVED_SINCE = """
            SELECT THREAD#, SEQUENCE#, FIRST_CHANGE#, NEXT_CHANGE#, DELETED, STATUS
              FROM V$ARCHIVED_LOG
             WHERE RESETLOGS_CHANGE# = ? AND NEXT_CHANGE# > ? AND STANDBY_DEST = 'NO'
             ORDER BY THREAD#, SEQUENCE#""";

    static final String SESSION_CONTEXT = """
            SELECT SYS_CONTEXT('USERENV', 'SESSION_USER') AS SESSION_USER,
                   SYS_CONTEXT('USERENV', 'CON_NAME') AS CON_NAME,
                   SYS_CONTEXT('USERENV', 'CON_ID') AS CON_ID
              FROM DUAL""";

    static final String CDC_USER = """
            SELECT USERNAME, COMMON FROM ALL_USERS WHERE USERNAME = ?""";

    static final String RDS_ADMIN_USER = """
            SELECT COUNT(*) AS N FROM ALL_USERS WHERE USERNAME = 'RDSADMIN'""";

    static final String ALL_COLUMN_LOGGED_TABLES = """
            SELECT g.OWNER, g.TABLE_NAME FROM ALL_LOG_GROUPS g
             WHERE g.LOG_GROUP_TYPE = 'ALL COLUMN LOGGING'
               AND g.OWNER NOT IN (SELECT USERNAME FROM ALL_USERS WHERE ORACLE_MAINTAINED = 'Y')
             ORDER BY g.OWNER, g.TABLE_NAME
             FETCH FIRST 1000 ROWS ONLY""";

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
    SQLException loggedTablesFailure;
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
                .answer(SESSION_CONTEXT, rows(List.of("SESSION_USER", "CON_NAME", "CON_ID"),
                        List.of(sessionUser, containerName, containerId)))
                .answer(PRODUCT_VERSION, rows(List.of("PRODUCT", "VERSION", "VERSION_FULL", "STATUS"),
                        List.of("Oracle Database 19c Enterprise Edition ", versionFull.replaceAll("^(\\d+)\\..*", "$1.0.0.0.0"),
                                versionFull, "Production")))
                .answer(RDS_ADMIN_USER, rows(List.of("N"), List.of(BigDecimal.valueOf(rds ? 1 : 0))));
        if (databaseFailure != null) {
            SQLException failure = databaseFailure;
            db.fail(DATABASE, () -> failure);
        } else {
            db.answer(DATABASE, rows(List.of("NAME", "DBID", "LOG_MODE", "SUPPLEMENTAL_LOG_DATA_MIN",
                            "SUPPLEMENTAL_LOG_DATA_ALL", "CDB", "CURRENT_SCN", "RESETLOGS_CHANGE#"),
                    List.of("ORCL", BigDecimal.valueOf(dbid), logMode, supplementalMin, supplementalAll,
                            "0".equals(containerId) ? "NO" : "YES", BigDecimal.valueOf(currentScn),
                            BigDecimal.valueOf(resetlogs))));
        }
        db.answer(REDO_LOGS, new RecordedCatalog.Rows(List.of("GROUP#", "THREAD#", "SEQUENCE#", "BYTES",
                "MEMBERS", "ARCHIVED", "STATUS", "FIRST_CHANGE#"), copy(redoLogs)));
        db.answer(ARCHIVED_ON_DISK, ANY_BOUND_VALUES, rows(List.of("FILES", "OLDEST_SCN", "OLDEST_AGE_SECONDS"),
                filesOnDisk == 0 ? java.util.Arrays.asList(BigDecimal.ZERO, null, null)
                        : List.of(BigDecimal.valueOf(filesOnDisk), BigDecimal.valueOf(oldestOnDisk),
                        BigDecimal.valueOf(oldestAgeSeconds))));
        db.answer(ARCHIVED_SINCE, ANY_BOUND_VALUES, new RecordedCatalog.Rows(
                List.of("THREAD#", "SEQUENCE#", "FIRST_CHANGE#", "NEXT_CHANGE#", "DELETED", "STATUS"),
                copy(archivedSince)));
        db.answer(TABLE_LOG_GROUPS, ANY_BOUND_VALUES, tableAllColumnGroups == null
                ? rows(List.of("OWNER", "TABLE_NAME", "ALL_COLUMN_GROUPS"))
                : rows(List.of("OWNER", "TABLE_NAME", "ALL_COLUMN_GROUPS"),
                List.of("APP", "ORDERS", BigDecimal.valueOf(tableAllColumnGroups))));
        db.answer(CDC_USER, ANY_BOUND_VALUES, userExists
                ? rows(List.of("USERNAME", "COMMON"), List.of(sessionUser, userCommon))
                : rows(List.of("USERNAME", "COMMON")));
        db.answer(SESSION_PRIVILEGES, new RecordedCatalog.Rows(List.of("PRIVILEGE"),
                systemPrivileges.stream().map(p -> (List<Object>) new ArrayList<Object>(List.of(p))).toList()));
        db.answer(OWN_OBJECT_PRIVILEGES, new RecordedCatalog.Rows(List.of("TABLE_NAME", "PRIVILEGE"),
                copy(objectPrivileges)));
        if (dbaPrivilegesFailure != null) {
            SQLException failure = dbaPrivilegesFailure;
            db.fail(USER_SYSTEM_PRIVILEGES, ANY_BOUND_VALUES, () -> failure);
        } else {
            db.answer(USER_SYSTEM_PRIVILEGES, ANY_BOUND_VALUES, new RecordedCatalog.Rows(List.of("PRIVILEGE"),
                    systemPrivileges.stream().map(p -> (List<Object>) new ArrayList<Object>(List.of(p))).toList()));
        }
        db.answer(USER_OBJECT_PRIVILEGES, ANY_BOUND_VALUES, new RecordedCatalog.Rows(List.of("TABLE_NAME", "PRIVILEGE"),
                copy(objectPrivileges)));
        db.answer(LOGMINER_SESSIONS, new RecordedCatalog.Rows(List.of("SESSION_ID", "SESSION_NAME",
                "SESSION_STATE", "PROCESSED_SCN"), copy(logminerSessions)));
        answerOrFail(db, MINING_SESSIONS, sessionFailure, new RecordedCatalog.Rows(List.of("SID", "SERIAL#",
                "USERNAME", "PROGRAM", "STATUS", "LAST_CALL_ET"), copy(miningSessions)));
        answerOrFail(db, BACKUP_JOBS, backupFailure, new RecordedCatalog.Rows(List.of(
                "INPUT_TYPE", "STATUS", "LAST_END", "AGE_SECONDS"), copy(backupJobs)));
        answerOrFail(db, ALL_COLUMN_LOGGED_TABLES, loggedTablesFailure, rows(List.of("OWNER", "TABLE_NAME"),
                List.of("APP", "ORDERS"), List.of("APP", "Order Lines")));
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
