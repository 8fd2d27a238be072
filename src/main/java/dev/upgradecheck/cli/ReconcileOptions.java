package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.fleet.InventoryTarget;
import dev.upgradecheck.reconcile.ReconcileSettings;
import dev.upgradecheck.reconcile.RowFilter;
import dev.upgradecheck.reconcile.TableMapping;
import dev.upgradecheck.reconcile.TableName;
import dev.upgradecheck.value.UserText;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which tables reconcile compares, how the destination names them, and how far it may go. */
public final class ReconcileOptions {

    @Option(names = "--tables", split = ",", paramLabel = "SCHEMA.TABLE",
            description = "Source tables to compare (an inventory target's tables win).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--table-map", split = ",", paramLabel = "SRC=DEST",
            description = "The destination table of a source table, when not found by --dest-naming (an inventory "
                    + "target's tableMap wins for the tables it names).")
    List<String> tableMap = new ArrayList<>();

    @Option(names = "--dest-naming", paramLabel = "PRESET", defaultValue = "same",
            description = "How the sink names tables: same (default), lower (lower-cased), schema_table.")
    TableMapping.Preset naming;

    @Option(names = "--dest-schema", paramLabel = "SCHEMA",
            description = "The destination schema for every table not in --table-map.")
    String destSchema;

    @Option(names = "--dest-filter", paramLabel = "EXPR",
            description = "Which destination rows count, e.g. \"__deleted = 'false'\": column op value, "
                    + "or column IS [NOT] NULL, joined by AND/OR (an inventory target's destFilter wins).")
    String destFilter;

    @Option(names = "--keys", description = "Compare every key range's rows (checksums), not only where the counts "
            + "differ (an inventory target's keys wins).")
    boolean keys;

    @Option(names = "--estimate", description = "Counts from statistics (fast, marked as estimates; no verdict "
            + "without --keys).")
    boolean estimate;

    @Option(names = "--max-queries", paramLabel = "N", defaultValue = "200",
            description = "Statements per table, both sides together, the key comparison may send (default: "
                    + "${DEFAULT-VALUE}).")
    int maxQueries;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "What the pipeline has delivered up to (ISO-8601, e.g. 2026-12-01T10:00:00Z): source rows "
                    + "changed later (by --as-of-column) are in flight, not gaps.")
    String asOf;

    @Option(names = "--as-of-column", paramLabel = "COLUMN",
            description = "The source column holding each row's last change time (with --as-of, or with "
                    + "--connect-url and --connector: the time of the connector's committed offset).")
    String asOfColumn;

    @Option(names = "--signal-table", paramLabel = "SCHEMA.TABLE", defaultValue = "debezium_signal",
            description = "The connector's signal table, for the printed re-snapshot statement (default: "
                    + "${DEFAULT-VALUE}).")
    String signalTable;

    /**
     * Everything checked before any connection, for one source (its inventory entry's tables, tableMap, destFilter
     * and keys win over the flags).
     */
    ReconcileSettings settings(ResolvedTarget target) {
        if (maxQueries < 4 || maxQueries > 100_000) {
            throw new BadInputException("--max-queries must be between 4 and 100000");
        }
        boolean connector = target.connector().isPresent();
        if (asOf != null && connector) {
            throw new BadInputException("--as-of and --connect-url both say how far the pipeline has delivered: "
                    + "give one");
        }
        if (asOf != null && asOfColumn == null) {
            throw new BadInputException("--as-of needs --as-of-column: the source column that dates each row's "
                    + "last change");
        }
        if (asOfColumn != null && asOf == null && !connector) {
            throw new BadInputException("--as-of-column needs --as-of TIME, or the connector (--connect-url and "
                    + "--connector) whose committed offset says how far the pipeline has delivered");
        }
        List<String> given = target.options().tables().isEmpty() ? tables : target.options().tables();
        if (given.isEmpty()) {
            throw new BadInputException("--tables is required: the source tables to compare (in an inventory: tables)");
        }
        List<TableName> names = given.stream().map(t -> TableName.parse(t, "--tables")).toList();
        if (asOfColumn != null) {
            TableName.parse(asOfColumn, "--as-of-column");
        }
        Optional<InventoryTarget> entry = Optional.ofNullable(target.entry());
        Optional<String> entryFilter = entry.map(InventoryTarget::destFilter);
        Optional<RowFilter> filter = entryFilter.isPresent() ? RowFilter.parse(entryFilter.get(), "destFilter")
                : RowFilter.parse(destFilter, "--dest-filter");
        return new ReconcileSettings(names, TableMapping.of(DestinationOptions.tableMap(target, tableMap), naming,
                destSchema), filter, entry.map(InventoryTarget::keys).orElse(keys), estimate, maxQueries, asOfColumn,
                asOf == null ? null : instant(asOf), "--as-of", notes(connector),
                TableName.parse(signalTable, "--signal-table"));
    }

    /** A connector without --as-of-column is not read: nothing on the rows says when they changed. */
    private List<String> notes(boolean connector) {
        return connector && asOfColumn == null ? List.of("the connector was not read: without --as-of-column no row "
                + "says when it changed, so changes still in flight cannot be told from gaps") : List.of();
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInputException("--as-of '" + UserText.shown(text, 40) + "' is not a time with its offset, "
                    + "e.g. 2026-12-01T10:00:00Z");
        }
    }
}
