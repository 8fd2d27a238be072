package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.jdbc.SqlAccess;

/** The source's tables over SQL, or a usage error for an engine that has none. */
final class SqlSources {

    private SqlSources() {
    }

    static SqlAccess of(ResolvedTarget source) {
        return source.inspector().sqlAccess().orElseThrow(() -> new BadInputException(
                "the " + source.engine() + " engine has no SQL tables to read: reconcile and canary work on "
                        + "PostgreSQL, MySQL/MariaDB, SQL Server and Oracle sources"));
    }
}
