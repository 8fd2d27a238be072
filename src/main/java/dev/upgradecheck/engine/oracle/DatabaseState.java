package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;

/** The one V$DATABASE row the configuration checks and the baseline read. */
record DatabaseState(String name, String dbid, String logMode, String supplementalMin, String supplementalAll,
                     boolean cdb, Scn currentScn, Scn resetlogsScn) {

    static DatabaseState read(OracleCatalog catalog) throws SQLException {
        Row row = catalog.one(OracleCatalog.DATABASE);
        return new DatabaseState(row.string("name"), row.string("dbid"), row.string("log_mode"),
                row.string("supplemental_log_data_min"), row.string("supplemental_log_data_all"),
                "YES".equals(row.string("cdb")), Scn.fromColumn(row.get("current_scn")),
                Scn.fromColumn(row.get("resetlogs_change#")));
    }

    boolean archiveLog() {
        return "ARCHIVELOG".equals(logMode);
    }

    /** IMPLICIT: minimal logging is on because a database-wide key or ALL logging level implies it. */
    boolean minimalSupplementalLogging() {
        return "YES".equals(supplementalMin) || "IMPLICIT".equals(supplementalMin);
    }

    boolean allColumnLogging() {
        return "YES".equals(supplementalAll);
    }
}
