package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.sql.SQLException;

/** sys.databases.is_cdc_enabled for the database the URL connects to. */
final class DatabaseCdcCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc.database", "CDC enabled on the database",
            DatabaseCdcCheck::evaluate);

    private DatabaseCdcCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        if (f.systemDatabase()) {
            return Outcome.fail("connected to " + f.database(), "the captured user database",
                    "CDC is enabled per user database and never on system databases",
                    "add ;databaseName=<captured database> to --url");
        }
        if (ctx.catalog().databaseCdcEnabled()) {
            return Outcome.pass(f.database() + ": is_cdc_enabled = 1");
        }
        return Outcome.fail(f.database() + ": is_cdc_enabled = 0", "is_cdc_enabled = 1",
                "CDC is off on the database: nothing is captured and every capture instance is gone",
                Remedies.enableDatabase(f.database(), f.platform()));
    }
}
