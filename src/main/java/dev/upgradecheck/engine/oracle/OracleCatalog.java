package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Every catalog read the Oracle engine sends, each with the view it reads and the grant a refusal names, and their
 * runner: through the one {@link SqlSession} (bound values, query timeout), a refused view becomes
 * {@link CatalogAccessDenied}, so every check reports the same exact grant.
 */
final class OracleCatalog {

    /** ORA-00942: table or view does not exist (what a view without SELECT looks like). */
    static final int TABLE_OR_VIEW_DOES_NOT_EXIST = 942;
    /** ORA-01031: insufficient privileges. */
    static final int INSUFFICIENT_PRIVILEGES = 1031;

    // 12.1+: CON_NAME and CON_ID (0 in a non-CDB, 1 in CDB$ROOT).
    static final CatalogQuery SESSION_CONTEXT = CatalogQuery.open("DUAL", """
            SELECT SYS_CONTEXT('USERENV', 'SESSION_USER') AS SESSION_USER,
                   SYS_CONTEXT('USERENV', 'CON_NAME') AS CON_NAME,
                   SYS_CONTEXT('USERENV', 'CON_ID') AS CON_ID
              FROM DUAL""");

    // Every user may read it; VERSION_FULL (18c+) carries the release update, VERSION does not.
    static final CatalogQuery VERSION = CatalogQuery.open("PRODUCT_COMPONENT_VERSION", """
            SELECT * FROM PRODUCT_COMPONENT_VERSION WHERE PRODUCT LIKE 'Oracle%'""");

    // Amazon RDS for Oracle creates the RDSADMIN user (owner of rdsadmin_util) on every instance.
    static final CatalogQuery RDS_ADMIN = CatalogQuery.open("ALL_USERS", """
            SELECT COUNT(*) AS N FROM ALL_USERS WHERE USERNAME = 'RDSADMIN'""");

    // 12.1+: ORACLE_MAINTAINED. Tables already set up for capture, to fill in plan's --tables.
    static final CatalogQuery LOGGED_TABLES = CatalogQuery.open("ALL_LOG_GROUPS", """
            SELECT g.OWNER, g.TABLE_NAME FROM ALL_LOG_GROUPS g
             WHERE g.LOG_GROUP_TYPE = 'ALL COLUMN LOGGING'
               AND g.OWNER NOT IN (SELECT USERNAME FROM ALL_USERS WHERE ORACLE_MAINTAINED = 'Y')
             ORDER BY g.OWNER, g.TABLE_NAME
             FETCH FIRST 1000 ROWS ONLY""");

    // 12.1+: CDB column. V$DATABASE is the control file's view, so it is the same from a PDB as from the root.
    static final CatalogQuery DATABASE = CatalogQuery.on("V$DATABASE", """
            SELECT NAME, DBID, LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_ALL, CDB,
                   CURRENT_SCN, RESETLOGS_CHANGE#
              FROM V$DATABASE""", "V_$DATABASE");

    // All releases. SEQUENCE# and FIRST_CHANGE# place the online logs in the redo stream; ARCHIVED and STATUS
    // show an archiver that has fallen behind.
    static final CatalogQuery REDO_GROUPS = CatalogQuery.on("V$LOG", """
            SELECT GROUP#, THREAD#, SEQUENCE#, BYTES, MEMBERS, ARCHIVED, STATUS, FIRST_CHANGE#
              FROM V$LOG
             ORDER BY THREAD#, GROUP#""", "V_$LOG");

    // All releases.
    static final CatalogQuery ARCHIVED_ON_DISK = CatalogQuery.on("V$ARCHIVED_LOG", """
            SELECT COUNT(*) AS FILES, MIN(FIRST_CHANGE#) AS OLDEST_SCN,
                   ROUND((SYSDATE - MIN(FIRST_TIME)) * 86400) AS OLDEST_AGE_SECONDS
              FROM V$ARCHIVED_LOG
             WHERE DELETED = 'NO' AND STATUS = 'A' AND RESETLOGS_CHANGE# = ?""", "V_$ARCHIVED_LOG");

