package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.UserText;

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
            return Outcome.error(UserText.firstLine(sql.getMessage()) + " (SQLState " + sql.getSQLState()
                    + ", code " + sql.getErrorCode() + ")", null);
        }
        return Outcome.error(failure.getClass().getSimpleName() + ": " + UserText.firstLine(failure.getMessage()), null);
    }
}
