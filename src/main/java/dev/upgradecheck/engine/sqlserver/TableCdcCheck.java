package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
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
        List<String> observed = new ArrayList<>();
        List<TableName> notTracked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (TableName table : tables) {
            Optional<Boolean> tracked = ctx.catalog().tracked(table);
            if (tracked.isEmpty()) {
                missing.add(table.display());
                observed.add(table.display() + ": not found");
            } else if (!tracked.get()) {
                notTracked.add(table);
                observed.add(table.display() + ": is_tracked_by_cdc = 0");
            } else {
                List<CaptureInstance> instances = ctx.catalog().captureInstancesOf(table);
                if (instances.isEmpty()) {
                    notTracked.add(table);
                    observed.add(table.display() + ": tracked, but no capture instance");
                } else {
                    observed.add(table.display() + ": tracked ("
                            + String.join(", ", instances.stream().map(CaptureInstance::name).toList()) + ")");
                }
            }
        }
        String seen = String.join("; ", observed);
        if (notTracked.isEmpty() && missing.isEmpty()) {
            return Outcome.pass(seen);
        }
        List<String> detail = new ArrayList<>();
        if (!notTracked.isEmpty()) {
            detail.add("changes to " + String.join(", ", notTracked.stream().map(TableName::display).toList())
                    + " are not captured");
        }
        if (!missing.isEmpty()) {
            detail.add(String.join(", ", missing) + " does not exist in " + database
                    + " or this login cannot see it (metadata is visible only with a permission on the table)");
        }
        String remedy = notTracked.isEmpty() ? "check the --tables names"
                : (ctx.catalog().databaseCdcEnabled() ? "" : Remedies.enableDatabase(database, ctx.facts().platform()) + " ")
                + Remedies.enableTables(database, notTracked);
        return Outcome.fail(seen, "is_tracked_by_cdc = 1 and a capture instance for each table",
                String.join("; ", detail), remedy);
    }
}
