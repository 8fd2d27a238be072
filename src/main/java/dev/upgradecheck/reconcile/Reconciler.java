package dev.upgradecheck.reconcile;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.jdbc.SqlDialect;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.value.UserText;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Source against destination, table by table: exact counts first; when they differ (or with --keys) the key
 * comparison. A table that cannot be compared (missing on one side, a refused read, a timeout) is UNKNOWN with
 * its reason, and the other tables go on.
 */
public final class Reconciler {

    /** One side: its open read-only session and how its database spells SQL. */
    public record Side(SqlSession sql, SqlDialect dialect) {
    }

    private static final ReadCost NOTHING = new ReadCost(0, 0, 0);

    private final Side source;
    private final Side destination;
    private final ReconcileSettings settings;

    public Reconciler(Side source, Side destination, ReconcileSettings settings) {
        this.source = source;
        this.destination = destination;
        this.settings = settings;
    }

    public Reconciliation run() {
        List<TableName> sources = settings.tables();
        List<TableName> destinations = sources.stream().map(settings.mapping()::destinationOf).toList();
        List<TableReconciliation> tables = new ArrayList<>();
        try (BothSides sides = new BothSides()) {
            BothSides.Pair<List<Optional<TableShape>>> shapes;
            try {
                // every table's columns in one catalog read per side, where the database has one
                shapes = sides.read(() -> TableShape.read(source.sql(), source.dialect(), sources),
                        () -> TableShape.read(destination.sql(), destination.dialect(), destinations));
            } catch (SQLException e) {
                String reason = "cannot read the tables' columns: " + UserText.firstLine(e.getMessage());
                for (int i = 0; i < sources.size(); i++) {
                    tables.add(TableReconciliation.unknown(sources.get(i).toString(), destinations.get(i).toString(),
                            reason, NOTHING, NOTHING));
                }
                return new Reconciliation(tables);
            }
            for (int i = 0; i < sources.size(); i++) {
                tables.add(table(sides, sources.get(i), destinations.get(i), shapes.source().get(i),
                        shapes.destination().get(i)));
            }
        }
        return new Reconciliation(tables);
    }

    private TableReconciliation table(BothSides sides, TableName src, TableName dst, Optional<TableShape> s,
                                      Optional<TableShape> d) {
        if (s.isEmpty() || d.isEmpty()) {
            String where = s.isEmpty() ? "at the source" : "at the destination";
            TableName missing = s.isEmpty() ? src : dst;
            return TableReconciliation.unknown(src.toString(), dst.toString(), "table " + missing + " not found " + where
                    + (s.isEmpty() ? "" : " (map it with --table-map or --dest-naming)"), NOTHING, NOTHING);
        }
        Plan plan = plan(s.get(), d.get());
        try {
            return compare(sides, src, dst, plan);
        } catch (SQLException e) {
            return TableReconciliation.unknown(src.toString(), dst.toString(), UserText.firstLine(e.getMessage()),
                    plan.source.cost(), plan.destination.cost());
        }
    }

    /** How the two tables are compared, and the readers that do it. */
    private record Plan(SqlKeyRangeReader source, SqlKeyRangeReader destination, List<TableShape.KeyColumn> key,
                        String comparedBy, List<String> notes) {
    }

