package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A rolling upgrade takes one member down at a time: every other member must be up and in a serving state. */
final class ReplicaSetHealthCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.replset.health",
            "Every replica set member healthy (replSetGetStatus)", ReplicaSetHealthCheck::evaluate);

    private static final Set<String> SERVING = Set.of("PRIMARY", "SECONDARY", "ARBITER");
    private static final String EXPECTED = "every member health 1 and PRIMARY, SECONDARY or ARBITER; one PRIMARY";

    private ReplicaSetHealthCheck() {
    }

    static Outcome evaluate(MongoContext ctx) {
        var skip = ReplicaSetStatus.notApplicable(ctx);
        if (skip.isPresent()) {
            return skip.get();
        }
        List<Document> members = ReplicaSetStatus.members(ctx);
        List<String> seen = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        int primaries = 0;
        for (Document m : members) {
            String name = m.getString("name");
            String state = String.valueOf(m.get("stateStr"));
            Number health = m.get("health", Number.class);
            seen.add(name + " " + state);
            if ("PRIMARY".equals(state)) {
                primaries++;
            }
            if (health == null || health.doubleValue() != 1.0 || !SERVING.contains(state)) {
                unhealthy.add(name + " " + state + " (health " + health + ")");
            }
        }
        String observed = members.size() + " members: " + String.join(", ", seen);
        if (members.isEmpty()) {
            return Outcome.fail("replSetGetStatus listed no members", EXPECTED, null, "rs.status()");
        }
        if (!unhealthy.isEmpty()) {
            return Outcome.fail(observed, EXPECTED, "not serving: " + String.join(", ", unhealthy)
                    + "; upgrading with a member down can leave the set without a majority",
                    "rs.status()  // bring these members back (or remove them with rs.remove(...)) before the upgrade");
        }
        if (primaries != 1) {
            return Outcome.fail(observed, EXPECTED, "the set has " + primaries + " primaries", "rs.status()");
        }
        return Outcome.pass(observed).expecting(EXPECTED);
    }
}
