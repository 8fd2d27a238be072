package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.List;

/** What a live check sees: the session, the server facts, the user's options and the shared catalog reads. */
record SqlServerContext(SqlServerCatalog catalog, SqlServerFacts facts, TargetOptions options,
                        SqlServerErrors errors) {

    SqlSession sql() {
        return catalog.sql();
    }

    /** The --tables, or every table tracked by CDC when none were given. */
    List<TableName> tables() throws SQLException {
        List<TableName> requested = requestedTables(options, facts.database());
        return requested.isEmpty() ? catalog.trackedTables() : requested;
    }

    /** Whether the checks judge the connecting user (HAS_PERMS_BY_NAME works only for the caller). */
    boolean cdcUserIsCaller() {
        String cdcUser = options.cdcUser();
        return cdcUser == null || cdcUser.isBlank() || cdcUser.equalsIgnoreCase(facts.user())
                || cdcUser.equalsIgnoreCase(facts.login());
    }

    /** The database user the CDC checks are about. */
    String cdcUser() {
        return cdcUserIsCaller() ? facts.user() : options.cdcUser().trim();
    }

    /** --tables parsed; a three-part name must name the database the URL connects to. */
    static List<TableName> requestedTables(TargetOptions options, String database) {
        return options.tables().stream().map(TableName::parse).peek(t -> {
            if (t.database() != null && database != null && !t.database().equalsIgnoreCase(database)) {
                throw new BadInputException("table " + t + " is in database " + t.database()
                        + " but the --url connects to " + database + ": CDC is per database, check one at a time");
            }
        }).toList();
    }
}
