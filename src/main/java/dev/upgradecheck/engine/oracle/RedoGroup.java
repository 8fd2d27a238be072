package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.List;

/** One online redo log group from V$LOG: its layout (recorded in the baseline) and its state now. */
record RedoGroup(int thread, int group, long bytes, int members) {

    /** A row of V$LOG with the fields beyond the layout. */
    record Online(RedoGroup layout, long sequence, boolean archived, String status, Scn firstScn) {
    }

    static List<Online> read(OracleCatalog catalog) throws SQLException {
        return catalog.query(OracleCatalog.REDO_GROUPS).stream().map(RedoGroup::online).toList();
    }

    private static Online online(Row row) {
        RedoGroup layout = new RedoGroup(row.longValue("thread#").intValue(), row.longValue("group#").intValue(),
                row.longValue("bytes"), row.longValue("members").intValue());
        return new Online(layout, row.longValue("sequence#"), "YES".equals(row.string("archived")),
                row.string("status"), Scn.fromColumn(row.get("first_change#")));
    }

    String describe() {
        return "thread " + thread + " group " + group + ": " + (bytes / (1024 * 1024)) + " MB x " + members;
    }
}
