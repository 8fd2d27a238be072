package dev.upgradecheck.engine.mysql;

import java.util.Locale;

/** Where the server runs; managed platforms change how settings are made (parameter groups, procedures). */
public enum Platform {
    SELF_HOSTED("self-hosted"), RDS("rds"), AURORA("aurora"), CLOUDSQL("cloudsql"), AZURE("azure");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** RDS and Aurora both manage binlog retention with {@code mysql.rds_set_configuration}. */
    public boolean isAws() {
        return this == RDS || this == AURORA;
    }

    public boolean isManaged() {
        return this != SELF_HOSTED;
    }

    /** The {@code --platform} value of plan; platforms that do not host MySQL are bad input. */
    static Platform fromOption(String value) {
        String v = value == null ? "self-hosted" : value.toLowerCase(Locale.ROOT);
        for (Platform p : values()) {
            if (p.id.equals(v)) {
                return p;
            }
        }
        throw new dev.upgradecheck.BadInputException("platform '" + value
                + "' does not host MySQL or MariaDB: use self-hosted, rds, aurora, cloudsql or azure");
    }
}
