package dev.upgradecheck.engine.sqlserver;

import java.sql.SQLException;
import java.util.List;

/** A live session next to the baseline it is compared with. */
record VerifyContext(SqlServerContext live, SqlServerBaseline baseline) {

    /** The baseline's capture instances for the tables in scope (--tables, or all of them). */
    List<SqlServerBaseline.Instance> baselineInstances() {
        List<TableName> requested = SqlServerContext.requestedTables(live.options(), live.facts().database());
        return baseline.captureInstances().stream()
                .filter(i -> requested.isEmpty() || requested.stream().anyMatch(t -> t.sameTable(baseline.tableOf(i))))
                .toList();
    }

    /** What happened to one baseline capture instance on the live database. */
    InstanceFate fate(SqlServerBaseline.Instance before) throws SQLException {
        Lsn baselineMax = baseline.maxLsnValue();
        CaptureInstance now = live.catalog().captureInstances().stream()
                .filter(c -> c.name().equalsIgnoreCase(before.name())).findFirst().orElse(null);
        if (now == null) {
            return new InstanceFate(before, null, InstanceFate.Kind.GONE);
        }
        if (now.changeTableId() != before.changeTableId()) {
            return new InstanceFate(before, now, InstanceFate.Kind.RECREATED);
        }
        if (baselineMax != null && now.startLsn() != null && now.startLsn().isAfter(baselineMax)) {
            return new InstanceFate(before, now, InstanceFate.Kind.CLEANED_PAST_BASELINE);
        }
        return new InstanceFate(before, now, InstanceFate.Kind.KEPT);
    }

    /** GONE: CDC was disabled on the table or database; RECREATED: disabled then enabled again; CLEANED: rows deleted. */
    record InstanceFate(SqlServerBaseline.Instance before, CaptureInstance now, Kind kind) {
        enum Kind { KEPT, GONE, RECREATED, CLEANED_PAST_BASELINE }

        String describe(Lsn baselineMax) {
            String table = before.table();
            return switch (kind) {
                case KEPT -> table + ": " + before.name() + " kept";
                case GONE -> table + ": capture instance " + before.name()
                        + " is gone (CDC was disabled on the table or the database)";
                case RECREATED -> table + ": " + before.name() + " was re-created after the baseline (start_lsn "
                        + now.startLsn() + "): changes between the baseline and its creation were never captured";
                case CLEANED_PAST_BASELINE -> table + ": " + before.name() + " start_lsn " + now.startLsn()
                        + " is after the baseline max LSN " + baselineMax
                        + ": the cleanup job deleted changes the reader had not read";
            };
        }
    }
}
