package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Outcome;
import org.bson.Document;

import java.util.List;
import java.util.Optional;

/** {@code replSetGetStatus}, shared by the member health and lag checks; needs clusterMonitor. */
final class ReplicaSetStatus {

    static final String COMMAND = """
            { replSetGetStatus: 1 }
            """;

    private ReplicaSetStatus() {
    }

    /** Why the replica-set checks do not apply here, if they do not. */
    static Optional<Outcome> notApplicable(MongoContext ctx) {
        return switch (ctx.topology()) {
            case SHARDED -> Optional.of(Outcome.skip("connected through mongos: run upgrade-check against each shard's "
                    + "replica set and the config server replica set"));
            case STANDALONE, UNINITIATED_REPLICA_SET -> Optional.of(Outcome.skip("not a running replica set "
                    + "(see mongo.topology)"));
            case REPLICA_SET -> Optional.empty();
        };
    }

    static List<Document> members(MongoContext ctx) {
        Document status = ctx.once("replSetGetStatus", () -> ctx.run("admin", COMMAND, "clusterMonitor", "admin"));
        return status.getList("members", Document.class, List.of());
    }
}
