package dev.upgradecheck.engine.mongodb;

import com.mongodb.MongoCommandException;
import org.bson.BsonDocument;

import java.util.Optional;

/**
 * Opens change streams through {@link AdminCommands} and sorts what went wrong: no privilege (the check could not
 * run), a timeout or lost connection (could not run), or the server refusing the stream (the stream does not work).
 */
final class ChangeStreams {

    /** The aggregate stage behind every stream (3.6+; resumeAfter tokens 4.0.7+ carry postBatchResumeToken). */
    static final String STAGE = """
            { $changeStream: { resumeAfter: <token> } }
            """;

    private ChangeStreams() {
    }

    sealed interface Result permits Opened, Refused {
    }

    /** The stream opened; the token the server gave, if any. */
    record Opened(Optional<BsonDocument> token) implements Result {
    }

    /** The server refused the stream: its code and message. */
    record Refused(int code, String message) implements Result {
    }

    /**
     * A server refusal is a result; code 13 throws {@link MissingPrivilege}, and timeouts and connection failures
     * propagate: those make the check ERROR, since they say nothing about the stream.
     */
    static Result open(MongoContext ctx, StreamScope scope, BsonDocument resumeAfter) {
        try {
            return new Opened(ctx.commands().openChangeStream(scope, resumeAfter));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == MongoErrors.UNAUTHORIZED) {
                throw new MissingPrivilege("read", scope.database(), e);
            }
            if (MongoErrors.isTimeout(e)) {
                throw e;
            }
            return new Refused(e.getErrorCode(), MongoErrors.serverMessage(e));
        }
    }
}
