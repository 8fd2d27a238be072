package dev.upgradecheck.reconcile;

import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the keys one side has and the other lacks, by recursive bucketing: cut a range whose count or checksum
 * differs into buckets (one statement per side), keep only the buckets that still differ, and once a range is
 * small on both sides fetch its keys and diff them. In-sync ranges are never read again, so the cost follows the
 * number of gaps, not the table's size. Every statement counts against --max-queries.
 * <p>
 * Unless contents are compared everywhere (--keys), a single integer key's first cut counts rows alone (no row is
 * hashed): only the buckets whose counts differ are narrowed, by count and checksum. A changed row, or a missing
 * and an extra row, in a bucket whose counts agree is then not seen.
 */
final class KeyComparison {

    static final int FANOUT = 16;
    /**
     * Buckets of a first cut that only counts: a range count each, through the key's index, so more of them cost
     * little more (64 counts of a million rows took 1.1x the time of 16) and leave a gap's bucket 4x smaller to narrow.
     */
    static final int COUNTING_FANOUT = 64;
    /** The most buckets of a narrowing cut where the database finds a key's bucket by a binary search. */
    static final int WIDEST_FANOUT = 256;
    /** A range this small (on both sides) is settled by fetching its keys. */
    static final int LEAF_ROWS = 256;

    private final KeyRangeReader source;
    private final KeyRangeReader destination;
    private final BothSides sides;
    private final boolean integerKey;
    private final boolean contentsEverywhere;
    private final int maxQueries;

    private final List<Key> missing = new ArrayList<>();
    private final List<Key> extra = new ArrayList<>();
    private final List<Key> changed = new ArrayList<>();
    private final List<KeySpan> missingRuns = new ArrayList<>();
    private final List<KeySpan> extraRuns = new ArrayList<>();
    private final List<KeyRange> unresolved = new ArrayList<>();
    private long inFlight;
    private RangeStats sourceTotal;
    private RangeStats destinationTotal;
    /** The least and greatest key on either side (single integer key): the ends of the open ranges. */
    private long lowest;
    private long highest;

    /**
     * @param contentsEverywhere the first cut compares checksums too (--keys), not only counts
     */
    KeyComparison(KeyRangeReader source, KeyRangeReader destination, BothSides sides, boolean integerKey,
                  boolean contentsEverywhere, int maxQueries) {
        this.source = source;
        this.destination = destination;
        this.sides = sides;
        this.integerKey = integerKey;
        this.contentsEverywhere = contentsEverywhere;
        this.maxQueries = maxQueries;
    }

    private record Pending(KeyRange range, RangeStats source, RangeStats destination) {
    }

    /**
     * What differs between the two sides, given each side's {@link KeyRangeReader#total()} (whose key bounds, for a
     * single integer key, are the first cut's). With --keys and a single integer key the totals may be null: the key
     * bounds are then read alone (index probes) and the first cut's buckets add up to the counts (one full read per
     * side instead of two); {@link #sourceTotal()} and {@link #destinationTotal()} give them after.
     */
    Differences compare(RangeStats sourceTotal, RangeStats destinationTotal) throws SQLException {
        this.sourceTotal = sourceTotal;
        this.destinationTotal = destinationTotal;
        Pending all = new Pending(KeyRange.ALL, sourceTotal, destinationTotal);
        if (sourceTotal == null) {
            BothSides.Pair<RangeStats> bounded = sides.read(() -> source.bounds(KeyRange.ALL),
                    () -> destination.bounds(KeyRange.ALL));
            all = new Pending(KeyRange.ALL, bounded.source(), bounded.destination());
        }
        if (integerKey) {
            lowest = Math.min(integer(all.source().min(), Long.MAX_VALUE),
                    integer(all.destination().min(), Long.MAX_VALUE));
            highest = Math.max(integer(all.source().max(), Long.MIN_VALUE),
                    integer(all.destination().max(), Long.MIN_VALUE));
            if (this.sourceTotal == null && integerCuts(all, FANOUT).isEmpty()) {
                // at most one key on each side, nothing to cut between: count them after all
                countTotals();
                all = new Pending(KeyRange.ALL, this.sourceTotal, this.destinationTotal);
            }
        }
        // level by level: the ranges still differing at one level are cut (or fetched) together, one statement a side
        List<Pending> level = List.of(all);
        boolean first = true;
        while (!level.isEmpty()) {
            boolean countsOnly = first && integerKey && !contentsEverywhere;
            first = false;
            List<KeyRange> leaves = new ArrayList<>();
            List<Pending> toCut = new ArrayList<>();
            List<List<Key>> cutsOf = new ArrayList<>();
            for (Pending p : level) {
                if (oneSided(p)) {
                    continue;
                }
                if (p.source().counted() && p.source().rows() <= LEAF_ROWS && p.destination().rows() <= LEAF_ROWS) {
                    leaves.add(p.range());
                    continue;
                }
                List<Key> cuts = cuts(p, countsOnly);
                if (cuts == null) {
                    unresolved.add(p.range());
                    continue;
                }
                toCut.add(p);
                cutsOf.add(cuts);
            }
            if (!leaves.isEmpty()) {
                if (affordable(2)) {
                    diffKeys(leaves);
                } else {
                    unresolved.addAll(leaves);
                }
            }
            level = toCut.isEmpty() ? List.of() : cut(toCut, cutsOf, countsOnly);
        }
        if (this.sourceTotal == null) {
            countTotals();  // the first cut never came (--max-queries)
        }
        missing.sort(null);
        extra.sort(null);
        changed.sort(null);
        List<KeySpan> missingSpans = new ArrayList<>(missingRuns);
        missingSpans.addAll(KeySpan.compress(missing, integerKey));
        List<KeySpan> extraSpans = new ArrayList<>(extraRuns);
        extraSpans.addAll(KeySpan.compress(extra, integerKey));
        return new Differences(KeySpan.joined(missingSpans, integerKey), KeySpan.joined(extraSpans, integerKey),
                KeySpan.compress(changed, integerKey), inFlight,
                unresolved.stream().map(KeyRange::toString).toList());
    }

