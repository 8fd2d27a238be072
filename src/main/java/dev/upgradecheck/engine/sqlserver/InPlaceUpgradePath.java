package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.value.Version;

import java.util.Map;
import java.util.Optional;

/**
 * Which releases SQL Server Setup upgrades in place ("Supported version and edition upgrades" for each target):
 * 2022 from 2012 SP4, 2014 SP3, 2016 SP3, 2017 and 2019; 2025 from 2014 SP3, 2016 SP3, 2017, 2019 and 2022.
 * Older sources move by backup/restore (WITH KEEP_CDC) or through an intermediate release.
 */
final class InPlaceUpgradePath {

    /** The lowest build of a source release that Setup upgrades, and the service pack that brings it. */
    private record Lowest(Version build, String servicePack) {
        static Lowest of(String build, String servicePack) {
            return new Lowest(Version.parse(build), servicePack);
        }

        static Lowest any(int major) {
            return new Lowest(SqlServerRelease.ofMajor(major), "");
        }
    }

    /** Per target major: each source major Setup upgrades in place. */
    private static final Map<Integer, Map<Integer, Lowest>> SOURCES = Map.of(
            16, Map.of(11, Lowest.of("11.0.7001", "SP4"), 12, Lowest.of("12.0.6024", "SP3"),
                    13, Lowest.of("13.0.6300", "SP3"), 14, Lowest.any(14), 15, Lowest.any(15)),
            17, Map.of(12, Lowest.of("12.0.6024", "SP3"), 13, Lowest.of("13.0.6300", "SP3"), 14, Lowest.any(14),
                    15, Lowest.any(15), 16, Lowest.any(16)));

    private InPlaceUpgradePath() {
    }

    /**
     * Why Setup cannot upgrade {@code from} to release {@code toMajor} in place, or empty when it can (or when the
     * rule is not known for that target). A {@code from} of one number (a release named by its year) skips the
     * service-pack test.
     */
    static Optional<String> unsupported(Version from, int toMajor) {
        Map<Integer, Lowest> sources = SOURCES.get(toMajor);
        if (sources == null || from.major() >= toMajor) {
            return Optional.empty();
        }
        String target = SqlServerRelease.nameOfMajor(toMajor);
        Lowest lowest = sources.get(from.major());
        if (lowest == null) {
            return Optional.of("an in-place upgrade to " + target + " is supported only from " + names(sources)
                    + ": move the database by backup and restore WITH KEEP_CDC, or upgrade through an intermediate release");
        }
        if (from.parts().size() > 1 && from.compareTo(lowest.build()) < 0) {
            return Optional.of("an in-place upgrade to " + target + " needs " + SqlServerRelease.name(from) + " "
                    + lowest.servicePack() + " (build " + lowest.build() + ") or later: apply it first");
        }
        return Optional.empty();
    }

    private static String names(Map<Integer, Lowest> sources) {
        return String.join(", ", sources.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> (SqlServerRelease.nameOfMajor(e.getKey()) + " " + e.getValue().servicePack()).trim())
                .toList());
    }
}
