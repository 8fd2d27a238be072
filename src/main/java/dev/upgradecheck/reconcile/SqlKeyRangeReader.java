package dev.upgradecheck.reconcile;

import dev.upgradecheck.engine.jdbc.SqlDialect;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link KeyRangeReader} over SQL: one statement per call, values bound, the session's query timeout on each.
 * Text keys compare by bytes on every database, so both sides cut ranges at the same place.
 */
final class SqlKeyRangeReader implements KeyRangeReader {

    /** The source column that dates each row's last change, and the time the pipeline has delivered up to. */
    record AsOf(String column, Timestamp time) {
    }

    private final String side;
    private final SqlSession sql;
    private final SqlDialect dialect;
    private final TableShape shape;
    private final String table;
    private final SqlPredicate filter;
    private final AsOf asOf;
    private final String hash;
    private long queries;
    private long rowsRead;
    private long rowsTransferred;

    /**
     * @param side    "source" or "destination", for messages
     * @param hashed  the columns each row's hash covers (the key alone across different databases), or empty
     *                to compare counts alone (the database has no hash function we know)
     * @param wholeNumbers the hashed columns (not the key) that hold 64-bit whole numbers on both sides: the native
     *                hash takes their values as integers where the database can, not their text
     * @param nativeHash the database's own hash instead of MD5 (both sides the same kind of database)
     * @param asOf    null, or the source's change column and time (source side only)
     */
    SqlKeyRangeReader(String side, SqlSession sql, SqlDialect dialect, TableShape shape, List<String> hashed,
                      Set<String> wholeNumbers, boolean nativeHash, SqlPredicate filter, AsOf asOf) {
        this.side = side;
        this.sql = sql;
        this.dialect = dialect;
        this.shape = shape;
        this.table = shape.table().quoted(dialect);
        this.filter = filter;
        this.asOf = asOf;
        // a single integer key seeds the native hash directly, and whole-number columns are hashed into that seed
        // one by one as integers: the same kind of database on both sides agrees, and neither turns them into text
        boolean seeded = nativeHash && dialect.nativeHashSeeded("''", "0").isPresent();
        boolean integersSeeded = seeded && dialect.nativeIntegerHashSeeded("0", "0").isPresent();
        String seed = seeded && shape.integerKey() && hashed.contains(shape.key().get(0).name())
                ? dialect.quote(shape.key().get(0).name()) : null;
        List<String> texts = new ArrayList<>();
        for (String column : hashed) {
            boolean key = shape.key().stream().anyMatch(k -> k.name().equals(column));
            if (key && seed != null) {
                continue;
            }
            if (!key && integersSeeded && wholeNumbers.contains(column)) {
                seed = dialect.nativeIntegerHashSeeded(dialect.quote(column), seed == null ? "0" : seed).orElseThrow();
                continue;
            }
            String text = dialect.asText(dialect.quote(column));
            texts.add(key ? text : dialect.nullMarked(text));
        }
        if (seed != null) {
            this.hash = dialect.nativeHashSeeded(texts.isEmpty() ? "''" : dialect.joinTexts(texts), seed).orElseThrow();
        } else {
            String joined = dialect.joinTexts(texts);
            this.hash = texts.isEmpty() ? "0"
                    : (nativeHash ? dialect.nativeHash(joined) : dialect.hash56(joined)).orElse("0");
        }
    }

    /**
     * A single integer key's least and greatest key come in the same statement as the count (the bounds of a range
     * comparison when the counts differ), as a derived table of their own: there they are two index probes, where
     * MIN and MAX beside COUNT(*) would be computed on every row (about twice a COUNT(*)'s time on PostgreSQL).
     */
    @Override
    public RangeStats total() throws SQLException {
        Query q = new Query("SELECT COUNT(*) AS uc_rows");
        if (asOf != null) {
            q.text(", SUM(CASE WHEN " + dialect.quote(asOf.column()) + " > ? THEN 1 ELSE 0 END) AS uc_in_flight")
                    .param(asOf.time());
        }
        q.text(" FROM " + table);
        where(q, KeyRange.ALL);
        if (shape.integerKey()) {
            Query bounds = boundsQuery(KeyRange.ALL);
            Query both = new Query("SELECT * FROM (" + q.sql + ") uc_count, (" + bounds.sql + ") uc_bounds");
            both.params.addAll(q.params);
            both.params.addAll(bounds.params);
            q = both;
        }
        List<Object> row = run(q).get(0);
        long rows = number(row.get(0)).longValue();
        rowsRead += rows;
        long inFlight = asOf == null || row.get(1) == null ? 0 : number(row.get(1)).longValue();
        int bounds = asOf == null ? 1 : 2;
        Key min = shape.integerKey() ? integerKey(row.get(bounds)) : null;
        Key max = shape.integerKey() ? integerKey(row.get(bounds + 1)) : null;
        return new RangeStats(rows, BigInteger.ZERO, min, max, inFlight);
    }