    // All releases. Deleted logs keep their record (DELETED = 'YES') until the control file reuses it, which is
    // what tells "archived, then deleted" apart from "never archived".
    static final CatalogQuery ARCHIVED_SINCE = CatalogQuery.on("V$ARCHIVED_LOG", """
            SELECT THREAD#, SEQUENCE#, FIRST_CHANGE#, NEXT_CHANGE#, DELETED, STATUS
              FROM V$ARCHIVED_LOG
             WHERE RESETLOGS_CHANGE# = ? AND NEXT_CHANGE# > ? AND STANDBY_DEST = 'NO'
             ORDER BY THREAD#, SEQUENCE#""", "V_$ARCHIVED_LOG");

    // All releases. The ALL_ views need no grant beyond access to the table itself.
    static final CatalogQuery TABLE_LOGGING = CatalogQuery.open("ALL_LOG_GROUPS", """
            SELECT t.OWNER, t.TABLE_NAME,
                   (SELECT COUNT(*) FROM ALL_LOG_GROUPS g
                     WHERE g.OWNER = t.OWNER AND g.TABLE_NAME = t.TABLE_NAME
                       AND g.LOG_GROUP_TYPE = 'ALL COLUMN LOGGING') AS ALL_COLUMN_GROUPS
              FROM ALL_TABLES t
             WHERE t.OWNER = ? AND t.TABLE_NAME = ?""");

    // 10.2+. One row per kind of job and outcome; the age is computed by the server to avoid time-zone games.
    // The view reads the control file, whose records age out after CONTROL_FILE_RECORD_KEEP_TIME (7 days by default).
    static final CatalogQuery BACKUP_JOBS = CatalogQuery.on("V$RMAN_BACKUP_JOB_DETAILS", """
            SELECT INPUT_TYPE, STATUS, TO_CHAR(MAX(END_TIME), 'YYYY-MM-DD HH24:MI') AS LAST_END,
                   ROUND((SYSDATE - MAX(END_TIME)) * 86400) AS AGE_SECONDS
              FROM V$RMAN_BACKUP_JOB_DETAILS
             WHERE END_TIME IS NOT NULL
             GROUP BY INPUT_TYPE, STATUS""", "V_$RMAN_BACKUP_JOB_DETAILS");

    // 12.1+: COMMON. ALL_USERS lists every user to every user.
    static final CatalogQuery CDC_USER = CatalogQuery.open("ALL_USERS", """
            SELECT USERNAME, COMMON FROM ALL_USERS WHERE USERNAME = ?""");

    static final CatalogQuery SESSION_PRIVILEGES = CatalogQuery.open("SESSION_PRIVS", """
            SELECT PRIVILEGE FROM SESSION_PRIVS""");

    // ALL_TAB_PRIVS shows grants to the user, to PUBLIC and to every role enabled in the session.
    static final CatalogQuery SESSION_OBJECT_PRIVILEGES = CatalogQuery.open("ALL_TAB_PRIVS", """
            SELECT TABLE_NAME, PRIVILEGE FROM ALL_TAB_PRIVS
             WHERE TABLE_SCHEMA = 'SYS'
               AND TABLE_NAME IN ('V_$DATABASE', 'V_$LOG', 'V_$LOGFILE', 'V_$ARCHIVED_LOG', 'V_$LOGMNR_CONTENTS',
                                  'V_$LOGMNR_LOGS', 'V_$TRANSACTION', 'DBMS_LOGMNR')""");

    // Another user's privileges: granted to it, to PUBLIC, or to any role it holds directly or through roles.
    static final CatalogQuery USER_PRIVILEGES = CatalogQuery.on("DBA_SYS_PRIVS", """
            SELECT PRIVILEGE FROM DBA_SYS_PRIVS
             WHERE GRANTEE = ? OR GRANTEE = 'PUBLIC'
                OR GRANTEE IN (SELECT GRANTED_ROLE FROM DBA_ROLE_PRIVS
                                START WITH GRANTEE = ? CONNECT BY NOCYCLE PRIOR GRANTED_ROLE = GRANTEE)""",
            "DBA_SYS_PRIVS", "DBA_ROLE_PRIVS");

