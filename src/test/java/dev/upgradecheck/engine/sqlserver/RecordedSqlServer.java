package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.testing.RecordedCatalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static dev.upgradecheck.testing.RecordedCatalog.ANY_BOUND_VALUES;
import static dev.upgradecheck.testing.RecordedCatalog.rows;

/**
 * A SQL Server database as its catalog views answer, for tests: by default a well configured CDC source
 * (SQL Server 2022 Developer, database {@code sales}, dbo.orders and dbo.items captured, Agent running, jobs enabled
 * and the capture job running, capture latency 3 s, 3-day retention, a backup 2h old). Column names and JDBC types follow Microsoft's documentation of each view:
 * bit -> Boolean, int -> Integer, bigint -> Long, tinyint -> Short, binary(10) -> byte[], datetime -> Timestamp.
 * Set a field to change an answer, or to null to leave the query unanswered (the test then fails if it is sent).
 */
final class RecordedSqlServer {

    // the statements this database answers, whole (RecordedCatalog matches them white space folded)
    static final String MANAGED_PLATFORM = """
            SELECT CASE WHEN DB_ID(N'rdsadmin') IS NOT NULL
                          OR OBJECT_ID(N'msdb.dbo.rds_cdc_enable_db') IS NOT NULL THEN 1 ELSE 0 END AS is_rds,
                   CASE WHEN OBJECT_ID(N'msdb.dbo.gcloudsql_cdc_enable_db') IS NOT NULL THEN 1 ELSE 0 END AS is_cloudsql""";

    static final String CAPTURE_INSTANCES = """
            SELECT ct.capture_instance, s.name AS source_schema, t.name AS source_table,
                   ct.object_id, ct.start_lsn, ct.role_name
            FROM cdc.change_tables AS ct
            JOIN sys.tables AS t ON t.object_id = ct.source_object_id
            JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            ORDER BY s.name, t.name, ct.capture_instance""";

    static final String LAST_FULL_BACKUP = """
            SELECT MAX(backup_finish_date) AS last_full_backup,
                   DATEDIFF(MINUTE, MAX(backup_finish_date), GETDATE()) AS age_minutes
            FROM msdb.dbo.backupset
            WHERE database_name = DB_NAME() AND type = 'D'""";

    static final String CDC_JOBS = """
            SELECT j.job_type, j.retention, s.name AS job_name, s.enabled
            FROM msdb.dbo.cdc_jobs AS j
            LEFT JOIN msdb.dbo.sysjobs AS s ON s.job_id = j.job_id
            WHERE j.database_id = DB_ID()""";

    static final String CAPTURE_JOB_ACTIVITY = """
            SELECT a.session_id, a.start_execution_date, a.stop_execution_date
            FROM msdb.dbo.sysjobactivity AS a
            JOIN msdb.dbo.cdc_jobs AS j ON j.job_id = a.job_id
            WHERE j.database_id = DB_ID() AND j.job_type = N'capture'
              AND a.session_id = (SELECT MAX(s.session_id) FROM msdb.dbo.sysjobactivity AS s)""";

    static final String DATABASE_CDC = """
            SELECT name, is_cdc_enabled FROM sys.databases WHERE database_id = DB_ID()""";

    static final String LOG_SCAN_SESSIONS = """
            SELECT TOP (1) session_id, end_time, latency
            FROM sys.dm_cdc_log_scan_sessions
            WHERE session_id > 0 AND end_time IS NOT NULL
            ORDER BY session_id DESC""";

    static final String AGENT_SESSIONS = """
            SELECT COUNT(*) AS agent_sessions FROM sys.dm_exec_sessions WHERE program_name LIKE N'SQLAgent - %'""";

    static final String AGENT_SERVICES = """
            SELECT servicename, status_desc FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server Agent%'""";

    static final String CAN_SELECT_TABLE = """
            SELECT HAS_PERMS_BY_NAME(?, N'OBJECT', N'SELECT') AS can_select""";

    static final String CAN_SELECT_CDC_SCHEMA = """
            SELECT HAS_PERMS_BY_NAME(N'cdc', N'SCHEMA', N'SELECT') AS can_select""";

