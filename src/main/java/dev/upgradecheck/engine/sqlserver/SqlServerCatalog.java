package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog reads several checks share (CDC state of the database, capture instances, tracked tables,
 * max LSN), each sent once per session. Queries that only one check needs live in that check.
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