    @Override
    public RangeStats bounds(KeyRange range) throws SQLException {
        List<Object> row = run(boundsQuery(range)).get(0);
        return new RangeStats(RangeStats.NOT_COUNTED, BigInteger.ZERO, integerKey(row.get(0)), integerKey(row.get(1)),
                0);
    }

    /** Alone, MIN and MAX of a key are two index probes. */
    private Query boundsQuery(KeyRange range) {
        Query q = new Query("SELECT MIN(" + keyColumn(0) + ") AS uc_min, MAX(" + keyColumn(0) + ") AS uc_max FROM "
                + table);
        where(q, range);
        return q;
    }

    /**
     * One count per bucket, joined by UNION ALL: each bucket's bounds are plain key comparisons, so each count can
     * be a range scan of the key's index (nothing computed per row), about a COUNT(*)'s cost for the whole range.
     */
    @Override
    public List<RangeStats> counts(KeyRange range, List<Key> boundaries) throws SQLException {
        Query q = new Query("");
        for (int i = 0; i <= boundaries.size(); i++) {
            Key after = i == 0 ? range.after() : boundaries.get(i - 1);
            Key upTo = i == boundaries.size() ? range.upTo() : boundaries.get(i);
            q.text(i == 0 ? "SELECT " : " UNION ALL SELECT ").text(i + ", COUNT(*)");
            if (asOf != null) {
                q.text(", SUM(CASE WHEN " + dialect.quote(asOf.column()) + " > ? THEN 1 ELSE 0 END)")
                        .param(asOf.time());
            }
            q.text(" FROM " + table);
            where(q, new KeyRange(after, upTo));
        }
        List<RangeStats> stats = new ArrayList<>(java.util.Collections.nCopies(boundaries.size() + 1, RangeStats.EMPTY));
        for (List<Object> row : run(q)) {
            long rows = number(row.get(1)).longValue();
            rowsRead += rows;
            long inFlight = asOf == null || row.get(2) == null ? 0 : number(row.get(2)).longValue();
            stats.set(number(row.get(0)).intValue(), new RangeStats(rows, BigInteger.ZERO, null, null, inFlight));
        }
        return stats;
    }

    @Override
    public int widestCut() {
        return shape.integerKey() && dialect.integerBucket(keyColumn(0), 1).isPresent()
                ? KeyComparison.WIDEST_FANOUT : KeyComparison.FANOUT;
    }

    @Override
    public List<RangeStats> buckets(List<KeyRange> ranges, List<Key> boundaries) throws SQLException {
        Query inner = new Query("SELECT ");
        Optional<String> integerBucket = shape.integerKey()
                ? dialect.integerBucket(keyColumn(0), boundaries.size()) : Optional.empty();
        if (integerBucket.isPresent()) {
            // the thresholds are the first keys of buckets 1..n: one past each boundary (a bucket's inclusive top)
            inner.text(integerBucket.get());
            boundaries.forEach(b -> inner.param(b.integer() + 1));
        } else {
            inner.text("CASE");
            for (int i = 0; i < boundaries.size(); i++) {
                inner.text(" WHEN ");
                atMost(inner, boundaries.get(i));
                inner.text(" THEN " + i);
            }
            inner.text(" ELSE " + boundaries.size() + " END");
        }
        inner.text(" AS uc_bucket, " + hash + " AS uc_hash");
        if (shape.integerKey()) {
            inner.text(", " + keyColumn(0) + " AS uc_key");
        }
        if (asOf != null) {
            inner.text(", CASE WHEN " + dialect.quote(asOf.column()) + " > ? THEN 1 ELSE 0 END AS uc_in_flight");
            inner.param(asOf.time());
        }
        inner.text(" FROM " + table);
        where(inner, ranges);
        Query q = new Query("SELECT uc_bucket, COUNT(*), " + dialect.exactSum("uc_hash"));
        if (shape.integerKey()) {
            q.text(", MIN(uc_key), MAX(uc_key)");
        }
        if (asOf != null) {
            q.text(", SUM(uc_in_flight)");
        }
        q.text(" FROM (" + inner.sql + ") uc_rows GROUP BY uc_bucket");
        q.params.addAll(inner.params);
        List<RangeStats> stats = new ArrayList<>(java.util.Collections.nCopies(boundaries.size() + 1, RangeStats.EMPTY));
        for (List<Object> row : run(q)) {
            long rows = number(row.get(1)).longValue();
            rowsRead += rows;
            int at = 3;
            Key min = shape.integerKey() ? integerKey(row.get(at++)) : null;
            Key max = shape.integerKey() ? integerKey(row.get(at++)) : null;
            long inFlight = asOf == null ? 0 : number(row.get(at)).longValue();
            BigInteger sum = row.get(2) == null ? BigInteger.ZERO : new BigDecimal(row.get(2).toString()).toBigInteger();
            stats.set(number(row.get(0)).intValue(), new RangeStats(rows, sum, min, max, inFlight));
        }
        return stats;
    }

