package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The CDC user can SELECT the cdc schema (change tables and functions) and the captured source tables. */
final class CdcUserSelectCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc_user.select",
            "CDC user can SELECT the cdc schema and the captured tables", CdcUserSelectCheck::evaluate);

    // HAS_PERMS_BY_NAME (2005+) evaluates the caller's effective permissions, through roles and groups.
    static final String SCHEMA_QUERY = "SELECT HAS_PERMS_BY_NAME(N'cdc', N'SCHEMA', N'SELECT') AS can_select";
    static final String TABLE_QUERY = "SELECT HAS_PERMS_BY_NAME(?, N'OBJECT', N'SELECT') AS can_select";
    // for another user only db_owner can be told apart without impersonating it
    static final String DB_OWNER_QUERY = "SELECT IS_ROLEMEMBER(N'db_owner', ?) AS is_db_owner";

    private CdcUserSelectCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        String user = ctx.cdcUser();
        if (!ctx.catalog().databaseCdcEnabled()) {
            return Outcome.skip("CDC is off on " + f.database() + " (see mssql.cdc.database): there is no cdc schema");
        }
        if (!ctx.cdcUserIsCaller()) {
            Boolean owner = ctx.sql().one(DB_OWNER_QUERY, user).bool("is_db_owner");
            if (Boolean.TRUE.equals(owner)) {
                return Outcome.pass(user + " is db_owner of " + f.database());
            }
            return Outcome.skip("SQL Server evaluates effective permissions only for the caller: connect with --user "
                    + user + " to check what " + user + " can SELECT");
        }
        List<String> denied = new ArrayList<>();
        List<String> grants = new ArrayList<>();
        String grantee = TSql.bracket(user);
        if (!Boolean.TRUE.equals(ctx.sql().one(SCHEMA_QUERY).bool("can_select"))) {
            denied.add("schema cdc");
            grants.add("GRANT SELECT ON SCHEMA::[cdc] TO " + grantee + ";");
        }
        for (TableName table : ctx.tables()) {
            if (!Boolean.TRUE.equals(ctx.sql().one(TABLE_QUERY, table.quoted()).bool("can_select"))) {
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