    private Plan plan(TableShape s, TableShape d) {
        List<String> notes = new ArrayList<>();
        SqlPredicate filter = settings.destinationFilter()
                .map(f -> f.predicate(destination.dialect(), d.columns(), d.table().toString()))
                .orElse(SqlPredicate.TRUE);
        SqlKeyRangeReader.AsOf asOf = null;
        if (settings.asOf() != null) {
            String column = s.column(settings.asOfColumn()).orElseThrow(() -> new BadInputException(
                    "--as-of-column: the source table " + s.table() + " has no column "
                            + UserText.shown(settings.asOfColumn(), 80)));
            asOf = new SqlKeyRangeReader.AsOf(column, Timestamp.from(settings.asOf()));
        }
        List<TableShape.KeyColumn> sourceKey = new ArrayList<>();
        List<TableShape.KeyColumn> destinationKey = new ArrayList<>();
        for (TableShape.KeyColumn k : s.key()) {
            Optional<String> there = d.column(k.name());
            if (there.isEmpty()) {
                notes.add("the destination has no column " + k.name() + " of the source's primary key: compared by "
                        + "counts only");
                sourceKey.clear();
                destinationKey.clear();
                break;
            }
            // both sides must agree: an integer at one end and text at the other compare as text
            boolean integer = k.integer() && d.integerColumns().contains(there.get());
            sourceKey.add(new TableShape.KeyColumn(k.name(), integer));
            destinationKey.add(new TableShape.KeyColumn(there.get(), integer));
        }
        if (s.key().isEmpty()) {
            notes.add("the source table has no primary key: rows cannot be told apart, so only counts are compared");
        }
        boolean hashing = source.dialect().hash56("x").isPresent() && destination.dialect().hash56("x").isPresent();
        boolean sameKind = source.dialect().name().equals(destination.dialect().name());
        boolean nativeHash = sameKind && source.dialect().nativeHash("x").isPresent();
        List<String> sourceHashed = new ArrayList<>();
        List<String> destinationHashed = new ArrayList<>();
        Set<String> sourceWholeNumbers = new HashSet<>();
        Set<String> destinationWholeNumbers = new HashSet<>();
        String comparedBy;
        if (sourceKey.isEmpty()) {
            comparedBy = "counts";
        } else if (!hashing) {
            comparedBy = "keys (counts per key range)";
            notes.add("no hash function known for the " + (source.dialect().hash56("x").isPresent()
                    ? destination.dialect().name() : source.dialect().name()) + " side: key ranges are compared by "
                    + "their counts, so a missing and an extra row in one range would hide each other");
        } else {
            sourceKey.forEach(k -> sourceHashed.add(k.name()));
            destinationKey.forEach(k -> destinationHashed.add(k.name()));
            if (sameKind) {
                for (String column : s.columns()) {
                    Optional<String> there = d.column(column);
                    if (!sourceHashed.contains(column) && there.isPresent()) {
                        sourceHashed.add(column);
                        destinationHashed.add(there.get());
                        if (s.integerColumns().contains(column) && d.integerColumns().contains(there.get())) {
                            sourceWholeNumbers.add(column);
                            destinationWholeNumbers.add(there.get());
                        }
                    }
                }
                comparedBy = "keys and " + (sourceHashed.size() - sourceKey.size()) + " columns (as text)";
            } else {
                comparedBy = "keys";
                notes.add("different databases (" + source.dialect().name() + " to " + destination.dialect().name()
                        + "): keys compared, not column values, whose text differs between databases");
            }
        }
        TableShape sourceShape = s.keyedBy(sourceKey);
        TableShape destinationShape = d.keyedBy(destinationKey);
        return new Plan(new SqlKeyRangeReader("source", source.sql(), source.dialect(), sourceShape, sourceHashed,
                sourceWholeNumbers, nativeHash, SqlPredicate.TRUE, asOf),
                new SqlKeyRangeReader("destination", destination.sql(), destination.dialect(), destinationShape,
                        destinationHashed, destinationWholeNumbers, nativeHash, filter, null),
                List.copyOf(sourceKey), comparedBy, notes);
    }

