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
 * A table's columns and primary key: from the dialect's catalog query where it has one (one statement for all the
 * tables of a run), else from the driver's metadata (the same calls on every database, for a driver given with
 * --driver-path).
 */
public record TableShape(TableName table, List<String> columns, java.util.Set<String> integerColumns, List<KeyColumn> key) {

    /** A primary-key column; integer keys split by value, others by ordered boundaries and compare as text. */
    public record KeyColumn(String name, boolean integer) {
    }

    public static Optional<TableShape> read(SqlSession sql, SqlDialect dialect, TableName table) throws SQLException {
        return read(sql, dialect, List.of(table)).get(0);
    }

    /** The tables in the order given, each empty when not found; one catalog query for all where the dialect has one. */
    public static List<Optional<TableShape>> read(SqlSession sql, SqlDialect dialect, List<TableName> tables)
            throws SQLException {
        Optional<String> query = dialect.columnsQuery();
        if (query.isPresent()) {
            return fromCatalog(sql, query.get(), tables);
        }
        List<Optional<TableShape>> shapes = new ArrayList<>();
        for (TableName table : tables) {
            shapes.add(fromMetadata(sql.connection(), dialect, table));
        }
        return shapes;
    }

    /**
     * The dialect's query once per table, joined by UNION ALL, each branch numbered by its table (a literal) and bound
     * its schema and name as many times as it has pairs of placeholders.
     */
    private static List<Optional<TableShape>> fromCatalog(SqlSession sql, String oneTable, List<TableName> tables)
            throws SQLException {
        long pairs = oneTable.chars().filter(c -> c == '?').count() / 2;
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            branches.add("SELECT " + i + " AS uc_table, uc_columns.* FROM (" + oneTable + ") uc_columns");
            for (long p = 0; p < pairs; p++) {
                params.add(tables.get(i).schema());
                params.add(tables.get(i).name());
            }
            found.add(new Found());
        }
        String query = String.join("\nUNION ALL\n", branches) + "\nORDER BY 1, 2";
        for (List<Object> row : sql.values(query, params.toArray())) {
            Found table = found.get(((Number) row.get(0)).intValue());
            String name = (String) row.get(2);
            table.column(name, ((Number) row.get(3)).intValue() == 1);
            if (row.get(4) != null) {
                table.key(((Number) row.get(4)).intValue(), name);
            }
        }
        List<Optional<TableShape>> shapes = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            shapes.add(found.get(i).shape(tables.get(i)));
        }
        return shapes;
    }

    private static Optional<TableShape> fromMetadata(java.sql.Connection connection, SqlDialect dialect,
                                                     TableName table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = dialect.schemasAreCatalogs() ? table.schema() : null;
        String schema = dialect.schemasAreCatalogs() ? null : table.schema();
        Found found = new Found();
        try (ResultSet rs = meta.getColumns(catalog, escape(schema, meta), escape(table.name(), meta), "%")) {
            while (rs.next()) {
                if (!table.name().equals(rs.getString("TABLE_NAME"))) {
                    continue; // the pattern's escapes are a driver's choice: match the name exactly
                }
                found.column(rs.getString("COLUMN_NAME"), integer(rs.getInt("DATA_TYPE"), rs.getInt("DECIMAL_DIGITS")));
            }
        }
        if (found.columns.isEmpty()) {
            return Optional.empty();
        }
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table.name())) {
            while (rs.next()) {
                found.key(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return found.shape(table);
    }

    /** One table's columns and key as they are read. */
    private static final class Found {
        final List<String> columns = new ArrayList<>();
        final java.util.Set<String> integers = new java.util.HashSet<>();
        final TreeMap<Integer, KeyColumn> key = new TreeMap<>();

        void column(String name, boolean integer) {
            columns.add(name);
            if (integer) {
                integers.add(name);
            }
        }

        void key(int position, String name) {
            key.put(position, new KeyColumn(name, integers.contains(name)));
        }

        /** Empty for a table with no columns: one that does not exist (or that this login cannot see). */
        Optional<TableShape> shape(TableName table) {
            return columns.isEmpty() ? Optional.empty() : Optional.of(new TableShape(table, List.copyOf(columns),
                    java.util.Set.copyOf(integers), List.copyOf(key.values())));
        }
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
