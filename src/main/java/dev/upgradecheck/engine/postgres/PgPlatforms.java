package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;

/** What each platform means for PostgreSQL: how an in-place major upgrade treats logical slots, how decoding is turned on. */
final class PgPlatforms {

    private PgPlatforms() {
    }

    /** A --platform value as PostgreSQL reads it: Atlas hosts no PostgreSQL, so its steps are the self-hosted ones. */
    static Platform hosting(Platform requested) {
        return requested == Platform.ATLAS ? Platform.SELF_HOSTED : requested;
    }

    /**
     * What an in-place major upgrade from {@code fromMajor} does to logical slots here. RDS and Aurora refuse to
     * start one before 17 while logical slots exist (their precheck), and keep slots from 17; Azure flexible server
     * requires them dropped with no 17+ exception; pg_upgrade itself drops them before 17 and migrates caught-up
     * ones from 17.
     */
    static String slotFateInMajorUpgrade(Platform platform, int fromMajor) {
        return switch (platform) {
            case RDS, AURORA -> fromMajor < 17
                    ? "the " + platform.id() + " upgrade precheck refuses to start while logical slots exist: they must be "
                    + "dropped first"
                    : platform.id() + " keeps logical slots from 17, but a slot with unconsumed changes can fail the upgrade "
                    + "after the cluster has gone offline: drain it first";
            case AZURE -> "Azure flexible server requires logical slots to be dropped before an in-place major "
                    + "upgrade, from every version";
            case CLOUDSQL -> fromMajor < 17 ? "the slots are dropped by the upgrade"
                    : "pg_upgrade 17+ migrates caught-up slots, but confirm the provider's upgrade keeps them";
            case SELF_HOSTED, ATLAS -> fromMajor < 17 ? "logical slots are dropped (pg_upgrade and dump/restore before 17 "
                    + "do not carry them over)"
                    : "pg_upgrade migrates logical slots that are valid and caught up";
        };
    }

    /** How to turn logical decoding on, where wal_level cannot be set with ALTER SYSTEM. */
    static String enableLogicalDecoding(Platform platform) {
        return switch (platform) {
            case SELF_HOSTED, ATLAS -> "ALTER SYSTEM SET wal_level = logical; -- then restart the server";
            case RDS -> "set rds.logical_replication = 1 in the instance's DB parameter group, then reboot the instance";
            case AURORA -> "set rds.logical_replication = 1 in the DB cluster parameter group, then reboot the writer";
            case CLOUDSQL -> "gcloud sql instances patch INSTANCE --database-flags=cloudsql.logical_decoding=on"
                    + " (restarts the instance; keep the other flags you have set)";
            case AZURE -> "az postgres flexible-server parameter set --name wal_level --value logical"
                    + " --resource-group GROUP --server-name SERVER, then restart the server";
        };
    }
}
