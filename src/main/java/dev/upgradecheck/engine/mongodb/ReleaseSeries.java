package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.value.Version;

import java.util.ArrayList;
import java.util.List;

/**
 * A MongoDB release series ({@code 6.0}, {@code 7.0}): the first two numbers of a version, which is also what
 * the feature compatibility version names. Self-managed upgrades go one major series at a time.
 */
record ReleaseSeries(int major, int minor) implements Comparable<ReleaseSeries> {

    /** The series a self-managed deployment must pass through, in order (rapid releases are Atlas-only). */
    static final List<ReleaseSeries> MAJOR_SERIES = List.of(
            new ReleaseSeries(3, 6), new ReleaseSeries(4, 0), new ReleaseSeries(4, 2), new ReleaseSeries(4, 4),
            new ReleaseSeries(5, 0), new ReleaseSeries(6, 0), new ReleaseSeries(7, 0), new ReleaseSeries(8, 0));

    /** A version the user or the server gave; unreadable is bad input (exit 2). */
    static ReleaseSeries of(String version) {
        try {
            Version v = Version.parse(version);
            return new ReleaseSeries(v.major(), v.minor());
        } catch (IllegalArgumentException e) {
            throw new dev.upgradecheck.BadInputException(e.getMessage());
        }
    }

    /** The series between this one (exclusive) and {@code target} (inclusive) when both are known major series. */
    List<ReleaseSeries> pathTo(ReleaseSeries target) {
        int from = MAJOR_SERIES.indexOf(this);
        int to = MAJOR_SERIES.indexOf(target);
        if (from < 0 || to < 0 || to <= from) {
            return compareTo(target) < 0 ? List.of(target) : List.of();
        }
        return new ArrayList<>(MAJOR_SERIES.subList(from + 1, to + 1));
    }

    @Override
    public int compareTo(ReleaseSeries o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
