package dev.upgradecheck.reconcile;

import dev.upgradecheck.engine.jdbc.SqlDialect;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table's columns and primary key: from the dialect's one catalog query where it has one, else from the driver's
 * metadata (the same calls on every database, for a driver given with --driver-path).
 */
public record TableShape(TableName table, List<String> columns, java.util.Set<String> integerColumns, List<KeyColumn> key) {

    /** A primary-key column; integer keys split by value, others by ordered boundaries and compare as text. */
    public record KeyColumn(String name, boolean integer) {
    }

    public static Optional<TableShape> read(SqlSession sql, SqlDialect dialect, TableName table) throws SQLException {
        Optional<String> query = dialect.columnsQuery();
        return query.isPresent() ? fromCatalog(sql, query.get(), table) : fromMetadata(sql.connection(), dialect, table);
    }

    private static Optional<TableShape> fromCatalog(SqlSession sql, String query, TableName table) throws SQLException {
        List<String> columns = new ArrayList<>();
        java.util.Set<String> integerColumns = new java.util.HashSet<>();
        TreeMap<Integer, KeyColumn> key = new TreeMap<>();
        for (List<Object> row : sql.values(query, table.schema(), table.name())) {
            String name = (String) row.get(0);
            boolean integer = ((Number) row.get(1)).intValue() == 1;
            columns.add(name);
            if (integer) {
                integerColumns.add(name);
            }
            if (row.get(2) != null) {
                key.put(((Number) row.get(2)).intValue(), new KeyColumn(name, integer));
            }
        }
        return shape(table, columns, integerColumns, key);
    }

    private static Optional<TableShape> fromMetadata(java.sql.Connection connection, SqlDialect dialect,
                                                     TableName table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = dialect.schemasAreCatalogs() ? table.schema() : null;
        String schema = dialect.schemasAreCatalogs() ? null : table.schema();
        List<String> columns = new ArrayList<>();
        java.util.Set<String> integerColumns = new java.util.HashSet<>();
        try (ResultSet rs = meta.getColumns(catalog, escape(schema, meta), escape(table.name(), meta), "%")) {
            while (rs.next()) {
                if (!table.name().equals(rs.getString("TABLE_NAME"))) {
                    continue; // the pattern's escapes are a driver's choice: match the name exactly
                }
                String name = rs.getString("COLUMN_NAME");
                columns.add(name);
                if (integer(rs.getInt("DATA_TYPE"), rs.getInt("DECIMAL_DIGITS"))) {
                    integerColumns.add(name);
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, KeyColumn> key = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table.name())) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                key.put(rs.getInt("KEY_SEQ"), new KeyColumn(name, integerColumns.contains(name)));
            }
        }
        return shape(table, columns, integerColumns, key);
    }

    /** Empty for a table with no columns: one that does not exist (or that this login cannot see). */
    private static Optional<TableShape> shape(TableName table, List<String> columns, java.util.Set<String> integers,
                                              TreeMap<Integer, KeyColumn> key) {
        return columns.isEmpty() ? Optional.empty() : Optional.of(new TableShape(table, List.copyOf(columns),
                java.util.Set.copyOf(integers), List.copyOf(key.values())));
    }

    /** The same table compared through these key columns (a mapping of the other side's key). */
    TableShape keyedBy(List<KeyColumn> columns) {
        return new TableShape(table, this.columns, integerColumns, List.copyOf(columns));
    }

    boolean integerKey() {
        return key.size() == 1 && key.get(0).integer();
    }

    /** This table's column with the given name, ignoring case (sinks often fold it). */
    public Optional<String> column(String name) {
        return columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst();
    }

    private static boolean integer(int type, int scale) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> true;
            case Types.NUMERIC, Types.DECIMAL -> scale == 0;
            default -> false;
        };
    }

    /** Metadata takes LIKE patterns: a name's own _ and % must match only themselves. */
    private static String escape(String name, DatabaseMetaData meta) throws SQLException {
        String esc = meta.getSearchStringEscape();
        if (name == null || esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
