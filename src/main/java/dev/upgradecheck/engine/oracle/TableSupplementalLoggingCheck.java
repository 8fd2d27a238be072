package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

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
        List<String> missing = new ArrayList<>();
        List<String> invisible = new ArrayList<>();
        List<String> remedies = new ArrayList<>();
        for (TableName table : context.tables()) {
            TableLogging logging = TableLogging.read(context.catalog(), table);
            if (!logging.visible()) {
                invisible.add(table.toString());
            } else if (!logging.allColumnLogging()) {
                missing.add(table.toString());
                remedies.add(context.remedies().tableSupplementalLogging(table));
            }
        }
        if (!missing.isEmpty()) {
            String detail = "updates to these tables are logged without full row images";
            if (context.baseline().isPresent()) {
                List<String> lost = missing.stream()
                        .filter(t -> context.baseline().get().tableHadAllColumnLogging(t)).toList();
                if (!lost.isEmpty()) {
                    detail += "; lost since the baseline (re-created or reset): " + String.join(", ", lost);
                }
            }
            if (!invisible.isEmpty()) {
                detail += "; not visible to this user: " + String.join(", ", invisible);
            }
            return Outcome.fail("without ALL COLUMN logging: " + String.join(", ", missing),
                    "ALL COLUMN LOGGING on every captured table", detail, String.join("\n", remedies));
        }
        if (!invisible.isEmpty()) {
            return Outcome.error("ALL_TABLES does not show " + String.join(", ", invisible)
                            + ": the table does not exist, or this user may not access it, so its log groups are hidden",
                    "check the name, or connect as a user with SELECT on the table (or SELECT ANY TABLE)");
        }
        return Outcome.pass(context.tables().size() + " table(s) with ALL COLUMN logging")
                .expecting("ALL COLUMN LOGGING on every captured table");
    }
}