    static final CatalogQuery USER_OBJECT_PRIVILEGES = CatalogQuery.on("DBA_TAB_PRIVS", """
            SELECT TABLE_NAME, PRIVILEGE FROM DBA_TAB_PRIVS
             WHERE OWNER = 'SYS'
               AND TABLE_NAME IN ('V_$DATABASE', 'V_$LOG', 'V_$LOGFILE', 'V_$ARCHIVED_LOG', 'V_$LOGMNR_CONTENTS',
                                  'V_$LOGMNR_LOGS', 'V_$TRANSACTION', 'DBMS_LOGMNR')
               AND (GRANTEE = ? OR GRANTEE = 'PUBLIC'
                    OR GRANTEE IN (SELECT GRANTED_ROLE FROM DBA_ROLE_PRIVS
                                    START WITH GRANTEE = ? CONNECT BY NOCYCLE PRIOR GRANTED_ROLE = GRANTEE))""",
            "DBA_TAB_PRIVS", "DBA_ROLE_PRIVS");

    // 10.2+. Persistent sessions only; PROCESSED_SCN is how far the builder process has mined.
    static final CatalogQuery LOGMINER_SESSIONS = CatalogQuery.on("V$LOGMNR_SESSION", """
            SELECT SESSION_ID, SESSION_NAME, SESSION_STATE, PROCESSED_SCN
              FROM V$LOGMNR_SESSION
             ORDER BY SESSION_ID""", "V_$LOGMNR_SESSION");

    // 10g+ (SQL_ID, PREV_SQL_ID). A session whose running or last statement is the mining query or the START_LOGMNR
    // call; V$SQL.SQL_TEXT holds the first 1000 characters, where both appear. Our own session is left out, and so is
    // any statement that reads SQL_TEXT: another run of this query is a monitor, not a reader.
    static final CatalogQuery MINING_SESSIONS = CatalogQuery.on("V$SESSION", """
            SELECT s.SID, s.SERIAL#, s.USERNAME, s.PROGRAM, s.STATUS, s.LAST_CALL_ET
              FROM V$SESSION s
             WHERE s.TYPE = 'USER'
               AND s.SID <> TO_NUMBER(SYS_CONTEXT('USERENV', 'SID'))
               AND EXISTS (SELECT 1 FROM V$SQL q
                            WHERE q.SQL_ID IN (s.SQL_ID, s.PREV_SQL_ID)
                              AND (UPPER(q.SQL_TEXT) LIKE '%V$LOGMNR_CONTENTS%'
                                   OR UPPER(q.SQL_TEXT) LIKE '%DBMS_LOGMNR.START_LOGMNR%')
                              AND UPPER(q.SQL_TEXT) NOT LIKE '%SQL_TEXT%')
             ORDER BY s.SID""", "V_$SESSION", "V_$SQL");

    private final SqlSession sql;

    OracleCatalog(SqlSession sql) {
        this.sql = sql;
    }

    List<Row> query(CatalogQuery query, Object... params) throws SQLException {
        try {
            return sql.query(query.sql(), params);
        } catch (SQLException e) {
            if (!query.grantObjects().isEmpty() && isAccessDenied(e)) {
                throw new CatalogAccessDenied(query, e);
            }
            throw e;
        }
    }

    Optional<Row> first(CatalogQuery query, Object... params) throws SQLException {
        List<Row> rows = query(query, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    Row one(CatalogQuery query, Object... params) throws SQLException {
        return first(query, params).orElseThrow(() -> new SQLException(query.view() + " returned no row"));
    }

    static boolean isAccessDenied(SQLException e) {
        return e.getErrorCode() == TABLE_OR_VIEW_DOES_NOT_EXIST || e.getErrorCode() == INSUFFICIENT_PRIVILEGES;
    }
}
