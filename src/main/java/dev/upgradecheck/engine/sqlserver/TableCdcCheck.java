package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Each captured table: sys.tables.is_tracked_by_cdc = 1 and a capture instance in cdc.change_tables. */
final class TableCdcCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc.tables",
            "Captured tables tracked by CDC, each with a capture instance", TableCdcCheck::evaluate);

    private TableCdcCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        List<TableName> tables = ctx.tables();
        String database = ctx.facts().database();
        if (tables.isEmpty()) {
            return Outcome.fail("no table is tracked by CDC", "each captured table tracked",
                    "name the captured tables with --tables schema.table to see which ones lack CDC",
                    Remedies.enableTables(database, List.of(TableName.of("dbo", "<table>"))));
        }
        Findings findings = new Findings();
        if (!ctx.catalog().databaseCdcEnabled()) {
            findings.fail("CDC is off on " + database, Remedies.enableDatabase(database, ctx.facts().platform()));
        }
        List<String> notTracked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (TableName table : tables) {
            Optional<Boolean> tracked = ctx.catalog().tracked(table);
            String enable = Remedies.enableTables(database, List.of(table));
            if (tracked.isEmpty()) {
                missing.add(table.display());
                findings.fail(table.display() + ": not found", "check the --tables names");
            } else if (!tracked.get()) {
                notTracked.add(table.display());
                findings.fail(table.display() + ": is_tracked_by_cdc = 0", enable);
            } else {
                List<CaptureInstance> instances = ctx.catalog().captureInstancesOf(table);
                if (instances.isEmpty()) {
                    notTracked.add(table.display());
                    findings.fail(table.display() + ": tracked, but no capture instance", enable);
                } else {
                    findings.pass(table.display() + ": tracked ("
                            + String.join(", ", instances.stream().map(CaptureInstance::name).toList()) + ")");
                }
            }
        }
        if (!notTracked.isEmpty()) {
            findings.detail("Changes to " + String.join(", ", notTracked) + " are not captured.");
        }
        if (!missing.isEmpty()) {
            findings.detail(String.join(", ", missing) + " does not exist in " + database
                    + " or this login cannot see it (metadata is visible only with a permission on the table).");
        }
        return findings.outcome("is_tracked_by_cdc = 1 and a capture instance for each table");
    }
}
