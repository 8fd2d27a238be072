package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the session learned when it opened: version, platform, role, database, primary or standby. */
record PgServer(String database, String user, String version, int versionNum, boolean inRecovery, Platform platform) {

    /**
     * Platform markers (checks.md): RDS creates role rds_superuser, Aurora adds function aurora_version(),
     * Cloud SQL role cloudsqlsuperuser, Azure role azure_pg_admin. pg_roles and pg_proc are readable by all.
     */
    static final String QUERY = """
            SELECT current_database() AS database, current_user AS current_user,
                   current_setting('server_version') AS server_version,
                   current_setting('server_version_num')::int AS version_num,
                   pg_is_in_recovery() AS in_recovery,
                   EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'aurora_version') AS aurora,
                   EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_superuser') AS rds,
                   EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cloudsqlsuperuser') AS cloudsql,
                   EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'azure_pg_admin') AS azure
            """;

    static PgServer read(SqlSession sql) throws SQLException {
        Row r = sql.one(QUERY);
        Platform platform = r.bool("aurora") ? Platform.AURORA
                : r.bool("rds") ? Platform.RDS
                : r.bool("cloudsql") ? Platform.CLOUDSQL
                : r.bool("azure") ? Platform.AZURE
                : Platform.SELF_HOSTED;
        return new PgServer(r.string("database"), r.string("current_user"), r.string("server_version"),
                r.longValue("version_num").intValue(), r.bool("in_recovery"), platform);
    }

    /** PostgreSQL 10+ numbers majors by the first part: 140015 is 14.15. */
    int major() {
        return versionNum / 10000;
    }

    /** {@code 14.15} without the distribution suffix ({@code 14.15 (Debian 14.15-1)}). */
    String shortVersion() {
        return (versionNum / 10000) + "." + (versionNum % 10000);
    }

    boolean atLeast(int major) {
        return major() >= major;
    }

    ServerInfo info() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("database", database);
        details.put("user", user);
        details.put("versionNum", String.valueOf(versionNum));
        details.put("role", inRecovery ? "standby" : "primary");
        return new ServerInfo("PostgreSQL", shortVersion(), platform.id(), details);
    }
}