    @Override
    public List<Key> quantiles(KeyRange range, long rowsInRange, int buckets) throws SQLException {
        String keys = String.join(", ", shape.key().stream().map(k -> dialect.quote(k.name())).toList());
        Query inner = new Query("SELECT " + keys + ", ROW_NUMBER() OVER (ORDER BY " + ordering() + ") AS uc_rn FROM "
                + table);
        where(inner, range);
        Query q = new Query("SELECT " + keys + " FROM (" + inner.sql + ") uc_rows WHERE "
                + dialect.modulo("uc_rn", "?") + " = 0 ORDER BY uc_rn");
        q.params.addAll(inner.params);
        q.param(Math.max(1, (rowsInRange + buckets - 1) / buckets));
        rowsRead += rowsInRange;
        List<Key> cuts = new ArrayList<>();
        for (List<Object> row : run(q)) {
            cuts.add(Key.of(shape.key(), row));
        }
        return cuts;
    }

    @Override
    public Map<Key, LeafRow> rows(List<KeyRange> ranges, int limit) throws SQLException {
        String keys = String.join(", ", shape.key().stream().map(k -> dialect.quote(k.name())).toList());
        Query q = new Query("SELECT " + keys + ", " + hash);
        if (asOf != null) {
            q.text(", CASE WHEN " + dialect.quote(asOf.column()) + " > ? THEN 1 ELSE 0 END");
            q.param(asOf.time());
        }
        q.text(" FROM " + table);
        where(q, ranges);
        q.text(" ORDER BY " + ordering());
        q.sql = new StringBuilder(dialect.limited(q.sql.toString()));
        q.param(limit);
        int n = shape.key().size();
        Map<Key, LeafRow> rows = new LinkedHashMap<>();
        for (List<Object> row : run(q)) {
            rows.put(Key.of(shape.key(), row.subList(0, n)), new LeafRow(number(row.get(n)).longValue(),
                    asOf != null && number(row.get(n + 1)).intValue() == 1));
        }
        rowsRead += rows.size();
        return rows;
    }

    @Override
    public ReadCost cost() {
        return new ReadCost(queries, rowsRead, rowsTransferred);
    }

    private List<List<Object>> run(Query q) throws SQLException {
        queries++;
        List<List<Object>> rows;
        try {
            rows = sql.values(q.sql.toString(), q.params.toArray());
        } catch (SQLException e) {
            throw new ReadFailure(side, e);
        }
        rowsTransferred += rows.size();
        return rows;
    }

    private void where(Query q, KeyRange range) {
        where(q, List.of(range));
    }

    /** The filter, and the rows in any of the ranges. */
    private void where(Query q, List<KeyRange> ranges) {
        q.text(" WHERE (").text(filter.sql()).text(")");
        q.params.addAll(filter.params());
        if (ranges.size() == 1) {
            within(q, ranges.get(0));
            return;
        }
        q.text(" AND (");
        for (int i = 0; i < ranges.size(); i++) {
            q.text(i == 0 ? "(1 = 1" : " OR (1 = 1");
            within(q, ranges.get(i));
            q.text(")");
        }
        q.text(")");
    }

    private void within(Query q, KeyRange range) {
        if (range.after() != null) {
            q.text(" AND (");
            compare(q, range.after(), ">", ">");
            q.text(")");
        }
        if (range.upTo() != null) {
            q.text(" AND (");
            atMost(q, range.upTo());
            q.text(")");
        }
    }

    private void atMost(Query q, Key key) {
        compare(q, key, "<", "<=");
    }

    /**
     * Row-value comparison spelled out ({@code (a, b) > (?, ?)} is not SQL Server's): {@code a > ? OR (a = ? AND
     * b > ?)}; the last column takes {@code last}, every earlier one the strict {@code strict}.
     */
    private void compare(Query q, Key key, String strict, String last) {
        int n = shape.key().size();
        for (int i = 0; i < n; i++) {
            q.text(i == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                q.text(comparable(j) + " = ? AND ").param(key.parts().get(j));
            }
            q.text(comparable(i) + " " + (i == n - 1 ? last : strict) + " ?)").param(key.parts().get(i));
        }
    }

    private String ordering() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shape.key().size(); i++) {
            parts.add(comparable(i));
        }
        return String.join(", ", parts);
    }

    private String keyColumn(int i) {
        return dialect.quote(shape.key().get(i).name());
    }

    /** Integers compare as numbers; everything else as its text, byte by byte. */
    private String comparable(int i) {
        return shape.key().get(i).integer() ? keyColumn(i) : dialect.byteOrder(dialect.asText(keyColumn(i)));
    }

    private static Key integerKey(Object value) {
        return value == null ? null : new Key(List.of(Key.normalise(value, true)));
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : new BigDecimal(String.valueOf(value));
    }

    /** SQL text with its bound values in placeholder order. */
    private static final class Query {
        StringBuilder sql;
        final List<Object> params = new ArrayList<>();

        Query(String start) {
            this.sql = new StringBuilder(start);
        }

        Query text(String more) {
            sql.append(more);
            return this;
        }

        Query param(Object value) {
            params.add(value);
            return this;
        }
    }
}
