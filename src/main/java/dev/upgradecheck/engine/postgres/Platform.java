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
