package dev.upgradecheck.engine.mongodb;

import com.mongodb.ReadPreference;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.Document;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link AdminCommands} on a live server: every command carries {@code maxTimeMS} (the query timeout) and reads
 * with {@code primaryPreferred}, so a rolling upgrade that has the primary down still gets answers.
 */
final class DriverCommands implements AdminCommands {

    private static final ReadPreference READ_PREFERENCE = ReadPreference.primaryPreferred();

    private final MongoClient client;
    private final long maxTimeMs;

    DriverCommands(MongoClient client, Duration queryTimeout) {
        this.client = client;
        this.maxTimeMs = Math.max(1, queryTimeout.toMillis());
    }

    @Override
    public Document run(String database, Document command) {
        Document bounded = new Document(command);
        bounded.putIfAbsent("maxTimeMS", maxTimeMs);
        return db(database).runCommand(bounded, READ_PREFERENCE); // runCommand ignores the database's preference
    }

    @Override
    public Optional<BsonDocument> openChangeStream(StreamScope scope, BsonDocument resumeAfter) {
        MongoDatabase db = db(scope.database());
        ChangeStreamIterable<Document> stream = scope.isCollection()
                ? db.getCollection(scope.collection()).watch()
                : db.watch();
        stream = stream.maxAwaitTime(Math.min(maxTimeMs, 1000), TimeUnit.MILLISECONDS);
        if (resumeAfter != null) {
            stream = stream.resumeAfter(resumeAfter);
        }
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = stream.cursor()) {
            if (resumeAfter != null) {
                // some servers check resumability on the first getMore, not on the aggregate: read (and drop) once
                cursor.tryNext();
            }
            return Optional.ofNullable(cursor.getResumeToken());
        }
    }

    private MongoDatabase db(String name) {
        return client.getDatabase(name).withReadPreference(READ_PREFERENCE);
    }
}
