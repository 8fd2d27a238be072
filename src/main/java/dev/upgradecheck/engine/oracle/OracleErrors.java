package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.ErrorTranslator;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.SqlErrors;
import dev.upgradecheck.value.UserText;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Oracle's words for failures: a refused catalog view becomes ERROR with the exact GRANT (or the rdsadmin call on
 * RDS) for the connecting user; a cancelled statement (ORA-01013) is the query timeout; a failed login or an
 * unreachable listener gets one line for exit code 3.
 */
final class OracleErrors {

    private static final Pattern ORA = Pattern.compile("ORA-(\\d{5})");

    private OracleErrors() {
    }

    static ErrorTranslator translator(ServerFacts facts) {
        OracleName connected = new OracleName(facts.sessionUser());
        OracleRemedies remedies = OracleRemedies.of(facts, connected);
        return failure -> translate(failure, connected, remedies);
    }

    static Outcome translate(Exception failure, OracleName connected, OracleRemedies remedies) {
        if (failure instanceof CatalogAccessDenied denied) {
            CatalogQuery query = denied.query();
            List<String> grants = query.grantObjects().stream()
                    .map(object -> remedies.grantOnSysObject("SELECT", object, connected)).toList();
            return Outcome.error(connected + " cannot read " + query.view() + " (ORA-" + pad(denied.getErrorCode())
                    + ")", String.join("\n", grants));
        }
        if (failure instanceof SQLException sql && code(sql) == 1013) {
            return SqlErrors.generic(new java.sql.SQLTimeoutException(sql.getMessage(), sql.getSQLState(), 1013));
        }
        return SqlErrors.generic(failure);
    }

    /** One line for a failed connection attempt (exit 3): what went wrong, without the driver's stack. */
    static String describeConnectFailure(SQLException e) {
        int code = code(e);
        return switch (code) {
            case 1017 -> "login refused: wrong user name or password (ORA-01017)";
            case 28000 -> "login refused: the account is locked (ORA-28000)";
            case 28001 -> "login refused: the password has expired (ORA-28001)";
            case 12541 -> "cannot connect: no listener at the host and port in --url (ORA-12541)";
            case 12514 -> "cannot connect: the listener does not know the service name in --url (ORA-12514)";
            case 12505 -> "cannot connect: the listener does not know the SID in --url (ORA-12505)";
            case 12170, 12535 -> "cannot connect: timed out within --connect-timeout (ORA-" + pad(code) + ")";
            case 12545 -> "cannot connect: the host in --url is unknown or unreachable (ORA-12545)";
            default -> causedByTimeout(e) ? "cannot connect: timed out within --connect-timeout"
                    : "cannot connect: " + UserText.firstLine(e.getMessage());
        };
    }

    /** The ORA- code: the vendor code, or for network errors (reported as ORA-17002 and such) the first ORA-1xxxx
     * named in the message. */
    static int code(SQLException e) {
        Matcher m = ORA.matcher(e.getMessage() == null ? "" : e.getMessage());
        int first = e.getErrorCode();
        while (m.find()) {
            int named = Integer.parseInt(m.group(1));
            if (named != first && named >= 12000 && named < 13000) {
                return named; // the TNS error behind an I/O error
            }
        }
        return first;
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String pad(int code) {
        return String.format("%05d", code);
    }
}
