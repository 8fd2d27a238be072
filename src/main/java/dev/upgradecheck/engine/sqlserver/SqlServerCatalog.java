package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every statement the SQL Server engine sends, and the reads several checks share (CDC state of the database,
 * capture instances, tracked tables, max LSN), each sent once per session. A check runs its own statement
 * through {@link #sql()}.
 */
final class SqlServerCatalog {

    // sys.databases.is_cdc_enabled: SQL Server 2008+, Azure SQL Database and Managed Instance.
    static final String DATABASE_QUERY = """
            SELECT name, is_cdc_enabled FROM sys.databases WHERE database_id = DB_ID()
            """;

    // cdc.change_tables exists only once CDC is enabled on the database; role_name is the gating role.
    static final String CAPTURE_INSTANCES_QUERY = """
            SELECT ct.capture_instance, s.name AS source_schema, t.name AS source_table,
                   ct.object_id, ct.start_lsn, ct.role_name
            FROM cdc.change_tables AS ct
            JOIN sys.tables AS t ON t.object_id = ct.source_object_id
            JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            ORDER BY s.name, t.name, ct.capture_instance
            """;

    // sys.tables.is_tracked_by_cdc: 2008+. Metadata visibility: a login sees only tables it holds a permission on.
    static final String TRACKED_TABLES_QUERY = """
            SELECT s.name AS schema_name, t.name AS table_name
            FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            WHERE t.is_tracked_by_cdc = 1
            ORDER BY s.name, t.name
            """;

    // one named table, to tell "not tracked" from "does not exist (or is not visible to this login)"
    static final String TABLE_QUERY = """
            SELECT t.is_tracked_by_cdc
            FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            WHERE s.name = ? AND t.name = ?
            """;

    // the highest LSN in cdc.lsn_time_mapping: where a reader that is caught up stands
    static final String MAX_LSN_QUERY = "SELECT sys.fn_cdc_get_max_lsn() AS max_lsn";

    // sys.dm_server_services: 2008 R2 SP1+, needs VIEW SERVER STATE; not available on Azure SQL Database.
    static final String AGENT_SERVICE_QUERY = """
            SELECT servicename, status_desc FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server Agent%'
            """;

    // Where the DMV lists no Agent service (some Linux and managed installs), the Agent's own sessions show it runs.
    static final String AGENT_SESSIONS_QUERY = """
            SELECT COUNT(*) AS agent_sessions FROM sys.dm_exec_sessions WHERE program_name LIKE N'SQLAgent - %'
            """;

    // sys.dm_cdc_log_scan_sessions (2008+, Azure SQL Database and Managed Instance): latency = seconds between the
    // session's end and the commit time of the last change it captured, set when the session ends (so only
    // finished sessions, end_time not null, carry it); session_id 0 is the aggregate row. Reset when the
    // instance restarts or fails over; empty on an availability-group secondary. Needs VIEW DATABASE STATE
    // (2022+: VIEW DATABASE PERFORMANCE STATE, which VIEW DATABASE STATE includes).
    static final String LOG_SCAN_SESSION_QUERY = """
            SELECT TOP (1) session_id, end_time, latency
            FROM sys.dm_cdc_log_scan_sessions
            WHERE session_id > 0 AND end_time IS NOT NULL
            ORDER BY session_id DESC
            """;

    // msdb.dbo.sysjobactivity (2005+): one row per job and Agent session; the highest session_id is the Agent's
    // current one (msdb.dbo.syssessions says the same but only sysadmin may read it). Running = started and
    // not stopped in that session. Needs SELECT on msdb.dbo.sysjobactivity and msdb.dbo.cdc_jobs.
    static final String CAPTURE_ACTIVITY_QUERY = """
            SELECT a.session_id, a.start_execution_date, a.stop_execution_date
            FROM msdb.dbo.sysjobactivity AS a
            JOIN msdb.dbo.cdc_jobs AS j ON j.job_id = a.job_id
            WHERE j.database_id = DB_ID() AND j.job_type = N'capture'
              AND a.session_id = (SELECT MAX(s.session_id) FROM msdb.dbo.sysjobactivity AS s)
            """;

    // msdb.dbo.cdc_jobs and msdb.dbo.sysjobs: 2008+; readable with SELECT granted in msdb.
    static final String CDC_JOBS_QUERY = """
            SELECT j.job_type, j.retention, s.name AS job_name, s.enabled
            FROM msdb.dbo.cdc_jobs AS j
            LEFT JOIN msdb.dbo.sysjobs AS s ON s.job_id = j.job_id
            WHERE j.database_id = DB_ID()
            """;

    // HAS_PERMS_BY_NAME (2005+) evaluates the caller's effective permissions, through roles and groups.
    static final String CDC_SCHEMA_SELECT_QUERY =
            "SELECT HAS_PERMS_BY_NAME(N'cdc', N'SCHEMA', N'SELECT') AS can_select";

    static final String TABLE_SELECT_QUERY = "SELECT HAS_PERMS_BY_NAME(?, N'OBJECT', N'SELECT') AS can_select";

    // for another user only db_owner can be told apart without impersonating it
    static final String DB_OWNER_QUERY = "SELECT IS_ROLEMEMBER(N'db_owner', ?) AS is_db_owner";

    // msdb.dbo.backupset: type 'D' = full database backup (copy-only ones included)
    static final String FULL_BACKUP_QUERY = """
            SELECT MAX(backup_finish_date) AS last_full_backup,
                   DATEDIFF(MINUTE, MAX(backup_finish_date), GETDATE()) AS age_minutes
            FROM msdb.dbo.backupset
            WHERE database_name = DB_NAME() AND type = 'D'
            """;

    // IS_ROLEMEMBER (2012+) returns NULL when the role does not exist or membership is not visible to us
    static final String CALLER_ROLES_QUERY = """
            SELECT IS_ROLEMEMBER(?) AS in_role, IS_ROLEMEMBER(N'db_owner') AS is_db_owner,
                   IS_SRVROLEMEMBER(N'sysadmin') AS is_sysadmin
            """;

    static final String USER_ROLES_QUERY = """
            SELECT IS_ROLEMEMBER(?, ?) AS in_role, IS_ROLEMEMBER(N'db_owner', ?) AS is_db_owner
            """;

    // SERVERPROPERTY and these built-ins exist on every supported version (2008+) and on Azure.
    static final String SERVER_QUERY = """
            SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
                   CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
                   CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,
                   DB_NAME() AS database_name,
                   SUSER_SNAME() AS login_name,
                   USER_NAME() AS user_name
            """;

    // RDS: the rdsadmin database exists and msdb holds the rds_* procedures; Cloud SQL: msdb holds
    // gcloudsql_cdc_enable_db. Not asked on Azure SQL Database, where three-part names into msdb are not supported.
    static final String HOST_QUERY = """
            SELECT CASE WHEN DB_ID(N'rdsadmin') IS NOT NULL
                          OR OBJECT_ID(N'msdb.dbo.rds_cdc_enable_db') IS NOT NULL THEN 1 ELSE 0 END AS is_rds,
                   CASE WHEN OBJECT_ID(N'msdb.dbo.gcloudsql_cdc_enable_db') IS NOT NULL THEN 1 ELSE 0 END AS is_cloudsql
            """;

    private final SqlSession sql;
    private Boolean databaseCdcEnabled;
    private List<CaptureInstance> captureInstances;
    private List<TableName> trackedTables;

    SqlServerCatalog(SqlSession sql) {
        this.sql = sql;
    }

    SqlSession sql() {
        return sql;
    }

    boolean databaseCdcEnabled() throws SQLException {
        if (databaseCdcEnabled == null) {
            databaseCdcEnabled = Boolean.TRUE.equals(sql.one(DATABASE_QUERY).bool("is_cdc_enabled"));
        }
        return databaseCdcEnabled;
    }

    /** Every capture instance in the database; none when CDC is off (the cdc schema is gone then). */
    List<CaptureInstance> captureInstances() throws SQLException {
        if (captureInstances == null) {
            List<CaptureInstance> list = new ArrayList<>();
            if (databaseCdcEnabled()) {
                for (Row r : sql.query(CAPTURE_INSTANCES_QUERY)) {
                    list.add(new CaptureInstance(r.string("capture_instance"),
                            TableName.of(r.string("source_schema"), r.string("source_table")),
                            r.longValue("object_id"), Lsn.ofNullable(r.get("start_lsn")), r.string("role_name")));
                }
            }
            captureInstances = List.copyOf(list);
        }
        return captureInstances;
    }

    List<CaptureInstance> captureInstancesOf(TableName table) throws SQLException {
        return captureInstances().stream().filter(c -> c.table().sameTable(table)).toList();
    }

    List<TableName> trackedTables() throws SQLException {
        if (trackedTables == null) {
            trackedTables = sql.query(TRACKED_TABLES_QUERY).stream()
                    .map(r -> TableName.of(r.string("schema_name"), r.string("table_name"))).toList();
        }
        return trackedTables;
    }

    /** Whether the table is tracked by CDC; empty when it does not exist or this login cannot see it. */
    Optional<Boolean> tracked(TableName table) throws SQLException {
        if (trackedTables().stream().anyMatch(t -> t.sameTable(table))) {
            return Optional.of(true);
        }
        return sql.first(TABLE_QUERY, table.schema(), table.table()).map(r -> r.bool("is_tracked_by_cdc"));
    }

    /** The current max LSN, or empty when CDC is off or nothing was captured yet. */
    Optional<Lsn> maxLsn() throws SQLException {
        if (!databaseCdcEnabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(Lsn.ofNullable(sql.one(MAX_LSN_QUERY).get("max_lsn")));
    }
}
