package dev.upgradecheck.engine.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import org.bson.BsonDocument;
import org.bson.Document;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AdminCommands} answering with server replies recorded from MongoDB's documentation, parsed with the
 * driver's BSON types. A reply with {@code ok: 0} is thrown as the driver's own {@link MongoCommandException}, as the
 * driver would. A command nobody recorded fails the test: the engine must not send what we did not expect.
 */
final class RecordedCommands implements AdminCommands {

    private static final ServerAddress SERVER = new ServerAddress("m1.example.net", 27017);

    private final Map<String, String> replies = new HashMap<>();
    private final Map<String, String> streams = new HashMap<>();

    /** The reply to {@code command} (its first key) on {@code database}; a find is keyed by its sort direction. */
    RecordedCommands answer(String database, String command, String replyJson) {
        replies.put(database + ":" + command, replyJson);
        return this;
    }

    /** The reply to the aggregate that opens a change stream on {@code scope}. */
    RecordedCommands stream(String scope, String replyJson) {
        streams.put(scope, replyJson);
        return this;
    }

    @Override
    public Document run(String database, Document command) {
        String name = command.keySet().iterator().next();
        if (name.equals("find") && command.get("sort") instanceof Document sort) {
            name = "find" + sort.get("$natural");
        }
        String reply = replies.get(database + ":" + name);
        if (reply == null) {
            throw new AssertionError("unexpected command on " + database + ": " + command.toJson());
        }
        return answer(reply);
    }

    @Override
    public Optional<BsonDocument> openChangeStream(StreamScope scope, BsonDocument resumeAfter) {
        String reply = streams.get(scope.toString());
        if (reply == null) {
            throw new AssertionError("unexpected change stream on " + scope);
        }
        Document cursor = answer(reply).get("cursor", Document.class);
        Document token = cursor == null ? null : cursor.get("postBatchResumeToken", Document.class);
        return Optional.ofNullable(token).map(t -> BsonDocument.parse(t.toJson()));
    }

    private static Document answer(String json) {
        BsonDocument reply = BsonDocument.parse(json);
        if (reply.containsKey("ok") && reply.get("ok").asNumber().doubleValue() == 0) {
            throw new MongoCommandException(reply, SERVER);
        }
        return Document.parse(json);
    }
}
