package dev.upgradecheck.engine.mongodb;

import org.bson.BsonDocument;
import org.bson.Document;

import java.util.Optional;

/**
 * Where the server's answers come from: the live server through the driver ({@link DriverCommands}), or, in tests
 * of servers that cannot run here, answers recorded from MongoDB's documentation. Every method is a read; a server
 * refusal is thrown as the driver's own {@link com.mongodb.MongoCommandException} (with the server's code and message).
 */
public interface AdminCommands {

    /** Runs one read-only database command (bounded by {@code maxTimeMS}) and returns the server's reply. */
    Document run(String database, Document command);

    /**
     * Opens a change stream on {@code scope}, resuming after {@code resumeAfter} when it is not null, and closes it.
     * No event is kept. Returns the resume token the server gave (its {@code postBatchResumeToken}), if any.
     */
    Optional<BsonDocument> openChangeStream(StreamScope scope, BsonDocument resumeAfter);
}
