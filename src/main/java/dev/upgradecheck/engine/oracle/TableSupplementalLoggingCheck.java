package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * Each captured table needs ALL COLUMN supplemental logging (ALL_LOG_GROUPS), or the database-wide
 * SUPPLEMENTAL_LOG_DATA_ALL, so updates carry full row images. A table re-created by an upgrade loses its log group.
 */
final class TableSupplementalLoggingCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.supplemental_logging.tables",
            "Captured tables have ALL COLUMN supplemental logging", TableSupplementalLoggingCheck::evaluate);

    private TableSupplementalLoggingCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        DatabaseState db = DatabaseState.read(context.catalog());
        if (db.allColumnLogging()) {
            return Outcome.pass("SUPPLEMENTAL_LOG_DATA_ALL=YES",
                    "all columns of every table are logged database-wide");
        }
        if (context.tables().isEmpty()) {
            return Outcome.skip("no --tables given and database-wide ALL COLUMN logging is off: "
                    + "pass --tables SCHEMA.TABLE,... to check the captured tables");
        }
        Findings findings = new Findings();
        List<String> invisible = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (TableName table : context.tables()) {
            TableLogging logging = TableLogging.read(context.catalog(), table);
            if (!logging.visible()) {
                invisible.add(table.toString());
            } else if (!logging.allColumnLogging()) {
                findings.fail(table + ": without ALL COLUMN logging",
                        context.remedies().tableSupplementalLogging(table));
                if (context.baseline().map(b -> b.tableHadAllColumnLogging(table.toString())).orElse(false)) {
                    lost.add(table.toString());
                }
            } else {
                findings.pass(table + ": ALL COLUMN logging");
            }
        }
        if (findings.status() == Status.FAIL) {
            findings.detail("Updates to these tables are logged without full row images.");
            if (!lost.isEmpty()) {
                findings.detail("Lost since the baseline (re-created or reset): " + String.join(", ", lost) + ".");
            }
            if (!invisible.isEmpty()) {
                findings.detail("Not visible to this user: " + String.join(", ", invisible) + ".");
            }
        } else if (!invisible.isEmpty()) {
            return Outcome.error("ALL_TABLES does not show " + String.join(", ", invisible)
                            + ": the table does not exist, or this user may not access it, so its log groups are hidden",
                    "check the name, or connect as a user with SELECT on the table (or SELECT ANY TABLE)");
        }
        return findings.outcome("ALL COLUMN LOGGING on every captured table");
    }
}
