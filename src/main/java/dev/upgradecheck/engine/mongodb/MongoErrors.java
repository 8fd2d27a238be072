package dev.upgradecheck.engine.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import dev.upgradecheck.check.ErrorTranslator;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.UserText;

/** Turns what a check threw into an ERROR that carries the server's own message and, when it can, the fix. */
final class MongoErrors implements ErrorTranslator {

    static final int UNAUTHORIZED = 13;
    static final int AUTHENTICATION_FAILED = 18;
    static final int COMMAND_NOT_FOUND = 59;
    static final int CHANGE_STREAM_HISTORY_LOST = 286;

    private final MongoUser grantee;

    MongoErrors(MongoUser grantee) {
        this.grantee = grantee == null ? MongoUser.PLACEHOLDER : grantee;
    }

    @Override
    public Outcome translate(Exception failure) {
        if (failure instanceof MissingPrivilege missing) {
            return Outcome.error("not authorized: " + missing.getMessage() + "; needs role " + missing.role()
                    + " on " + missing.roleDb(), Shell.grantRole(grantee, missing.role(), missing.roleDb()));
        }
        if (isTimeout(failure)) {
            return Outcome.error("the command did not finish within --query-timeout: "
                    + UserText.firstLine(failure.getMessage()), "raise --query-timeout, or run when the server is less busy");
        }
        if (failure instanceof MongoCommandException cmd) {
            return Outcome.error("the server refused the command: " + serverMessage(cmd), null);
        }
        if (failure instanceof MongoException mongo) {
            return Outcome.error(mongo.getClass().getSimpleName() + ": " + UserText.firstLine(mongo.getMessage()), null);
        }
        return Outcome.error(failure.getClass().getSimpleName() + ": " + UserText.firstLine(failure.getMessage()), null);
    }

    static boolean isTimeout(Throwable t) {
        return t instanceof MongoExecutionTimeoutException || t instanceof MongoSocketReadTimeoutException
                || t instanceof MongoTimeoutException
                || t instanceof MongoCommandException c && c.getErrorCode() == 50;
    }

    /** {@code errmsg (code N CodeName)}: the server's words, never the driver's whole response dump. */
    static String serverMessage(MongoCommandException e) {
        String message = e.getErrorMessage() == null || e.getErrorMessage().isBlank() ? "(no message)" : e.getErrorMessage();
        String name = e.getErrorCodeName() == null || e.getErrorCodeName().isBlank() ? "" : " " + e.getErrorCodeName();
        return UserText.firstLine(message) + " (code " + e.getErrorCode() + name + ")";
    }
}
