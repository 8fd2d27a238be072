package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Pipeline health seen from the server: is a CDC reader connected right now? A reader holds a change-stream cursor,
 * idle between getMores or inside one. The server cannot say how far behind a reader is (its position lives in the
 * reader), so this tells connected or not, and when each cursor was last read. $currentOp sees the member it runs on
 * (through mongos: every shard), so a reader on another member of a replica set is not seen.
 */
final class ChangeStreamReaderCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.reader",
            "A change-stream reader is connected ($currentOp)", ChangeStreamReaderCheck::evaluate);

    /**
     * $currentOp with idleCursors (4.2+; older servers refuse the option: ERROR with their message) and allUsers,
     * which needs inprog (clusterMonitor). A reader's originating command sits in cursor.originatingCommand (4.2+), or
     * in command for the opening aggregate. Its first stage is matched through $objectToArray because a query path
     * cannot name a "$changeStream" field. The limit keeps the answer in one batch, so no cursor is left open.
     */
    static final String COMMAND = """
            { aggregate: 1, cursor: { batchSize: 1000 }, pipeline: [
                { $currentOp: { allUsers: true, idleCursors: true } },
                { $addFields: { firstStage: { $objectToArray: { $ifNull: [ { $arrayElemAt: [
                    { $ifNull: [ "$cursor.originatingCommand.pipeline", "$command.pipeline" ] }, 0 ] }, {} ] } } } },
                { $match: { "firstStage.k": "$changeStream" } },
                { $limit: 1000 } ] }
            """;

    private static final String EXPECTED = "at least one change-stream cursor open (the CDC reader connected)";

    private ChangeStreamReaderCheck() {
    }

    static Outcome evaluate(MongoContext ctx) {
        Document reply = ctx.run("admin", COMMAND, "clusterMonitor", "admin");
        Document cursor = reply.get("cursor", Document.class);
        List<Document> readers = cursor == null ? List.of() : cursor.getList("firstBatch", Document.class, List.of());
        String where = ctx.hello().getString("me") == null ? "" : " on " + ctx.hello().getString("me");
        if (readers.isEmpty()) {
            String why = ctx.phase() == MongoContext.Phase.AFTER
                    ? "no change stream is open: resume the CDC source (from its stored resume token) once verify passes"
                    : "no change stream is open: the CDC source is stopped or paused (fine if on purpose), "
                    + "or it has lost its connection";
            if (!where.isEmpty()) {
                why += "; a reader connected to another member is not seen from this one";
            }
            return Outcome.warn("no change-stream cursor" + where, EXPECTED, why,
                    "check the CDC source's status; on the server: db.getSiblingDB(\"admin\").aggregate([{$currentOp: "
                            + "{allUsers: true, idleCursors: true}}])");
        }
        List<String> seen = new ArrayList<>();
        for (Document reader : readers) {
            seen.add(describe(reader));
        }
        return Outcome.pass(readers.size() + " change-stream cursor(s)" + where + ": " + String.join("; ", seen),
                "the server cannot tell how far behind a change-stream reader is: check the CDC source's own lag")
                .expecting(EXPECTED);
    }

    /** {@code shop.orders idle, last read 2026-01-01T11:59:58Z} or {@code shop.orders in getmore from host:port (appName)}. */
    private static String describe(Document reader) {
        StringBuilder sb = new StringBuilder(String.valueOf(reader.get("ns")));
        Document cursor = reader.get("cursor", Document.class);
        if ("idleCursor".equals(reader.getString("type"))) {
            sb.append(" idle");
        } else {
            sb.append(" in ").append(reader.get("op"));
            if (reader.getString("client") != null) {
                sb.append(" from ").append(reader.getString("client"));
            }
            if (reader.getString("appName") != null && !reader.getString("appName").isBlank()) {
                sb.append(" (").append(reader.getString("appName")).append(")");
            }
        }
        if (cursor != null && cursor.get("lastAccessDate") instanceof Date last) {
            sb.append(", last read ").append(last.toInstant());
        }
        return sb.toString();
    }
}
