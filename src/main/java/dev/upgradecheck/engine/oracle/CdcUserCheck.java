package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CDC user (--cdc-user, default the connecting user) can run LogMiner: the system privileges, SELECT on the
 * V_$ views a LogMiner reader queries, EXECUTE on DBMS_LOGMNR. Read from SESSION_PRIVS / ALL_TAB_PRIVS when that
 * user is the one connected (they include roles), else from DBA_SYS_PRIVS / DBA_TAB_PRIVS with the user's roles
 * resolved through DBA_ROLE_PRIVS. In a CDB a LogMiner reader in CDB$ROOT must be a common (C##) user.
 */
final class CdcUserCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.cdc_user", "CDC user can run LogMiner",
            CdcUserCheck::evaluate);

    static final List<String> SYSTEM_PRIVILEGES =
            List.of("CREATE SESSION", "LOGMINING", "FLASHBACK ANY TABLE", "SELECT ANY TRANSACTION");
    static final List<String> VIEWS = List.of("V_$DATABASE", "V_$LOG", "V_$LOGFILE", "V_$ARCHIVED_LOG",
            "V_$LOGMNR_CONTENTS", "V_$LOGMNR_LOGS", "V_$TRANSACTION");
    static final String LOGMINER_PACKAGE = "DBMS_LOGMNR";

    private CdcUserCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        OracleName user = context.cdcUser();
        ServerFacts facts = context.facts();
        Row account = context.catalog().first(OracleCatalog.CDC_USER, user.value()).orElse(null);
        if (account == null) {
            return Outcome.fail("no user " + user, "user " + user + " exists",
                    "ALL_USERS has no such user" + (facts.cdb() ? " in container " + facts.containerName() : ""),
                    null);
        }
        if ("SYS".equals(user.value())) {
            return Outcome.warn("SYS", "a dedicated CDC user", "SYS holds every privilege, but a CDC reader should "
                    + "not log in as SYS: give it a user of its own", null);
        }
        boolean common = "YES".equals(account.string("common"));
        Set<String> granted = new LinkedHashSet<>();
        Set<String> objectGrants = new LinkedHashSet<>();
        read(context, user, granted, objectGrants);

        List<String> required = new ArrayList<>(SYSTEM_PRIVILEGES);
        if (facts.cdb() && common) {
            required.add("SET CONTAINER"); // a common user in CDB$ROOT switches into the PDB holding the tables
        }
        OracleRemedies remedies = context.remedies();
        List<String> missing = new ArrayList<>();
        List<String> grants = new ArrayList<>();
        for (String privilege : required) {
            if (!granted.contains(privilege)) {
                missing.add(privilege);
                grants.add(remedies.grantSystemPrivilege(privilege, user));
            }
        }
        boolean anyDictionary = granted.contains("SELECT ANY DICTIONARY");
        for (String view : VIEWS) {
            if (!anyDictionary && !objectGrants.contains(view + ":SELECT")) {
                missing.add("SELECT ON " + view);
                grants.add(remedies.grantOnSysObject("SELECT", view, user));
            }
        }
        if (!objectGrants.contains(LOGMINER_PACKAGE + ":EXECUTE")) {
            missing.add("EXECUTE ON " + LOGMINER_PACKAGE);
            grants.add(remedies.grantOnSysObject("EXECUTE", LOGMINER_PACKAGE, user));
        }

        String observed = user + (facts.cdb() ? (common ? " (common user)" : " (local user)") : "");
        String expected = String.join(", ", required) + ", SELECT on the LogMiner V$ views, EXECUTE ON DBMS_LOGMNR";
        if (!missing.isEmpty()) {
            return Outcome.fail(observed + "; missing: " + String.join(", ", missing), expected,
                    "a LogMiner reader logged in as " + user + " fails on the first missing privilege",
                    String.join("\n", grants));
        }
        if (facts.cdb() && !common) {
            String detail = "a local user can mine only its own PDB (per-PDB log mining, 19c and later); a reader that"
                    + " mines from CDB$ROOT needs a common user, named with the C## prefix";
            if (facts.version().major() < 19) {
                return Outcome.fail(observed, "a common (C##) user", "before 19c LogMiner runs only in CDB$ROOT: "
                        + detail, null);
            }
            return Outcome.warn(observed, "a common (C##) user", detail, null);
        }
        return Outcome.pass(observed + " has every privilege LogMiner needs").expecting(expected);
    }

    private static void read(OracleContext context, OracleName user, Set<String> system, Set<String> objects)
            throws SQLException {
        boolean connectedAsUser = user.value().equals(context.facts().sessionUser());
        List<Row> sys = connectedAsUser ? context.catalog().query(OracleCatalog.SESSION_PRIVILEGES)
                : context.catalog().query(OracleCatalog.USER_PRIVILEGES, user.value(), user.value());
        sys.forEach(r -> system.add(r.string("privilege")));
        List<Row> obj = connectedAsUser ? context.catalog().query(OracleCatalog.SESSION_OBJECT_PRIVILEGES)
                : context.catalog().query(OracleCatalog.USER_OBJECT_PRIVILEGES, user.value(), user.value());
        obj.forEach(r -> objects.add(r.string("table_name") + ":" + r.string("privilege")));
    }
}
