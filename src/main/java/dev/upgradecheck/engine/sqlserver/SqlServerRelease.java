package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.value.Version;

import java.util.Map;

/**
 * SQL Server's two ways of naming a version: the marketing year ({@code 2022}) and the product major
 * ({@code 16.0.4135.4}). {@code --from}/{@code --to}/{@code --target-version} accept either.
 */
final class SqlServerRelease {

    private static final Map<Integer, Integer> YEAR_BY_MAJOR = Map.of(
            10, 2008, 11, 2012, 12, 2014, 13, 2016, 14, 2017, 15, 2019, 16, 2022, 17, 2025);

    private SqlServerRelease() {
    }

    /** The product major (16) for a year (2022) or a product version (16.0.1000). */
    static int major(String text) {
        Version v;
        try {
            v = Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (v.major() >= 2000) {
            return YEAR_BY_MAJOR.entrySet().stream().filter(e -> e.getValue() == v.major()).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new BadInputException("unknown SQL Server release '" + text
                            + "': use 2016, 2017, 2019, 2022, 2025 or a product version such as 16.0"));
        }
        return v.major();
    }

    static String name(Version version) {
        Integer year = YEAR_BY_MAJOR.get(version.major());
        String base = year == null ? "SQL Server " + version.major() : "SQL Server " + year;
        // 10.50 is 2008 R2, the one release that shares a major number
        return version.major() == 10 && version.minor() >= 50 ? base + " R2" : base;
    }

    static String nameOfMajor(int major) {
        return name(ofMajor(major));
    }

    /** A release known only by its product major (16), as --from/--to give it. */
    static Version ofMajor(int major) {
        return new Version(java.util.List.of(major), String.valueOf(major));
    }
}
