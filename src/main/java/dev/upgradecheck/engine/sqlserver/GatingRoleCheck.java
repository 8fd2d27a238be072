package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A capture instance created with @role_name lets only members of that role (and db_owner/sysadmin) read its
 * change data; everyone else silently sees none.
 */
final class GatingRoleCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc_user.gating_role",
            "CDC user is in each capture instance's gating role", GatingRoleCheck::evaluate);

    private GatingRoleCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        if (!ctx.catalog().databaseCdcEnabled()) {
            return Outcome.skip("CDC is off on " + f.database() + " (see mssql.cdc.database): no capture instance");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (TableName table : ctx.tables()) {
            ctx.catalog().captureInstancesOf(table).stream().map(CaptureInstance::roleName)
                    .filter(r -> r != null && !r.isBlank()).forEach(roles::add);
        }
        String user = ctx.cdcUser();
        if (roles.isEmpty()) {
            return Outcome.pass("no gating role on the captured tables' capture instances");
        }
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String role : roles) {
            Row r = ctx.cdcUserIsCaller() ? ctx.sql().one(SqlServerCatalog.CALLER_ROLES_QUERY, role)
                    : ctx.sql().one(SqlServerCatalog.USER_ROLES_QUERY, role, user, user);
            boolean privileged = Boolean.TRUE.equals(r.bool("is_db_owner"))
                    || (r.has("is_sysadmin") && Boolean.TRUE.equals(r.bool("is_sysadmin")));
            Boolean member = r.bool("in_role");
            if (privileged || Boolean.TRUE.equals(member)) {
                continue;
            }
            if (member == null) {
                unknown.add(role);
            } else {
                missing.add(role);
            }
        }
        String observed = user + "; gating roles: " + String.join(", ", roles);
        if (!missing.isEmpty()) {
            List<String> fixes = missing.stream().map(role -> "ALTER ROLE " + TSql.bracket(role) + " ADD MEMBER "
                    + TSql.bracket(user) + ";").toList();
            return Outcome.fail(observed + "; not a member of: " + String.join(", ", missing), "member of each",
                    "change data of those capture instances is invisible to " + user,
                    "USE " + TSql.bracket(f.database()) + "; " + String.join(" ", fixes));
        }
        if (!unknown.isEmpty()) {
            return Outcome.error("membership of " + user + " in " + String.join(", ", unknown)
                    + " is not visible to this login (or the role does not exist)",
                    "connect as " + user + " or as a db_owner of " + f.database());
        }
        return Outcome.pass(observed + ": member (or db_owner/sysadmin)");
    }
}
