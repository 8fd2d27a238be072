package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.Version;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a LogMiner reader needs a re-snapshot: changes it can never see (ARCHIVELOG or supplemental logging off,
 * redo overwritten unarchived, archived logs deleted before it read them, a different database or incarnation)
 * make it REQUIRED; a table that lost ALL COLUMN logging needs one for itself.
 */
final class OracleSnapshotRules {

    private OracleSnapshotRules() {
    }

    /** @param reader the connector's committed SCN (live, or as the baseline recorded it), when known */
    static SnapshotAdvice advise(OracleContext context, Optional<ReaderScn> reader) throws SQLException {
        DatabaseState db = DatabaseState.read(context.catalog());
        List<String> required = new ArrayList<>();
        boolean sameStream = true;
        if (context.baseline().isPresent()) {
            OracleBaseline baseline = context.baseline().get();
            if (!baseline.dbid().equals(db.dbid())) {
                required.add("a different database than the baseline (DBID " + baseline.dbid() + " -> " + db.dbid()
                        + "): the reader's SCN does not point into this redo stream");
                sameStream = false;
            } else if (!baseline.resetlogsScn().equals(db.resetlogsScn())) {
                required.add("opened with RESETLOGS after the baseline: a new incarnation, the redo stream restarted");
                sameStream = false;
            }
        }
        if (!db.archiveLog()) {
            required.add("the database is in " + db.logMode() + " mode: redo is overwritten without being archived");
        }
        if (!db.minimalSupplementalLogging()) {
            required.add("minimal supplemental logging is off: changes made since it was reset are not captured");
        }
        if (context.baseline().isPresent() && sameStream && db.archiveLog()) {
            OracleBaseline baseline = context.baseline().get();
            RedoHistory history = RedoHistory.assess(baseline.currentScn(),
                    ArchivedLogs.since(context.catalog(), db.resetlogsScn(), baseline.currentScn()),
                    RedoGroup.read(context.catalog()));
            if (!history.neverArchived().isEmpty()) {
                required.add("ARCHIVELOG was off after the baseline (or records were lost): never archived "
                        + String.join("; ", history.neverArchived()));
            }
            if (!history.deleted().isEmpty()) {
                required.add("archived logs no longer cover baseline SCN " + baseline.currentScn() + ": deleted "
                        + String.join("; ", history.deleted()));
            }
        }

        if (reader.isPresent()) {
            ConnectorChecks.gaps(context, reader.get()).forEach(gap -> required.add("the connector's " + reader.get()
                    + " cannot be resumed: " + gap));
        }

        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        required.forEach(reason -> advice.overall(Verdict.REQUIRED, reason));
        for (TableName table : context.tables()) {
            String name = table.toString();
            required.forEach(reason -> advice.table(name, Verdict.REQUIRED, reason));
            if (!db.allColumnLogging()) {
                TableLogging logging = TableLogging.read(context.catalog(), table);
                if (!logging.visible()) {
                    advice.table(name, Verdict.RECOMMENDED, "not visible to this user (ALL_TABLES): its supplemental "
                            + "logging cannot be checked");
                } else if (!logging.allColumnLogging()) {
                    advice.table(name, Verdict.REQUIRED, "no ALL COLUMN supplemental logging now: its updates lack "
                            + "full row images" + (context.baseline().map(b -> b.tableHadAllColumnLogging(name))
                            .orElse(false) ? " (it had it at the baseline)" : ""));
                }
            }
            advice.tableUnaffected(name, "redo since the baseline is complete and the table is fully logged");
        }
        if (reader.isPresent() && required.isEmpty() && !reader.get().inSnapshot()) {
            advice.continuity("the connector's " + reader.get() + " is in this incarnation and every redo log from it "
                    + "on is online or archived on disk");
        } else if (reader.isPresent() && reader.get().inSnapshot()) {
            advice.missingEvidence("the connector's offset (" + reader.get() + ") was committed during its initial "
                    + "snapshot: on restart it snapshots again");
        } else {
            // The baseline's SCN is the server's, not the reader's: the reader may still need older redo.
            advice.missingEvidence("the reader's own position is not known: the baseline's SCN is the database's at "
                    + "baseline time, not the connector's committed SCN (give --connect-url so its offset is compared "
                    + "with the archived logs still on disk)");
        }
        if (required.isEmpty()) {
            advice.overall(Verdict.NOT_NEEDED, context.baseline().isPresent()
                    ? "same database and incarnation, ARCHIVELOG and supplemental logging on, every redo log since SCN "
                    + context.baseline().get().currentScn() + " archived and on disk (the catalog keeps no history of "
                    + "supplemental logging: a switch off and on again in between would not show)"
                    : "ARCHIVELOG and supplemental logging are on now; without --baseline the redo since the reader's "
                    + "position was not checked");
        }
        return advice.build();
    }

    /** From flags alone: an in-place upgrade keeps the redo stream, except where 21c ends the non-CDB. */
    static SnapshotAdvice offline(PlanRequest request, List<TableName> tables) {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        Version from = request.fromVersion() == null ? null : OracleRunbook.version(request.fromVersion(), "--from");
        Version to = request.toVersion() == null ? null : OracleRunbook.version(request.toVersion(), "--to");
        String condition = "an in-place upgrade keeps the SCN, the redo stream and supplemental logging: no snapshot "
                + "unless ARCHIVELOG or supplemental logging was off at some point, archived logs the reader needs "
                + "were deleted, or the database was re-created; run snapshot-advice with --url and --baseline to know";
        if (from != null && to != null && from.major() < 21 && to.major() >= 21) {
            String reason = "21c and later are multitenant only: a non-CDB upgraded to " + to.text()
                    + " becomes a PDB with a new redo stream (REQUIRED then); a CDB keeps its stream";
            advice.overall(Verdict.RECOMMENDED, reason);
            tables.forEach(t -> advice.table(t.toString(), Verdict.RECOMMENDED, reason));
        } else {
            advice.overall(Verdict.NOT_NEEDED, condition).continuity("forecast from the versions alone: " + condition);
            tables.forEach(t -> advice.tableUnaffected(t.toString(), condition));
        }
        return advice.build();
    }
}
