package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.plan.PlanRequest;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * When a SQL Server source needs a new snapshot: whenever CDC was off for a table at some point (its capture
 * instance is gone or re-created), the change rows the reader needed were deleted, or the database went behind
 * the baseline. Everything else resumes from the change tables.
 */
final class SqlServerSnapshotRules {

    private SqlServerSnapshotRules() {
    }

    /** @param reader the connector's committed offset (live, or as the baseline recorded it), when known */
    static SnapshotAdvice live(SqlServerContext ctx, Optional<SqlServerBaseline> baseline, Optional<ReaderOffset> reader)
            throws SQLException {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        if (reader.isPresent()) {
            fromReaderOffset(ctx, reader.get(), advice);
        } else {
            // The baseline's max LSN is the database's; a reader behind it needs change rows cleanup may have removed.
            advice.missingEvidence("the reader's own position is not known: the baseline's LSN is the database's at "
                    + "baseline time, not the connector's committed commit_lsn (give --connect-url so its offset is "
                    + "compared with each capture instance's minimum LSN)");
        }
        if (baseline.isEmpty()) {
            return withoutBaseline(ctx, advice, reader.isPresent());
        }
        VerifyContext verify = new VerifyContext(ctx, baseline.get());
        Lsn baselineMax = baseline.get().maxLsnValue();
        for (SqlServerBaseline.Instance before : verify.baselineInstances()) {
            VerifyContext.InstanceFate fate = verify.fate(before);
            if (fate.kind() == VerifyContext.InstanceFate.Kind.KEPT) {
                advice.tableUnaffected(before.table(), "capture instance " + before.name()
                        + " kept since the baseline: the reader resumes from the change table");
            } else {
                advice.table(before.table(), Verdict.REQUIRED, fate.describe(baselineMax));
            }
        }
        List<TableName> inBaseline = verify.baselineInstances().stream().map(i -> baseline.get().tableOf(i)).toList();
        for (TableName table : ctx.tables()) {
            if (inBaseline.stream().noneMatch(t -> t.sameTable(table))) {
                advice.table(table.display(), Verdict.REQUIRED,
                        "no capture instance at the baseline: changes before CDC was enabled were never captured");
            }
        }
        Optional<Lsn> now = ctx.catalog().maxLsn();
        if (baselineMax != null && now.isPresent() && now.get().compareTo(baselineMax) < 0) {
            advice.overall(Verdict.REQUIRED, "max LSN " + now.get() + " is behind the baseline " + baselineMax
                    + ": the database was restored from an earlier backup");
        }
        if (!ctx.catalog().databaseCdcEnabled()) {
            advice.overall(Verdict.REQUIRED, "CDC is off on " + ctx.facts().database());
        }
        return advice.build();
    }

    /**
     * The connector resumes after its commit_lsn: the change tables must still hold every change after it, i.e. each
     * capture instance's change data (from start_lsn, what sys.fn_cdc_get_min_lsn returns) starts at or before it.
     */
    private static void fromReaderOffset(SqlServerContext ctx, ReaderOffset reader, SnapshotAdvice.Builder advice)
            throws SQLException {
        Optional<Lsn> max = ctx.catalog().maxLsn();
        if (max.isPresent() && max.get().compareTo(reader.commitLsn()) < 0) {
            advice.overall(Verdict.REQUIRED, "max LSN " + max.get() + " is behind the connector's " + reader
                    + ": the database was restored from an earlier backup, or it is another database");
            return;
        }
        if (reader.inSnapshot()) {
            advice.missingEvidence("the connector's offset (" + reader + ") was committed during its initial snapshot:"
                    + " on restart it snapshots again");
            return;
        }
        List<CaptureInstance> inScope = ConnectorChecks.instancesInScope(ctx);
        List<CaptureInstance> gone = reader.cleanedPast(inScope);
        for (CaptureInstance instance : gone) {
            advice.table(instance.table().display(), Verdict.REQUIRED, "capture instance " + instance.name()
                    + " now starts at " + instance.startLsn() + ", after the connector's " + reader
                    + ": changes it has not read were cleaned up (or the instance was re-created)");
        }
        if (gone.isEmpty() && !inScope.isEmpty()) {
            advice.continuity("the connector's " + reader + " is at or after the start of every capture instance's "
                    + "change data (" + ConnectorChecks.describe(inScope) + "): the change tables still hold every "
                    + "change after it");
        }
    }

    private static SnapshotAdvice withoutBaseline(SqlServerContext ctx, SnapshotAdvice.Builder advice,
                                                  boolean readerJudged) throws SQLException {
        if (!ctx.catalog().databaseCdcEnabled()) {
            advice.overall(Verdict.REQUIRED, "CDC is off on " + ctx.facts().database()
                    + ": once it is enabled again, the captured tables need a new snapshot");
        }
        for (TableName table : ctx.tables()) {
            Optional<Boolean> tracked = ctx.catalog().tracked(table);
            if (tracked.isEmpty() || !tracked.get()) {
                advice.table(table.display(), Verdict.REQUIRED, "CDC is off on this table: changes are not captured");
            } else if (readerJudged) {
                advice.tableUnaffected(table.display(), "its capture instance starts at or before the connector's "
                        + "committed commit_lsn: CDC was on for it since that position");
            } else {
                advice.table(table.display(), Verdict.RECOMMENDED, "no baseline: whether CDC was off for this "
                        + "table during the upgrade cannot be told; verify with the baseline precheck saved");
            }
        }
        if (ctx.tables().isEmpty()) {
            advice.overall(Verdict.RECOMMENDED, "no baseline and no captured table found: name them with --tables");
        }
        return advice.build();
    }

    /** From the flags alone: what SQL Server's upgrade paths do to CDC. */
    static SnapshotAdvice offline(PlanRequest request) {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        if (request.fromVersion() != null && request.toVersion() != null
                && SqlServerRelease.major(request.toVersion()) < SqlServerRelease.major(request.fromVersion())) {
            throw new BadInputException("--to " + request.toVersion() + " is older than --from "
                    + request.fromVersion() + ": SQL Server databases cannot move to an older release");
        }
        String condition = switch (request.platform()) {
            case RDS -> "an RDS engine upgrade in place keeps CDC; any RDS restore (snapshot, point-in-time, "
                    + "native) disables CDC and removes its metadata, and then a snapshot is REQUIRED";
            case AZURE -> "Azure applies engine updates in place and keeps CDC; a restore or copy of the database "
                    + "does not carry CDC, and then a snapshot is REQUIRED";
            default -> "an in-place upgrade keeps CDC, the change tables and the capture jobs; a move by "
                    + "backup/restore without KEEP_CDC drops CDC, and then a snapshot is REQUIRED";
        };
        String forecast = condition + ". Save a baseline with precheck and run snapshot-advice "
                + "--baseline after the upgrade to know for sure.";
        advice.overall(Verdict.NOT_NEEDED, forecast).continuity("forecast from the upgrade path alone: " + condition);
        for (String t : request.target().tables()) {
            advice.tableUnaffected(TableName.parse(t).display(), "not needed while its capture instance survives "
                    + "the upgrade and cleanup retention covers the time the pipeline is stopped");
        }
        return advice.build();
    }
}
