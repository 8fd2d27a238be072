package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import org.bson.Document;

/** Change streams need the oplog, which only replica sets and sharded clusters keep: a standalone cannot do CDC. */
final class TopologyCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.topology", "Replica set or sharded cluster (hello)",
            TopologyCheck::evaluate);

    private static final String EXPECTED = "a replica set or a sharded cluster";

    private TopologyCheck() {
    }

    static Outcome evaluate(MongoContext ctx) {
        Document hello = ctx.hello();
        String where = ctx.atlas() ? " on Atlas" : "";
        return switch (ctx.topology()) {
            case REPLICA_SET -> Outcome.pass("replica set " + hello.getString("setName") + " (" + Hello.hosts(hello).size()
                    + " members listed; connected to a " + Hello.role(hello) + ")" + where).expecting(EXPECTED);
            case SHARDED -> Outcome.pass("sharded cluster (connected to mongos)" + where, "run upgrade-check against "
                    + "each shard's replica set as well: oplog windows and member health are per shard").expecting(EXPECTED);
            case UNINITIATED_REPLICA_SET -> Outcome.fail("started with --replSet but not initiated", EXPECTED,
                    "the replica set has no configuration yet, so there is no oplog and no change stream",
                    "rs.initiate()");
            case STANDALONE -> Outcome.fail("standalone mongod (hello reports no setName)" + where, EXPECTED,
                    "a standalone keeps no oplog, so change streams cannot be opened and CDC cannot run",
                    "restart mongod with --replSet \"rs0\" (replication.replSetName in the config file), then rs.initiate()");
        };
    }
}
