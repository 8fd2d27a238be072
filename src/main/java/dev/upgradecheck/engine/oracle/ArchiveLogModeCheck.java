package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

/** LogMiner reads archived redo: in NOARCHIVELOG mode a filled online log is overwritten and its changes are lost. */
final class ArchiveLogModeCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.archivelog", "Database in ARCHIVELOG mode",
            ArchiveLogModeCheck::evaluate);

    private ArchiveLogModeCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        DatabaseState db = DatabaseState.read(context.catalog());
        if (db.archiveLog()) {
            return Outcome.pass(db.logMode()).expecting("ARCHIVELOG");
        }
        String detail = "changes written while the database is not archiving redo are overwritten before a "
                + "LogMiner-based reader can see them";
        if (context.baseline().map(OracleBaseline::hadArchiveLog).orElse(false)) {
            detail = "the database was in ARCHIVELOG mode at the baseline: the upgrade (or someone) switched it off; "
                    + detail;
        }
        return Outcome.fail(db.logMode(), "ARCHIVELOG", detail,
                String.join("\n", context.remedies().enableArchiveLog()));
    }
}
