package dev.upgradecheck.reconcile;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** One side of a comparison: counts and checksums per key range, and the keys of small ranges. */
interface KeyRangeReader {

    /**
     * The whole table (after any filter), in one statement: its rows, those changed after --as-of, and a single integer
     * key's least and greatest key.
     */
    RangeStats total() throws SQLException;

    /** The least and greatest key in the range (single integer key), its rows {@link RangeStats#NOT_COUNTED}. */
    RangeStats bounds(KeyRange range) throws SQLException;

    /**
     * The rows in any of the ranges (ascending, disjoint) cut at the boundaries (each the inclusive top of its bucket;
     * the last bucket runs to the last range's top): one entry per bucket, {@code boundaries.size() + 1} in all,
     * empty buckets included. Several ranges are read in one statement.
     */
    List<RangeStats> buckets(List<KeyRange> ranges, List<Key> boundaries) throws SQLException;

    /**
     * As {@link #buckets}, with the rows (and those in flight) alone: no checksum, no key bounds, so the database
     * only counts, through the key's index where it can.
     */
    List<RangeStats> counts(KeyRange range, List<Key> boundaries) throws SQLException;

    /** How many buckets one cut may have: many where the database finds a key's bucket by a binary search. */
    int widestCut();

    /** Keys that cut the range into about {@code buckets} parts of equal row counts. */
    List<Key> quantiles(KeyRange range, long rowsInRange, int buckets) throws SQLException;

    /** Every key in the ranges with its row's hash and whether the row changed after --as-of (at most limit). */
    Map<Key, LeafRow> rows(List<KeyRange> ranges, int limit) throws SQLException;

    ReadCost cost();

    /** One row of a small range. */
    record LeafRow(long hash, boolean inFlight) {
    }
}
