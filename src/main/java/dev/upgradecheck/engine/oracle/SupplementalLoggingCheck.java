package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

/**
 * Minimal supplemental logging (V$DATABASE.SUPPLEMENTAL_LOG_DATA_MIN YES, or IMPLICIT when a database-wide key or
 * ALL level implies it) is what lets LogMiner rebuild row changes at all. Upgrades and re-created databases can
 * lose it. In a CDB it is set for the whole CDB from CDB$ROOT.
 */
final class SupplementalLoggingCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.supplemental_logging",
            "Minimal supplemental logging enabled", SupplementalLoggingCheck::evaluate);

    private SupplementalLoggingCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        DatabaseState db = DatabaseState.read(context.catalog());
        String observed = "SUPPLEMENTAL_LOG_DATA_MIN=" + db.supplementalMin();
        if (db.minimalSupplementalLogging()) {
            return Outcome.pass(observed).expecting("YES or IMPLICIT");
        }
        String detail = "without it LogMiner cannot rebuild row changes: nothing written now is captured";
        if (context.baseline().map(OracleBaseline::hadMinimalSupplementalLogging).orElse(false)) {
            detail = "it was on at the baseline and has been reset: " + detail;
        }
        if (context.facts().cdb() && !context.facts().inRoot() && !context.facts().rds()) {
            detail += "; in a CDB it is enabled for the whole CDB: run the statement connected to CDB$ROOT";
        }
        return Outcome.fail(observed, "YES or IMPLICIT", detail, context.remedies().minimalSupplementalLogging());
    }
}
