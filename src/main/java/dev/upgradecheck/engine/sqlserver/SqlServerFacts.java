package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.value.Version;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the session learns once, right after connecting: version, edition, platform, and who we are
 * (the login for server-level grants, the database user for database-level ones).
 *
 * @param engineEdition {@code SERVERPROPERTY('EngineEdition')}: 2 Standard, 3 Enterprise/Developer, 4 Express,
 *                      5 Azure SQL Database, 8 Azure SQL Managed Instance
 */
record SqlServerFacts(String productVersion, String edition, int engineEdition, String database, String login,
                      String user, Platform host) {

    static final int EXPRESS = 4;
    static final int AZURE_SQL_DATABASE = 5;
    static final int AZURE_MANAGED_INSTANCE = 8;

    static SqlServerFacts load(SqlSession sql) throws SQLException {
        Row row = sql.one(SqlServerCatalog.SERVER_QUERY);
        Long edition = row.longValue("engine_edition");
        int engineEdition = edition == null ? 0 : edition.intValue();
        Platform host = Platform.SELF_HOSTED;
        if (engineEdition == AZURE_SQL_DATABASE || engineEdition == AZURE_MANAGED_INSTANCE) {
            host = Platform.AZURE;
        } else {
            Row h = sql.one(SqlServerCatalog.HOST_QUERY);
            if (Boolean.TRUE.equals(h.bool("is_rds"))) {
                host = Platform.RDS;
            } else if (Boolean.TRUE.equals(h.bool("is_cloudsql"))) {
                host = Platform.CLOUDSQL;
            }
        }
        return new SqlServerFacts(row.string("product_version"), row.string("edition"), engineEdition,
                row.string("database_name"), row.string("login_name"), row.string("user_name"), host);
    }

    boolean rds() {
        return host == Platform.RDS;
    }

    boolean azureSqlDatabase() {
        return engineEdition == AZURE_SQL_DATABASE;
    }

    boolean managedInstance() {
        return engineEdition == AZURE_MANAGED_INSTANCE;
    }

    /** self-hosted, rds, cloudsql or azure, as the contract's --platform names them. */
    Platform platform() {
        return host;
    }

    /** Whether this server runs SQL Server Agent jobs from msdb (not Azure SQL Database). */
    boolean hasMsdb() {
        return !azureSqlDatabase();
    }

    boolean systemDatabase() {
        return database != null && java.util.Set.of("master", "model", "msdb", "tempdb")
                .contains(database.toLowerCase(java.util.Locale.ROOT));
    }

    Version version() {
        return Version.parse(productVersion);
    }

    ServerInfo serverInfo() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("release", SqlServerRelease.name(version()));
        details.put("edition", edition);
        details.put("engineEdition", String.valueOf(engineEdition));
        details.put("database", database);
        if (azureSqlDatabase()) {
            details.put("service", "Azure SQL Database");
        } else if (managedInstance()) {
            details.put("service", "Azure SQL Managed Instance");
        }
        return new ServerInfo("SQL Server", productVersion, platform().id(), details);
    }
}
