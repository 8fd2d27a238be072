package dev.upgradecheck.engine;

import dev.upgradecheck.BadInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a source runs, as {@code --platform} names it: it decides how settings are changed and how the upgrade is
 * run. Each engine hosts some of these (Atlas only MongoDB, Aurora only PostgreSQL and MySQL...).
 */
public enum Platform {
    SELF_HOSTED("self-hosted"), RDS("rds"), AURORA("aurora"), CLOUDSQL("cloudsql"), AZURE("azure"), ATLAS("atlas");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    /** The name users type and reports show. */
    public String id() {
        return id;
    }

    public boolean isManaged() {
        return this != SELF_HOSTED;
    }

    /** RDS and Aurora share AWS's parameter groups and procedures. */
    public boolean isAws() {
        return this == RDS || this == AURORA;
    }

    /** A {@code --platform} value (any case; none is self-hosted); an unknown one is bad input. */
    public static Platform parse(String value) {
        if (value == null) {
            return SELF_HOSTED;
        }
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown platform '" + value + "': use " + names(values())));
    }

    /** This platform, if it is one of those that host {@code product}; otherwise bad input naming them. */
    public Platform requireOneOf(String product, Platform... hosts) {
        if (List.of(hosts).contains(this)) {
            return this;
        }
        throw new BadInputException("platform '" + id + "' does not host " + product + ": use " + names(hosts));
    }

    /** "a, b or c". */
    private static String names(Platform... platforms) {
        List<String> ids = Arrays.stream(platforms).map(Platform::id).toList();
        return ids.size() == 1 ? ids.get(0) : String.join(", ", ids.subList(0, ids.size() - 1)) + " or "
                + ids.get(ids.size() - 1);
    }
}
