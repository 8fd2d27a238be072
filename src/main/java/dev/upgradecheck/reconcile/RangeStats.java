package dev.upgradecheck.reconcile;

import java.math.BigInteger;

/**
 * One side's rows in one key range: how many, the sum of their hashes, and for a single integer key the least
 * and greatest key. {@code inFlight} counts source rows changed after --as-of (zero elsewhere). {@code rows} is
 * {@link #NOT_COUNTED} for bounds read without a count.
 */
record RangeStats(long rows, BigInteger checksum, Key min, Key max, long inFlight) {

    static final RangeStats EMPTY = new RangeStats(0, BigInteger.ZERO, null, null, 0);

    /** Rows not counted (yet): the key bounds alone, before the first cut adds the rows up. */
    static final long NOT_COUNTED = -1;

    boolean counted() {
        return rows != NOT_COUNTED;
    }

    boolean sameAs(RangeStats other) {
        return rows == other.rows && checksum.equals(other.checksum);
    }
}
