package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.value.Version;

import java.util.List;

/**
 * What an upgrade from one version to another is, by MySQL's and MariaDB's release rules: the first two numbers
 * name a release series (5.7, 8.0, 8.4, 9.1; 10.6, 10.11, 11.4); changing series is a major upgrade.
 * MySQL upgrades in place only up to the next long-term-support series (5.7 to 8.0, 8.0 to 8.4, 8.4 to 9.x):
 * skipping an LTS series is not supported.
 */
record UpgradePath(Flavour flavour, Version from, Version to, Kind kind, boolean supported, String note) {

    enum Kind { SAME, MINOR, MAJOR, DOWNGRADE }

    /** MySQL's long-term series (8.0 was the last "bugfix" series and counts as one); 9.7 is the next LTS. */
    static final List<Version> MYSQL_LTS = List.of(Version.parse("8.0"), Version.parse("8.4"), Version.parse("9.7"));

    static UpgradePath of(Flavour flavour, Version from, Version to) {
        Version fromSeries = series(from);
        Version toSeries = series(to);
        int c = from.compareTo(to);
        if (fromSeries.equals(toSeries)) {
            if (c == 0) {
                return new UpgradePath(flavour, from, to, Kind.SAME, true, "the same version");
            }
            // "--target-version 8.0" on 8.0.36 names the series, not an older release
            if (c < 0 || to.parts().size() <= 2) {
                return new UpgradePath(flavour, from, to, Kind.MINOR, true, "a minor upgrade within " + fromSeries);
            }
            return new UpgradePath(flavour, from, to, Kind.DOWNGRADE, true, "a downgrade within the " + fromSeries
                    + " series");
        }
        if (c > 0) {
            return new UpgradePath(flavour, from, to, Kind.DOWNGRADE, false,
                    "a downgrade to an older series, which no in-place upgrade does");
        }
        if (flavour == Flavour.MYSQL) {
            for (Version lts : MYSQL_LTS) {
                if (fromSeries.compareTo(lts) < 0 && lts.compareTo(toSeries) < 0) {
                    return new UpgradePath(flavour, from, to, Kind.MAJOR, false, "MySQL does not upgrade in place "
                            + "from " + fromSeries + " to " + toSeries + ": upgrade to " + lts + " first");
                }
            }
        }
        return new UpgradePath(flavour, from, to, Kind.MAJOR, true,
                "a major upgrade from " + fromSeries + " to " + toSeries);
    }

    static Version series(Version v) {
        return Version.parse(v.major() + "." + v.minor());
    }

    boolean isMajor() {
        return kind == Kind.MAJOR || (kind == Kind.DOWNGRADE && !supported);
    }

    boolean crosses(String seriesFrom, String seriesTo) {
        Version a = Version.parse(seriesFrom);
        Version b = Version.parse(seriesTo);
        return series(from).compareTo(a) <= 0 && series(to).compareTo(b) >= 0;
    }
}
