package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

/**
 * After the upgrade: is this the database the baseline was taken on, in the same incarnation, with the SCN moved
 * forward? An upgrade by export/import, or a non-CDB plugged into a CDB, gives a new DBID; a flashback to a
 * restore point opens a new incarnation. Either way the reader's SCN no longer points into this redo stream.
 */
final class DatabaseIdentityCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.verify.database_identity",
            "Same database and incarnation as the baseline", DatabaseIdentityCheck::evaluate)
            .formerly("oracle.database_identity");

    private DatabaseIdentityCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        if (context.baseline().isEmpty()) {
            return Outcome.skip("needs --baseline: compares with the database the baseline was taken on");
        }
        OracleBaseline baseline = context.baseline().get();
        DatabaseState db = DatabaseState.read(context.catalog());
        String expected = "DBID " + baseline.dbid() + ", RESETLOGS_CHANGE# " + baseline.resetlogsScn();
        String observed = "DBID " + db.dbid() + ", RESETLOGS_CHANGE# " + db.resetlogsScn();
        if (!baseline.dbid().equals(db.dbid())) {
            return Outcome.fail(observed, expected, "a different database: the reader's SCN means nothing here; "
                    + "capture must start again from a snapshot", null);
        }
        if (!baseline.resetlogsScn().equals(db.resetlogsScn())) {
            return Outcome.fail(observed, expected, "the database was opened with RESETLOGS after the baseline "
                    + "(flashback to a restore point, or incomplete recovery): a new incarnation", null);
        }
        if (db.currentScn().compareTo(baseline.currentScn()) < 0) {
            return Outcome.fail("CURRENT_SCN " + db.currentScn(), "CURRENT_SCN after " + baseline.currentScn(),
                    "the SCN went backwards: this is not the redo stream the baseline was taken on", null);
        }
        return Outcome.pass(observed + "; SCN " + baseline.currentScn() + " -> " + db.currentScn()).expecting(expected);
    }
}
