package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.ErrorTranslator;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.SqlErrors;
import dev.upgradecheck.value.UserText;

import java.sql.SQLException;

/** Turns a failed check into ERROR with what was missing and, for privileges, the GRANT that fixes it. */
final class PgErrors implements ErrorTranslator {

    /** insufficient_privilege */
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** query_canceled: statement_timeout fired on the server before the JDBC timeout did */
    static final String QUERY_CANCELED = "57014";

    private final String role;

    PgErrors(String role) {
        this.role = role;
    }

    @Override
    public Outcome translate(Exception failure) {
        if (failure instanceof MissingPrivilege missing) {
            return Outcome.error(missing.getMessage(), missing.grant());
        }
        if (failure instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
            return Outcome.error("permission denied: " + UserText.firstLine(sql.getMessage()) + " (SQLState 42501)",
                    "GRANT pg_monitor TO " + PgQuoting.ident(role) + ";");
        }
        if (failure instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
            return SqlErrors.generic(new java.sql.SQLTimeoutException(sql.getMessage(), sql.getSQLState()));
        }
        return SqlErrors.generic(failure);
    }
}
