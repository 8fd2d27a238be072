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

    // SERVERPROPERTY and these built-ins exist on every supported version (2008+) and on Azure.
    static final String SERVER_QUERY = """
            SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
                   CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
                   CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,
                   DB_NAME() AS database_name,
                   SUSER_SNAME() AS login_name,
                   USER_NAME() AS user_name
            """;

    // RDS: the rdsadmin database exists and msdb holds the rds_* procedures; Cloud SQL: msdb holds
    // gcloudsql_cdc_enable_db. Not asked on Azure SQL Database, where three-part names into msdb are not supported.
    static final String HOST_QUERY = """
            SELECT CASE WHEN DB_ID(N'rdsadmin') IS NOT NULL
                          OR OBJECT_ID(N'msdb.dbo.rds_cdc_enable_db') IS NOT NULL THEN 1 ELSE 0 END AS is_rds,
                   CASE WHEN OBJECT_ID(N'msdb.dbo.gcloudsql_cdc_enable_db') IS NOT NULL THEN 1 ELSE 0 END AS is_cloudsql
            """;

    static SqlServerFacts load(SqlSession sql) throws SQLException {
        Row row = sql.one(SERVER_QUERY);
        Long edition = row.longValue("engine_edition");
        int engineEdition = edition == null ? 0 : edition.intValue();
        Platform host = Platform.SELF_HOSTED;
        if (engineEdition == AZURE_SQL_DATABASE || engineEdition == AZURE_MANAGED_INSTANCE) {
            host = Platform.AZURE;
        } else {
            Row h = sql.one(HOST_QUERY);
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