    private TableReconciliation compare(BothSides sides, TableName src, TableName dst, Plan plan)
            throws SQLException {
        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(settings.notes());
        if (settings.estimate() && !settings.keys()) {
            BothSides.Pair<Long> counts = sides.read(() -> estimate(source, src), () -> estimate(destination, dst));
            notes.add("counts are estimates from statistics: they cannot show a gap or its absence; run with --keys "
                    + "for a verdict");
            return result(src, dst, plan, counts.source(), counts.destination(), true, TableVerdict.UNKNOWN, notes,
                    Differences.NONE);
        }
        boolean integerKey = plan.key().size() == 1 && plan.key().get(0).integer();
        KeyComparison keys = new KeyComparison(plan.source(), plan.destination(), sides, integerKey,
                settings.keys(), settings.maxQueries());
        if (integerKey && settings.keys()) {
            // every range's rows are compared: the first cut's buckets add up to the exact counts, no COUNT(*) of its own
            Differences found = keys.compare(null, null);
            return judge(src, dst, plan, keys.sourceTotal(), keys.destinationTotal(), notes, found);
        }
        BothSides.Pair<RangeStats> totals = sides.read(plan.source()::total, plan.destination()::total);
        RangeStats s = totals.source();
        RangeStats d = totals.destination();
        if (plan.key().isEmpty()) {
            TableVerdict v = s.rows() == d.rows() ? TableVerdict.IN_SYNC
                    : s.rows() > d.rows() ? TableVerdict.MISSING_ROWS : TableVerdict.EXTRA_ROWS;
            return result(src, dst, plan, s.rows(), d.rows(), false, v, notes, Differences.NONE);
        }
        if (s.rows() == d.rows() && !settings.keys()) {
            notes.add("counts agree; keys not compared: a changed row, or a missing and an extra row, would not show "
                    + "(--keys compares them)");
            return result(src, dst, plan, s.rows(), d.rows(), false, TableVerdict.IN_SYNC, notes,
                    Differences.NONE);
        }
        if (integerKey) {
            notes.add("key ranges compared by their counts, and only those whose counts differ by their rows: a "
                    + "changed row, or a missing and an extra row, in a range whose counts agree is not seen "
                    + "(--keys compares them)");
        }
        return judge(src, dst, plan, s, d, notes, keys.compare(s, d));
    }

    /** The verdict from the two totals and what the key comparison found. */
    private TableReconciliation judge(TableName src, TableName dst, Plan plan, RangeStats s, RangeStats d,
                                      List<String> notes, Differences found) {
        TableVerdict verdict;
        if (!found.unresolved().isEmpty()) {
            verdict = TableVerdict.UNKNOWN;
            notes.add(found.unresolved().size() + " key range(s) still differed when --max-queries ("
                    + settings.maxQueries() + ") ran out: raise it to narrow them");
        } else if (!found.missing().isEmpty() || !found.changed().isEmpty()) {
            verdict = TableVerdict.MISSING_ROWS;
        } else if (!found.extra().isEmpty()) {
            verdict = TableVerdict.EXTRA_ROWS;
        } else if (s.rows() - s.inFlight() != d.rows() && found.inFlight() == 0) {
            verdict = TableVerdict.UNKNOWN;
            notes.add("the counts differ but no key does: rows changed while reconcile read them; run it again");
        } else {
            verdict = TableVerdict.IN_SYNC;
        }
        if (found.inFlight() > 0) {
            notes.add(found.inFlight() + " row(s) changed at the source after " + settings.asOfBasis()
                    + " are in flight, not gaps");
        }
        return result(src, dst, plan, s.rows(), d.rows(), false, verdict, notes, found);
    }

    private TableReconciliation result(TableName src, TableName dst, Plan plan, Long sourceRows, Long destinationRows,
                                       boolean estimated, TableVerdict verdict, List<String> notes, Differences found) {
        List<KeySpan> stale = new ArrayList<>(found.missing());
        stale.addAll(found.changed());
        String signal = stale.isEmpty() ? null
                : ResnapshotSignal.insert(source.dialect(), settings.signalTable(), src, plan.key(), stale);
        return new TableReconciliation(src.toString(), dst.toString(),
                plan.key().stream().map(TableShape.KeyColumn::name).toList(), sourceRows, destinationRows, estimated, verdict,
                plan.comparedBy(), notes, found.missing(), found.extra(), found.changed(), found.inFlight(),
                found.unresolved(), plan.source().cost(), plan.destination().cost(), signal);
    }

    /** The statistics' row count, or null where the database keeps none we know how to read. */
    private static Long estimate(Side side, TableName table) throws SQLException {
        Optional<String> query = side.dialect().estimateQuery();
        if (query.isEmpty()) {
            return null;
        }
        List<List<Object>> rows = side.sql().values(query.get(), table.schema(), table.name());
        return rows.isEmpty() || rows.get(0).get(0) == null ? null : ((Number) rows.get(0).get(0)).longValue();
    }
}
