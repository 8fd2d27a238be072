package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.check.Outcome;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** What every JDBC engine says about a failure it has no more specific word for. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** A timeout names the bound that fired; anything else gives the driver's first line and codes. */
    public static Outcome generic(Exception failure) {
        if (failure instanceof SQLTimeoutException) {
            return Outcome.error("the query did not finish within --query-timeout", "raise --query-timeout, or run "
                    + "when the server is less busy (a lock held on a catalog object can also block the query)");
        }
        if (failure instanceof SQLException sql) {
            return Outcome.error(firstLine(sql.getMessage()) + " (SQLState " + sql.getSQLState()
                    + ", code " + sql.getErrorCode() + ")", null);
        }
        return Outcome.error(failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage()), null);
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.lines().findFirst().orElse("").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