    /** The source's rows (after --as-of: with those in flight counted), known once {@link #compare} has run. */
    RangeStats sourceTotal() {
        return sourceTotal;
    }

    RangeStats destinationTotal() {
        return destinationTotal;
    }

    private void countTotals() throws SQLException {
        BothSides.Pair<RangeStats> totals = sides.read(source::total, destination::total);
        sourceTotal = totals.source();
        destinationTotal = totals.destination();
    }

    /**
     * The ranges (ascending, disjoint) cut in one statement per side: each range's cuts, then its top, which
     * separates its last bucket from the next range's first (the rows between two ranges are not read). Returns the
     * buckets that differ.
     */
    private List<Pending> cut(List<Pending> ranges, List<List<Key>> cutsOf, boolean countsOnly) throws SQLException {
        if (!affordable(2)) {
            ranges.forEach(p -> unresolved.add(p.range()));
            return List.of();
        }
        List<KeyRange> spans = ranges.stream().map(Pending::range).toList();
        List<Key> boundaries = new ArrayList<>();
        for (int j = 0; j < spans.size(); j++) {
            boundaries.addAll(cutsOf.get(j));
            if (j < spans.size() - 1) {
                boundaries.add(spans.get(j).upTo());
            }
        }
        // a first cut that only counts has one range, the whole table
        BothSides.Pair<List<RangeStats>> cut = countsOnly
                ? sides.read(() -> source.counts(spans.get(0), boundaries),
                        () -> destination.counts(spans.get(0), boundaries))
                : sides.read(() -> source.buckets(spans, boundaries), () -> destination.buckets(spans, boundaries));
        List<RangeStats> s = cut.source();
        List<RangeStats> d = cut.destination();
        if (this.sourceTotal == null) {
            this.sourceTotal = sum(s);
            this.destinationTotal = sum(d);
        }
        List<Pending> differing = new ArrayList<>();
        int b = 0;
        for (int j = 0; j < spans.size(); j++) {
            List<Key> cuts = cutsOf.get(j);
            for (int i = 0; i <= cuts.size(); i++, b++) {
                Key after = i == 0 ? spans.get(j).after() : cuts.get(i - 1);
                Key upTo = i == cuts.size() ? spans.get(j).upTo() : cuts.get(i);
                if (!s.get(b).sameAs(d.get(b))) {
                    differing.add(new Pending(new KeyRange(after, upTo), s.get(b), d.get(b)));
                }
            }
        }
        return differing;
    }

    private static long integer(Key key, long absent) {
        return key == null ? absent : key.integer();
    }

    private static RangeStats sum(List<RangeStats> buckets) {
        return new RangeStats(buckets.stream().mapToLong(RangeStats::rows).sum(), BigInteger.ZERO, null, null,
                buckets.stream().mapToLong(RangeStats::inFlight).sum());
    }

