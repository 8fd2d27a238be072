package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.ErrorTranslator;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.SqlErrors;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns SQL Server's permission errors into ERROR outcomes that name the exact GRANT:
 * 229 (object), 230 (column), 300 (server permission such as VIEW SERVER STATE), 262 (database permission).
 * SQL Server often follows 300 with a bare 297 ("The user does not have permission..."), so the whole
 * exception chain is searched for the one that names the permission.
 */
final class SqlServerErrors implements ErrorTranslator {

    static final int OBJECT_DENIED = 229;
    static final int COLUMN_DENIED = 230;
    static final int SERVER_PERMISSION_DENIED = 300;
    static final int DATABASE_PERMISSION_DENIED = 262;
    static final int NO_PERMISSION = 297;
    static final int LOGIN_FAILED = 18456;

    private static final Pattern OBJECT = Pattern.compile(
            "The (\\w[\\w ]*?) permission was denied on the object '(.+?)', database '(.+?)', schema '(.+?)'");
    private static final Pattern COLUMN = Pattern.compile(
            "The (\\w[\\w ]*?) permission was denied on the column '.+?' of the object '(.+?)', database '(.+?)', "
                    + "schema '(.+?)'");
    private static final Pattern SERVER = Pattern.compile("(\\w[\\w ]*?) permission was denied on object 'server'");
    private static final Pattern DATABASE = Pattern.compile("(\\w[\\w ]*?) permission denied in database '(.+?)'");

    private final SqlServerFacts facts;

    SqlServerErrors(SqlServerFacts facts) {
        this.facts = facts;
    }

    @Override
    public Outcome translate(Exception failure) {
        for (SQLException e : chain(failure)) {
            Outcome known = permission(e);
            if (known != null) {
                return known;
            }
        }
        return SqlErrors.generic(failure);
    }

    private Outcome permission(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int code = e.getErrorCode();
        if (code == OBJECT_DENIED || code == COLUMN_DENIED) {
            Matcher m = (code == OBJECT_DENIED ? OBJECT : COLUMN).matcher(message);
            if (m.find()) {
                return objectDenied(m.group(1), m.group(4), m.group(2), m.group(3));
            }
        }
        if (code == SERVER_PERMISSION_DENIED) {
            Matcher m = SERVER.matcher(message);
            String permission = m.find() ? m.group(1) : "VIEW SERVER STATE";
            return serverDenied(permission);
        }
        if (code == DATABASE_PERMISSION_DENIED) {
            Matcher m = DATABASE.matcher(message);
            if (m.find()) {
                return databaseDenied(m.group(1), m.group(2));
            }
        }
        return null;
    }

    /** The ERROR for a missing object permission, with the GRANT run in the object's database. */
    Outcome objectDenied(String permission, String schema, String object, String database) {
        String grantee = TSql.bracket(userIn(database));
        // the CDC user needs the whole cdc schema anyway (change tables, functions), so grant that
        String securable = "cdc".equalsIgnoreCase(schema) && !"msdb".equalsIgnoreCase(database)
                ? "SCHEMA::" + TSql.bracket(schema)
                : TSql.bracket(schema) + "." + TSql.bracket(object);
        String detail = permission + " permission denied on " + database + "." + schema + "." + object
                + " for " + grantee + " (error 229)";
        if ("msdb".equalsIgnoreCase(database)) {
            detail += "; the login needs a user in msdb first: USE [msdb]; CREATE USER " + grantee + " FOR LOGIN "
                    + TSql.bracket(facts.login()) + ";";
        }
        return Outcome.error(detail, "USE " + TSql.bracket(database) + "; GRANT " + permission + " ON " + securable
                + " TO " + grantee + ";");
    }

    Outcome serverDenied(String permission) {
        return Outcome.error(permission + " permission denied for login " + TSql.bracket(facts.login())
                        + " (error 300)",
                "USE [master]; GRANT " + permission + " TO " + TSql.bracket(facts.login()) + ";");
    }

    /** The ERROR for a missing database permission (such as VIEW DATABASE STATE), granted in that database. */
    Outcome databaseDenied(String permission, String database) {
        return Outcome.error(permission + " permission denied in database " + database + " (error 262)",
                "USE " + TSql.bracket(database) + "; GRANT " + permission + " TO " + TSql.bracket(userIn(database))
                        + ";");
    }

    /** The database user to grant to: ours in the connected database; in msdb, a user named after the login. */
    private String userIn(String database) {
        return database.equalsIgnoreCase(facts.database()) ? facts.user() : facts.login();
    }

    /** True when the failure is SQL Server saying this login lacks a server-level permission (300/297). */
    static boolean serverPermissionDenied(SQLException failure) {
        return chain(failure).stream().anyMatch(e -> e.getErrorCode() == SERVER_PERMISSION_DENIED
                || e.getErrorCode() == NO_PERMISSION);
    }

    /** True when the failure is SQL Server saying this user lacks a database-level permission (262/297). */
    static boolean databasePermissionDenied(SQLException failure) {
        return chain(failure).stream().anyMatch(e -> e.getErrorCode() == DATABASE_PERMISSION_DENIED
                || e.getErrorCode() == NO_PERMISSION);
    }

    static List<SQLException> chain(Exception failure) {
        List<SQLException> all = new ArrayList<>();
        Throwable t = failure;
        while (t != null && all.size() < 20) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null && all.size() < 20; e = e.getNextException()) {
                    if (!all.contains(e)) {
                        all.add(e);
                    }
                }
            }
            t = t.getCause();
        }
        return all;
    }
}
