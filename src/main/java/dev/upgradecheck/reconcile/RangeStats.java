package dev.upgradecheck.reconcile;

import java.math.BigInteger;

/**
 * One side's rows in one key range: how many, the sum of their hashes, and for a single integer key the least
 * and greatest key. {@code inFlight} counts source rows changed after --as-of (zero elsewhere).
 */
record RangeStats(long rows, BigInteger checksum, Key min, Key max, long inFlight) {

    static final RangeStats EMPTY = new RangeStats(0, BigInteger.ZERO, null, null, 0);

    boolean sameAs(RangeStats other) {
        return rows == other.rows && checksum.equals(other.checksum);
    }
}
