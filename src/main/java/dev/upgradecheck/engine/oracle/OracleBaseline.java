package dev.upgradecheck.engine.oracle;

import java.util.List;

/**
 * What {@code precheck --save-baseline} records for Oracle: the release, the container, the redo position
 * (CURRENT_SCN within the incarnation that RESETLOGS_CHANGE# names), the logging configuration and the redo layout.
 * No secret: names, numbers and settings only.
 */
public record OracleBaseline(String version, boolean cdb, String container, String platform, String dbid,
                             Scn currentScn, Scn resetlogsScn, String logMode, String supplementalLogDataMin,
                             String supplementalLogDataAll, List<RedoGroup> redoLogs, List<TableLogging> tables) {

    public OracleBaseline {
        if (version == null || dbid == null || currentScn == null || resetlogsScn == null || logMode == null
                || supplementalLogDataMin == null || redoLogs == null) {
            throw new IllegalArgumentException("an Oracle baseline needs version, dbid, currentScn, resetlogsScn, "
                    + "logMode, supplementalLogDataMin and redoLogs");
        }
        redoLogs = List.copyOf(redoLogs);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    boolean hadArchiveLog() {
        return "ARCHIVELOG".equals(logMode);
    }

    boolean hadMinimalSupplementalLogging() {
        return "YES".equals(supplementalLogDataMin) || "IMPLICIT".equals(supplementalLogDataMin);
    }

    boolean tableHadAllColumnLogging(String table) {
        return "YES".equals(supplementalLogDataAll)
                || tables.stream().anyMatch(t -> t.table().equals(table) && t.allColumnLogging());
    }
}
