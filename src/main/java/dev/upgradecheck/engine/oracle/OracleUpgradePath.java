package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.value.Version;

import java.util.Optional;

/**
 * Oracle's direct upgrade paths, from the Database Upgrade Guide of each target ("Releases That Support Direct
 * Upgrade"): 19c from 11.2.0.4, 12.1.0.2, 12.2.0.1 and 18; 21c from 12.2, 18 and 19c; 23ai (renamed 26ai) from 19c
 * and 21c. Any other source needs an intermediate upgrade first, and AutoUpgrade refuses the direct one.
 */
final class OracleUpgradePath {

    private OracleUpgradePath() {
    }

    /** Why {@code from -> to} is not a supported direct upgrade, or empty when it is (or is no upgrade at all). */
    static Optional<String> unsupported(Version from, Version to) {
        if (to.compareTo(from) <= 0 || VersionCheck.sameRelease(from, to) || to.major() < 19) {
            return Optional.empty();
        }
        String target = VersionCheck.release(to);
        if (to.major() >= 23 && !(from.major() == 19 || from.major() == 21)) {
            return Optional.of("a direct upgrade to " + target + " is supported only from 19c and 21c: "
                    + throughNineteen(from));
        }
        if (to.major() == 21 && !(from.atLeast(12, 2) && from.major() <= 19)) {
            return Optional.of("a direct upgrade to 21c is supported only from 12.2, 18 and 19c: "
                    + throughNineteen(from));
        }
        if (to.major() < 21 && !directTo19(from)) {
            return Optional.of("a direct upgrade to " + target + " is supported only from 11.2.0.4, 12.1.0.2, 12.2.0.1 "
                    + "and 18: upgrade to " + via19(from) + " first");
        }
        return Optional.empty();
    }

    /** 11.2 and 12.1 upgrade directly only from their terminal patch sets. */
    private static boolean directTo19(Version v) {
        return v.major() == 11 && v.minor() == 2 && v.part(2) == 0 && v.part(3) >= 4
                || v.major() == 12 && v.minor() == 1 && v.part(2) == 0 && v.part(3) >= 2
                || v.major() == 12 && v.minor() == 2
                || v.major() == 18;
    }

    private static String throughNineteen(Version from) {
        return directTo19(from) ? "upgrade to 19c first" : "upgrade to 19c first, through " + via19(from);
    }

    private static String via19(Version from) {
        return from.major() == 11 && from.minor() == 2 ? "11.2.0.4" : "12.1.0.2 (or 11.2.0.4)";
    }
}