    static final String OTHER_USER_ROLES = """
            SELECT IS_ROLEMEMBER(?, ?) AS in_role, IS_ROLEMEMBER(N'db_owner', ?) AS is_db_owner""";

    static final String CALLER_ROLES = """
            SELECT IS_ROLEMEMBER(?) AS in_role, IS_ROLEMEMBER(N'db_owner') AS is_db_owner,
                   IS_SRVROLEMEMBER(N'sysadmin') AS is_sysadmin""";

    static final String OTHER_USER_DB_OWNER = """
            SELECT IS_ROLEMEMBER(N'db_owner', ?) AS is_db_owner""";

    static final String SERVER_FACTS = """
            SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
                   CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
                   CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,
                   DB_NAME() AS database_name,
                   SUSER_SNAME() AS login_name,
                   USER_NAME() AS user_name""";

    static final String TABLE_TRACKED = """
            SELECT t.is_tracked_by_cdc
            FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            WHERE s.name = ? AND t.name = ?""";

    static final String TRACKED_TABLES = """
            SELECT s.name AS schema_name, t.name AS table_name
            FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            WHERE t.is_tracked_by_cdc = 1
            ORDER BY s.name, t.name""";

    static final String MAX_LSN_NOW = """
            SELECT sys.fn_cdc_get_max_lsn() AS max_lsn""";

    static final byte[] MAX_LSN = lsn("0x0000002A000001F00003");
    static final byte[] START_LSN = lsn("0x00000025000000480001");

    String productVersion = "16.0.4135.4";
    String edition = "Developer Edition (64-bit)";
    int engineEdition = 3;
    String database = "sales";
    String login = "cdc_reader";
    String user = "cdc_reader";
    boolean rds;
    boolean cloudsql;
    boolean databaseCdcEnabled = true;
    List<List<?>> captureInstances = new ArrayList<>(List.of(
            instance("dbo_orders", "dbo", "orders", 1269579561, START_LSN, null),
            instance("dbo_items", "dbo", "items", 1301579675, START_LSN, null)));
    List<List<?>> trackedTables = new ArrayList<>(List.of(List.of("dbo", "orders"), List.of("dbo", "items")));
    /** Answer to the one-table lookup: is_tracked_by_cdc, or no row (table missing) when null. */
    Boolean tableTracked = true;
    byte[] maxLsn = MAX_LSN;
    List<List<?>> agentServices = new ArrayList<>(List.of(List.of("SQL Server Agent (MSSQLSERVER)", "Running")));
    Integer agentSessions = 0;
    List<List<?>> jobs = new ArrayList<>(List.of(
            Arrays.asList("capture", 0L, "cdc.sales_capture", (short) 1),
            Arrays.asList("cleanup", 4320L, "cdc.sales_cleanup", (short) 1)));
    /** The capture job's msdb.dbo.sysjobactivity row in the Agent's latest session: running since an hour ago. */
    List<List<?>> captureActivity = new ArrayList<>(List.of(
            Arrays.asList(7, Timestamp.valueOf("2025-06-01 11:00:00"), null)));
    /** The latest finished row of sys.dm_cdc_log_scan_sessions: latency 3 s; none at all when empty. */
    List<List<?>> logScanSessions = new ArrayList<>(List.of(
            Arrays.asList(412, Timestamp.valueOf("2025-06-01 11:59:58"), 3)));
    Integer canSelectCdcSchema = 1;
    Integer canSelectTable = 1;
    List<Integer> callerRoles = Arrays.asList(1, 0, 0);
    List<Integer> otherUserRoles = Arrays.asList(1, 0);
    Integer otherUserDbOwner = 0;
    Timestamp lastFullBackup = Timestamp.valueOf("2025-06-01 10:00:00");
    Integer backupAgeMinutes = 120;
    /** False for Azure SQL Database: msdb cannot be queried there, so no msdb answer is recorded. */
    boolean msdb = true;

    private final List<Object[]> failures = new ArrayList<>();

    static List<?> instance(String name, String schema, String table, int objectId, byte[] startLsn, String role) {
        return Arrays.asList(name, schema, table, objectId, startLsn, role);
    }

