package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.jdbc.Row;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;

/** Reads V$ARCHIVED_LOG for the current incarnation (the RESETLOGS_CHANGE# V$DATABASE shows). */
final class ArchivedLogs {

    /** What is on disk now; STATUS 'A' = available. The age is computed by the server to avoid time-zone games. */
    record OnDisk(long files, Scn oldestScn, Long oldestAgeSeconds) {
    }

    private ArchivedLogs() {
    }

    static OnDisk onDisk(OracleCatalog catalog, Scn resetlogs) throws SQLException {
        Row row = catalog.one(OracleCatalog.ARCHIVED_ON_DISK, number(resetlogs));
        return new OnDisk(row.longValue("files"), Scn.fromColumn(row.get("oldest_scn")),
                row.longValue("oldest_age_seconds"));
    }

    static List<RedoHistory.ArchivedLog> since(OracleCatalog catalog, Scn resetlogs, Scn from) throws SQLException {
        return catalog.query(OracleCatalog.ARCHIVED_SINCE, number(resetlogs), number(from)).stream()
                .map(r -> new RedoHistory.ArchivedLog(r.longValue("thread#").intValue(), r.longValue("sequence#"),
                        Scn.fromColumn(r.get("first_change#")), Scn.fromColumn(r.get("next_change#")),
                        "NO".equals(r.string("deleted")) && "A".equals(r.string("status"))))
                .toList();
    }

    /** SCNs are bound as NUMBER (BigDecimal), which every driver version maps without loss. */
    static BigDecimal number(Scn scn) {
        return new BigDecimal(scn.value());
    }
}
