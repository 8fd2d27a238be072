package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The CDC user can SELECT the cdc schema (change tables and functions) and the captured source tables. */
final class CdcUserSelectCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc_user.select",
            "CDC user can SELECT the cdc schema and the captured tables", CdcUserSelectCheck::evaluate);

    private CdcUserSelectCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        String user = ctx.cdcUser();
        if (!ctx.catalog().databaseCdcEnabled()) {
            return Outcome.skip("CDC is off on " + f.database() + " (see mssql.cdc.database): there is no cdc schema");
        }
        if (!ctx.cdcUserIsCaller()) {
            Boolean owner = ctx.sql().one(SqlServerCatalog.DB_OWNER_QUERY, user).bool("is_db_owner");
            if (Boolean.TRUE.equals(owner)) {
                return Outcome.pass(user + " is db_owner of " + f.database());
            }
            return Outcome.skip("SQL Server evaluates effective permissions only for the caller: connect with --user "
                    + user + " to check what " + user + " can SELECT");
        }
        List<String> denied = new ArrayList<>();
        List<String> grants = new ArrayList<>();
        String grantee = TSql.bracket(user);
        if (!Boolean.TRUE.equals(ctx.sql().one(SqlServerCatalog.CDC_SCHEMA_SELECT_QUERY).bool("can_select"))) {
            denied.add("schema cdc");
            grants.add("GRANT SELECT ON SCHEMA::[cdc] TO " + grantee + ";");
        }
        for (TableName table : ctx.tables()) {
            Row perms = ctx.sql().one(SqlServerCatalog.TABLE_SELECT_QUERY, table.quoted());
            if (!Boolean.TRUE.equals(perms.bool("can_select"))) {
                denied.add(table.display());
                grants.add("GRANT SELECT ON " + table.quoted() + " TO " + grantee + ";");
            }
        }
        if (denied.isEmpty()) {
            return Outcome.pass(user + " can SELECT the cdc schema and " + ctx.tables().size() + " captured table(s)");
        }
        return Outcome.fail(user + " cannot SELECT: " + String.join(", ", denied), "SELECT on each",
                "the CDC reader cannot read change rows or snapshot the tables without SELECT",
                "USE " + TSql.bracket(f.database()) + "; " + String.join(" ", grants));
    }
}
