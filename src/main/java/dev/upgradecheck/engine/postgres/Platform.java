package dev.upgradecheck.engine.postgres;

import java.util.Locale;

/** Where the server runs; it decides how settings are changed and how the upgrade is run. */
enum Platform {
    SELF_HOSTED("self-hosted"), RDS("rds"), AURORA("aurora"), CLOUDSQL("cloudsql"), AZURE("azure");

    private final String cliName;

    Platform(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }

    boolean managed() {
        return this != SELF_HOSTED;
    }

    static Platform fromCli(String name) {
        if (name == null) {
            return SELF_HOSTED;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Platform p : values()) {
            if (p.cliName.equals(wanted)) {
                return p;
            }
        }
        // "atlas" and other engines' platforms mean nothing here: treat as self-hosted
        return SELF_HOSTED;
    }

    /**
     * What an in-place major upgrade from {@code fromMajor} does to logical slots here. RDS and Aurora refuse to
     * start one before 17 while logical slots exist (their precheck), and keep slots from 17; Azure flexible server
     * requires them dropped with no 17+ exception; pg_upgrade itself drops them before 17 and migrates caught-up
     * ones from 17.
     */
    String slotFateInMajorUpgrade(int fromMajor) {
        return switch (this) {
            case RDS, AURORA -> fromMajor < 17
                    ? "the " + cliName + " upgrade precheck refuses to start while logical slots exist: they must be "
                    + "dropped first"
                    : cliName + " keeps logical slots from 17, but a slot with unconsumed changes can fail the upgrade "
                    + "after the cluster has gone offline: drain it first";
            case AZURE -> "Azure flexible server requires logical slots to be dropped before an in-place major "
                    + "upgrade, from every version";
            case CLOUDSQL -> fromMajor < 17 ? "the slots are dropped by the upgrade"
                    : "pg_upgrade 17+ migrates caught-up slots, but confirm the provider's upgrade keeps them";
            case SELF_HOSTED -> fromMajor < 17 ? "logical slots are dropped (pg_upgrade and dump/restore before 17 "
                    + "do not carry them over)"
                    : "pg_upgrade migrates logical slots that are valid and caught up";
        };
    }

    /** How to turn logical decoding on, where wal_level cannot be set with ALTER SYSTEM. */
    String enableLogicalDecoding() {
        return switch (this) {
            case SELF_HOSTED -> "ALTER SYSTEM SET wal_level = logical; -- then restart the server";
            case RDS -> "set rds.logical_replication = 1 in the instance's DB parameter group, then reboot the instance";
            case AURORA -> "set rds.logical_replication = 1 in the DB cluster parameter group, then reboot the writer";
            case CLOUDSQL -> "gcloud sql instances patch INSTANCE --database-flags=cloudsql.logical_decoding=on"
                    + " (restarts the instance; keep the other flags you have set)";
            case AZURE -> "az postgres flexible-server parameter set --name wal_level --value logical"
                    + " --resource-group GROUP --server-name SERVER, then restart the server";
        };
    }
}
