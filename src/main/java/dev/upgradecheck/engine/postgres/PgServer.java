package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the session learned when it opened: version, platform, role, database, primary or standby, and in a fleet the
 * identity of its server ({@code cluster}: null when not read, or not readable by the role).
 */
record PgServer(String database, String user, String version, int versionNum, boolean inRecovery, Platform platform,
                String cluster) {

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
                   EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'azure_pg_admin') AS azure%s
            """;

    /**
     * The server's identity, for sharing cluster-wide reads in a fleet ({@link ClusterFacts}): its cluster's system
     * identifier and its postmaster's start time. pg_control_system() is executable by PUBLIC unless revoked (a
     * privilege test in the query does not help: the server checks EXECUTE before it runs any of the query).
     */
    static final String IDENTITY_COLUMN = ", (SELECT system_identifier::text FROM pg_control_system()) || ' ' "
            + "|| pg_postmaster_start_time()::text AS cluster";

    static PgServer read(SqlSession sql) throws SQLException {
        return from(sql.one(QUERY.formatted("")), null);
    }

    /**
     * As {@link #read(SqlSession)}, with the server's identity in the same round trip; where the role may not read
     * it (revoked, or a platform without the function), the facts alone, a round trip later.
     */
    static PgServer readIdentified(SqlSession sql) throws SQLException {
        try {
            Row r = sql.one(QUERY.formatted(IDENTITY_COLUMN));
            return from(r, r.string("cluster"));
        } catch (SQLException e) {
            if (!identityRefused(e)) {
                throw e;
            }
            return read(sql);
        }
    }

    /** Privilege (42501), an unknown function (42883) or one the platform does not support (0A000). */
    private static boolean identityRefused(SQLException e) {
        return PgErrors.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) || "42883".equals(e.getSQLState())
                || "0A000".equals(e.getSQLState());
    }

    private static PgServer from(Row r, String cluster) {
        Platform platform = r.bool("aurora") ? Platform.AURORA
                : r.bool("rds") ? Platform.RDS
                : r.bool("cloudsql") ? Platform.CLOUDSQL
                : r.bool("azure") ? Platform.AZURE
                : Platform.SELF_HOSTED;
        return new PgServer(r.string("database"), r.string("current_user"), r.string("server_version"),
                r.longValue("version_num").intValue(), r.bool("in_recovery"), platform, cluster);
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
