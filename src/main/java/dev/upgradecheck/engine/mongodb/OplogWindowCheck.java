package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.HumanDuration;
import org.bson.BsonTimestamp;
import org.bson.Document;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A change stream resumes only from a position still in the oplog: the oldest entry must be older than the upgrade
 * will take, plus a buffer for a slow step or a paused pipeline. Window = newest ts minus oldest ts.
 */
final class OplogWindowCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.oplog.window",
            "Oplog window covers the upgrade window plus a buffer (local.oplog.rs)", OplogWindowCheck::evaluate);

    /** The oldest and newest entries in insertion order; needs read on local. */
    static final String FIRST = """
            { find: "oplog.rs", sort: { $natural: 1 }, limit: 1, singleBatch: true, projection: { ts: 1, wall: 1 } }
            """;
    static final String LAST = """
            { find: "oplog.rs", sort: { $natural: -1 }, limit: 1, singleBatch: true, projection: { ts: 1, wall: 1 } }
            """;

    /** When --window is not given. */
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private OplogWindowCheck() {
    }

    /** The buffer: half the window, at least an hour. */
    static Duration required(Duration window) {
        Duration half = window.dividedBy(2);
        return window.plus(half.compareTo(Duration.ofHours(1)) > 0 ? half : Duration.ofHours(1));
    }

    static Optional<OplogTime> entry(MongoContext ctx, String command) {
        return ctx.once(command, () -> {
            Document reply = ctx.run("local", command, "read", "local");
            Document cursor = reply.get("cursor", Document.class);
            List<Document> batch = cursor == null ? List.of() : cursor.getList("firstBatch", Document.class, List.of());
            if (batch.isEmpty() || !(batch.get(0).get("ts") instanceof BsonTimestamp ts)) {
                return Optional.empty();
            }
            return Optional.of(OplogTime.of(ts));
        });
    }

    static Outcome evaluate(MongoContext ctx) {
        if (ctx.topology() == Hello.Topology.SHARDED) {
            return Outcome.skip("mongos has no oplog: run upgrade-check against each shard's replica set");
        }
        Duration window = ctx.options().window() == null ? DEFAULT_WINDOW : ctx.options().window().duration();
        Duration required = required(window);
        String expected = "at least " + HumanDuration.of(required) + " (--window " + HumanDuration.of(window)
                + (ctx.options().window() == null ? ", assumed" : "") + " plus buffer)";
        Optional<OplogTime> first = entry(ctx, FIRST);
        Optional<OplogTime> last = entry(ctx, LAST);
        if (first.isEmpty() || last.isEmpty()) {
            return Outcome.fail("local.oplog.rs is empty or missing", expected,
                    "without an oplog there is no change stream to resume (a standalone keeps none)",
                    "convert the deployment to a replica set (see mongo.topology)");
        }
        Duration observed = first.get().until(last.get());
        String seen = HumanDuration.of(observed) + " (oldest " + first.get().instant() + ", newest " + last.get().instant() + ")";
        if (observed.compareTo(required) < 0) {
            long hours = Math.max(1, (required.toMinutes() + 59) / 60);
            return Outcome.fail(seen, expected, "a pipeline paused for the upgrade would find its position overwritten",
                    "on each member (4.4+): db.adminCommand({replSetResizeOplog: 1, minRetentionHours: " + hours
                            + "}), or grow the oplog: db.adminCommand({replSetResizeOplog: 1, size: <megabytes>})");
        }
        return Outcome.pass(seen).expecting(expected);
    }
}
