package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.BadInputException;

import java.util.List;

/**
 * What {@code precheck --save-baseline} records for SQL Server: the release, the database, whether CDC was on,
 * the max LSN (where a caught-up reader stands) and every capture instance with its start LSN. LSNs are kept
 * as their 0x hex text so the file is readable.
 */
public record SqlServerBaseline(String version, String database, String platform, boolean databaseCdcEnabled,
                             String maxLsn, List<Instance> captureInstances) {

    /** One capture instance: {@code table} is schema.table, {@code changeTableId} its change table's object_id. */
    public record Instance(String name, String table, long changeTableId, String startLsn) {
    }

    public SqlServerBaseline {
        captureInstances = captureInstances == null ? List.of() : List.copyOf(captureInstances);
    }

    /** The baseline max LSN, or null when none was recorded; a malformed one is a corrupt baseline (exit 2). */
    Lsn maxLsnValue() {
        return lsn(maxLsn);
    }

    static Lsn lsn(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Lsn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("baseline is not a valid sqlserver baseline: " + e.getMessage());
        }
    }

    TableName tableOf(Instance instance) {
        return TableName.parse(instance.table());
    }
}
