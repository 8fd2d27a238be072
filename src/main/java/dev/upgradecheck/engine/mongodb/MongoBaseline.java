package dev.upgradecheck.engine.mongodb;

import java.util.List;

/**
 * What precheck records for verify: the version and FCV, the newest oplog entry, and one change-stream resume token
 * per captured scope (taken from the server's postBatchResumeToken without reading any event). No secret.
 * A value the server would not give is null, with the reason in {@code notes}.
 *
 * @param streams one entry per scope; {@code resumeToken} is the token as extended JSON
 */
public record MongoBaseline(String version, String featureCompatibilityVersion, OplogTime lastOplogTime,
                            List<StreamPosition> streams, List<String> notes) {

    public MongoBaseline {
        streams = streams == null ? List.of() : List.copyOf(streams);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A scope ({@code db} or {@code db.collection}) and the token a pipeline stopped then would resume from. */
    public record StreamPosition(String scope, String resumeToken, String note) {
    }
}