    static byte[] lsn(String hex) {
        return Lsn.parse(hex).bytes();
    }

    /** The query containing {@code sqlContains} fails with this SQL Server error. */
    RecordedSqlServer failing(String sqlContains, String message, int errorCode) {
        failures.add(new Object[] {sqlContains, (Supplier<SQLException>) () ->
                new SQLException(message, "S0001", errorCode)});
        return this;
    }

    RecordedCatalog catalog() {
        RecordedCatalog db = new RecordedCatalog();
        db.answer(SERVER_FACTS, rows(
                List.of("product_version", "edition", "engine_edition", "database_name", "login_name", "user_name"),
                List.of(productVersion, edition, engineEdition, database, login, user)));
        if (engineEdition != SqlServerFacts.AZURE_SQL_DATABASE && engineEdition != SqlServerFacts.AZURE_MANAGED_INSTANCE) {
            db.answer(MANAGED_PLATFORM, rows(List.of("is_rds", "is_cloudsql"), List.of(rds ? 1 : 0, cloudsql ? 1 : 0)));
        }
        db.answer(DATABASE_CDC,
                rows(List.of("name", "is_cdc_enabled"), List.of(database, databaseCdcEnabled)));
        db.answer(CAPTURE_INSTANCES, rows(
                List.of("capture_instance", "source_schema", "source_table", "object_id", "start_lsn", "role_name"),
                captureInstances.toArray(List[]::new)));
        db.answer(TRACKED_TABLES, rows(List.of("schema_name", "table_name"),
                trackedTables.toArray(List[]::new)));
        db.answer(TABLE_TRACKED, ANY_BOUND_VALUES, tableTracked == null
                ? rows(List.of("is_tracked_by_cdc")) : rows(List.of("is_tracked_by_cdc"), List.of(tableTracked)));
        db.answer(MAX_LSN_NOW, rows(List.of("max_lsn"), Arrays.asList((Object) maxLsn)));
        if (agentServices != null) {
            db.answer(AGENT_SERVICES, rows(List.of("servicename", "status_desc"),
                    agentServices.toArray(List[]::new)));
            db.answer(AGENT_SESSIONS, rows(List.of("agent_sessions"), List.of(agentSessions)));
        }
        if (captureActivity != null) {
            db.answer(CAPTURE_JOB_ACTIVITY, rows(
                    List.of("session_id", "start_execution_date", "stop_execution_date"),
                    captureActivity.toArray(List[]::new)));
        }
        if (jobs != null) {
            db.answer(CDC_JOBS, rows(List.of("job_type", "retention", "job_name", "enabled"),
                    jobs.toArray(List[]::new)));
        }
        db.answer(LOG_SCAN_SESSIONS, rows(List.of("session_id", "end_time", "latency"),
                logScanSessions.toArray(List[]::new)));
        db.answer(CAN_SELECT_CDC_SCHEMA, rows(List.of("can_select"), Arrays.asList(canSelectCdcSchema)));
        db.answer(CAN_SELECT_TABLE, ANY_BOUND_VALUES, rows(List.of("can_select"), Arrays.asList(canSelectTable)));
        db.answer(CALLER_ROLES, ANY_BOUND_VALUES, rows(List.of("in_role", "is_db_owner", "is_sysadmin"), callerRoles));
        db.answer(OTHER_USER_ROLES, ANY_BOUND_VALUES, rows(List.of("in_role", "is_db_owner"), otherUserRoles));
        db.answer(OTHER_USER_DB_OWNER, ANY_BOUND_VALUES, rows(List.of("is_db_owner"), Arrays.asList(otherUserDbOwner)));
        if (msdb) {
            db.answer(LAST_FULL_BACKUP, rows(List.of("last_full_backup", "age_minutes"),
                    Arrays.asList(lastFullBackup, backupAgeMinutes)));
        }
        // last, so a failure replaces the answer recorded under the same key
        for (Object[] f : failures) {
            @SuppressWarnings("unchecked")
            Supplier<SQLException> failure = (Supplier<SQLException>) f[1];
            db.fail((String) f[0], failure);
        }
        return db;
    }

    Connection connection() {
        return catalog().connection();
    }
}
