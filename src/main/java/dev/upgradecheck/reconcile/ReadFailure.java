package dev.upgradecheck.reconcile;

import dev.upgradecheck.value.UserText;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** A statement that failed on one side, with that side named and a timeout told apart from other errors. */
final class ReadFailure extends SQLException {

    ReadFailure(String side, SQLException cause) {
        super(describe(side, cause), cause.getSQLState(), cause.getErrorCode(), cause);
    }

    private static String describe(String side, SQLException e) {
        // 57014: PostgreSQL's query_canceled, which its statement timeout raises
        boolean timeout = e instanceof SQLTimeoutException || "57014".equals(e.getSQLState());
        return timeout ? "a statement at the " + side + " did not finish within --query-timeout"
                : "the " + side + " refused a read: " + UserText.firstLine(e.getMessage())
                + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }
}
