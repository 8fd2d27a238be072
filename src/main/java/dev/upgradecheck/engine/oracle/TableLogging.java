package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Whether a captured table has an ALL COLUMN LOGGING supplemental log group, so LogMiner sees full before and
 * after images. {@code visible} is false when ALL_TABLES does not show the table: it does not exist, or the
 * connecting user may not see it (ALL_LOG_GROUPS shows only tables the user can access).
 */
record TableLogging(String table, boolean visible, boolean allColumnLogging) {

    static TableLogging read(OracleCatalog catalog, TableName table) throws SQLException {
        Optional<Row> row = catalog.first(OracleCatalog.TABLE_LOGGING, table.owner().value(), table.table().value());
        return row.map(r -> new TableLogging(table.toString(), true, r.longValue("all_column_groups") > 0))
                .orElseGet(() -> new TableLogging(table.toString(), false, false));
    }
}
