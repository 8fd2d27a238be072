package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

/**
 * After the upgrade: was every redo log since the baseline archived? A sequence V$ARCHIVED_LOG has no record of
 * was overwritten unarchived (the database ran in NOARCHIVELOG mode for a while, as some upgrade procedures do
 * to go faster), so the changes in it can never be mined.
 */
final class RedoContinuityCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.verify.redo_continuity",
            "Every redo log since the baseline was archived", RedoContinuityCheck::evaluate)
            .formerly("oracle.redo_continuity");

    private RedoContinuityCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        if (context.baseline().isEmpty()) {
            return Outcome.skip("needs --baseline: compares the redo stream with the position saved before the upgrade");
        }
        OracleBaseline baseline = context.baseline().get();
        DatabaseState db = DatabaseState.read(context.catalog());
        String expected = "an archived log for every sequence since SCN " + baseline.currentScn();
        if (!db.resetlogsScn().equals(baseline.resetlogsScn())) {
            return Outcome.fail("new incarnation at SCN " + db.resetlogsScn(), expected,
                    "the database was opened with RESETLOGS after the baseline: the redo stream restarted", null);
        }
        RedoHistory history = RedoHistory.assess(baseline.currentScn(),
                ArchivedLogs.since(context.catalog(), db.resetlogsScn(), baseline.currentScn()),
                RedoGroup.read(context.catalog()));
        if (!history.neverArchived().isEmpty()) {
            return Outcome.fail("never archived: " + String.join("; ", history.neverArchived()), expected,
                    "these logs were overwritten without being archived (NOARCHIVELOG for a while, or their "
                            + "records aged out of the control file): the changes in them are lost to the reader", null);
        }
        return Outcome.pass("no gap since SCN " + baseline.currentScn()).expecting(expected);
    }
}
