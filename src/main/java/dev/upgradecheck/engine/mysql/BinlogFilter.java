package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.jdbc.Row;

import java.util.Arrays;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The server's binlog filters ({@code binlog-do-db}, {@code binlog-ignore-db}: startup options, shown only in the
 * binlog status). A change to a database the binlog does not log never reaches a CDC reader, and leaves no trace a
 * later look could find; the reader resumes as if nothing had happened.
 */
record BinlogFilter(List<String> doDbs, List<String> ignoreDbs) {

    /** Debezium leaves these out by default; a filter on them costs a reader nothing. */
    private static final Set<String> SYSTEM = Set.of("mysql", "sys", "information_schema", "performance_schema");

    /** From the binlog status row (its Binlog_Do_DB and Binlog_Ignore_DB columns, comma-separated). */
    static BinlogFilter of(Row status) {
        return new BinlogFilter(names(status, "binlog_do_db"), names(status, "binlog_ignore_db"));
    }

    private static List<String> names(Row status, String column) {
        String value = status.has(column) ? status.string(column) : null;
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** With binlog-do-db only the named databases are logged (binlog-ignore-db is then not consulted). */
    boolean logs(String database) {
        return doDbs.isEmpty() ? !ignoreDbs.contains(database) : doDbs.contains(database);
    }

    boolean any() {
        return !doDbs.isEmpty() || !ignoreDbs.isEmpty();
    }

    /** The databases holding a table {@code captured} ("db.table") that the binlog leaves out. */
    Set<String> leftOut(MysqlCatalog catalog, Predicate<String> captured) throws SQLException {
        return any() ? leftOut(catalog.baseTables(), captured) : Set.of();
    }

    Set<String> leftOut(List<String> tables, Predicate<String> captured) {
        Set<String> out = new TreeSet<>();
        for (String table : tables) {
            String database = table.substring(0, table.indexOf('.'));
            if (!SYSTEM.contains(database.toLowerCase(Locale.ROOT)) && !logs(database)
                    && captured.test(table)) {
                out.add(database);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return doDbs.isEmpty() ? "binlog_ignore_db=" + String.join(",", ignoreDbs)
                : "binlog_do_db=" + String.join(",", doDbs);
    }
}