    /**
     * A range with rows on one side only (single integer key): every row there is missing (or extra), and its
     * least and greatest key bound them: reported as one run without fetching a key. With --as-of, a range of
     * rows that are all in flight is set apart; a mix is cut further.
     */
    private boolean oneSided(Pending p) throws SQLException {
        if (!integerKey) {
            return false;
        }
        if (p.destination().rows() == 0 && p.source().rows() > 0) {
            if (p.source().inFlight() == p.source().rows()) {
                inFlight += p.source().rows();
                return true;
            }
            if (p.source().inFlight() == 0) {
                run(missingRuns, source, p.range(), p.source());
                return true;
            }
            return false;
        }
        if (p.source().rows() == 0 && p.destination().rows() > 0) {
            run(extraRuns, destination, p.range(), p.destination());
            return true;
        }
        return false;
    }

    /** The range's rows on one side as one run; its least and greatest key read apart when the cut only counted. */
    private void run(List<KeySpan> runs, KeyRangeReader side, KeyRange range, RangeStats stats) throws SQLException {
        RangeStats bounds = stats;
        if (stats.min() == null) {
            if (!affordable(1)) {
                unresolved.add(range);
                return;
            }
            bounds = side.bounds(range);
        }
        runs.add(new KeySpan(bounds.min(), bounds.max(), stats.rows()));
    }

    /**
     * Where to cut: by value for an integer key, else at row-count quantiles read from the fuller side. A first cut
     * that counts alone makes {@link #COUNTING_FANOUT} buckets; a narrowing one as many as bring its buckets near
     * {@link #LEAF_ROWS} rows, up to what both databases cut cheaply, so a small range is settled in one more step.
     */
    private List<Key> cuts(Pending p, boolean countsOnly) throws SQLException {
        if (integerKey) {
            long rows = Math.max(p.source().rows(), p.destination().rows());
            int widest = Math.min(source.widestCut(), destination.widestCut());
            int fanout = countsOnly ? COUNTING_FANOUT
                    : (int) Math.min(widest, Math.max(FANOUT, (2 * rows + LEAF_ROWS - 1) / LEAF_ROWS));
            List<Key> cuts = integerCuts(p, fanout);
            return cuts.isEmpty() ? null : cuts;
        }
        if (!affordable(3)) {
            return null;
        }
        boolean sourceFuller = p.source().rows() >= p.destination().rows();
        long rows = Math.max(p.source().rows(), p.destination().rows());
        List<Key> cuts = (sourceFuller ? source : destination).quantiles(p.range(), rows, FANOUT);
        return cuts.isEmpty() ? null : cuts;
    }

    /**
     * Cuts by value between the least and greatest key of the range on either side; a bucket of a cut that only
     * counted has no key bounds read, so its own ends stand for them (the table's at the open ends).
     */
    private List<Key> integerCuts(Pending p, int fanout) {
        long lo = Math.min(integer(p.source().min(), Long.MAX_VALUE), integer(p.destination().min(), Long.MAX_VALUE));
        long hi = Math.max(integer(p.source().max(), Long.MIN_VALUE), integer(p.destination().max(), Long.MIN_VALUE));
        if (lo > hi) {
            lo = p.range().after() == null ? lowest : p.range().after().integer() + 1;
            hi = p.range().upTo() == null ? highest : p.range().upTo().integer();
        }
        Set<Long> seen = new HashSet<>();
        List<Key> cuts = new ArrayList<>();
        BigInteger span = BigInteger.valueOf(hi).subtract(BigInteger.valueOf(lo));
        for (int i = 1; i < fanout; i++) {
            long cut = BigInteger.valueOf(lo).add(span.multiply(BigInteger.valueOf(i))
                    .divide(BigInteger.valueOf(fanout))).longValueExact();
            if (cut >= lo && cut < hi && seen.add(cut)) {
                cuts.add(new Key(List.of(cut)));
            }
        }
        return cuts;
    }

    /** The small ranges' keys fetched from both sides (one statement each) and diffed. */
    private void diffKeys(List<KeyRange> ranges) throws SQLException {
        int limit = ranges.size() * (LEAF_ROWS + 1);
        BothSides.Pair<Map<Key, KeyRangeReader.LeafRow>> rows = sides.read(() -> source.rows(ranges, limit),
                () -> destination.rows(ranges, limit));
        Map<Key, KeyRangeReader.LeafRow> s = rows.source();
        Map<Key, KeyRangeReader.LeafRow> d = rows.destination();
        s.forEach((key, row) -> {
            KeyRangeReader.LeafRow other = d.get(key);
            if (other != null && other.hash() == row.hash()) {
                return;
            }
            if (row.inFlight()) {
                inFlight++;
            } else if (other == null) {
                missing.add(key);
            } else {
                changed.add(key);
            }
        });
        d.keySet().stream().filter(k -> !s.containsKey(k)).forEach(extra::add);
    }

    private boolean affordable(int statements) {
        long used = source.cost().queries() + destination.cost().queries();
        return used + statements <= maxQueries;
    }
}
