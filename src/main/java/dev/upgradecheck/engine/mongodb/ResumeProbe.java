package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.value.UserText;

import org.bson.BsonDocument;
import org.bson.json.JsonParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * Tries each baseline token with {@code resumeAfter}: the test a pipeline stopped at precheck time would face.
 * Shared by verify's check and snapshot-advice.
 */
final class ResumeProbe {

    enum Verdict { RESUMES, HISTORY_LOST, FAILED, NO_TOKEN }

    record ScopeResult(String scope, Verdict verdict, String message) {
    }

    private ResumeProbe() {
    }

    /** Throws {@link MissingPrivilege}, timeouts and connection failures: those say nothing about the token. */
    static List<ScopeResult> probe(MongoContext ctx, MongoBaseline baseline) {
        List<ScopeResult> results = new ArrayList<>();
        for (MongoBaseline.StreamPosition position : baseline.streams()) {
            if (position.resumeToken() == null) {
                results.add(new ScopeResult(position.scope(), Verdict.NO_TOKEN,
                        position.note() == null ? "the baseline holds no resume token" : position.note()));
                continue;
            }
            BsonDocument token;
            try {
                token = BsonDocument.parse(position.resumeToken());
            } catch (JsonParseException e) {
                throw new dev.upgradecheck.BadInputException("baseline resume token for " + position.scope()
                        + " is not valid JSON: " + UserText.firstLine(e.getMessage()));
            }
            ChangeStreams.Result r = ChangeStreams.open(ctx, StreamScope.parse(position.scope()), token);
            if (r instanceof ChangeStreams.Refused refused) {
                Verdict v = refused.code() == MongoErrors.CHANGE_STREAM_HISTORY_LOST ? Verdict.HISTORY_LOST : Verdict.FAILED;
                results.add(new ScopeResult(position.scope(), v, refused.message()));
            } else {
                results.add(new ScopeResult(position.scope(), Verdict.RESUMES, "resumes"));
            }
        }
        return results;
    }
}
