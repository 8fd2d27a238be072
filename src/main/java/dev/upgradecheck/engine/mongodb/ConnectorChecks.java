package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.pipeline.ConnectorMatch;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.value.HumanDuration;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Debezium MongoDB connector seen from the replica set: its connection string names this replica set, and its
 * committed position is still in the oplog (not older than the oplog's first entry), so its change stream can
 * resume; how far it is behind the newest entry.
 */
final class ConnectorChecks {

    static final Set<String> CLASSES = Set.of("io.debezium.connector.mongodb.MongoDbConnector");

    record Context(MongoContext live, PipelineView view) {
        Optional<ReaderPosition> reader() {
            return ReaderPosition.of(view, "the connector's committed offset");
        }
    }

    static final List<Check<Context>> ALL = List.of(
            Check.of("connect.config", "Connector reads this replica set", ConnectorChecks::config),
            Check.of("connect.offset", "Connector's committed position is still in the oplog", ConnectorChecks::offset),
            Check.of("connect.lag", "Connector's committed position against the newest oplog entry",
                    ConnectorChecks::lag));

    private ConnectorChecks() {
    }

    private static Outcome config(Context c) {
        String setName = c.live().hello().getString("setName");
        ConnectorMatch match = ConnectorMatch.of(c.view(), CLASSES);
        return (setName == null ? match : match.containing("mongodb.connection.string", "replicaSet=" + setName))
                .outcome();
    }

    private static Outcome offset(Context c) {
        if (!c.view().offsetsKnown()) {
            return Outcome.skip(c.view().offsetsUnavailable());
        }
        if (c.live().topology() == Hello.Topology.SHARDED) {
            return Outcome.skip("mongos has no oplog: run upgrade-check against each shard's replica set");
        }
        Optional<ReaderPosition> reader = c.reader();
        if (reader.isEmpty()) {
            return Outcome.warn("no committed sec/ord or resume_token", "a committed position", "the connector has "
                    + "no committed position: on restart it starts from its snapshot mode", null);
        }
        Optional<String> lost = historyLost(c.live(), reader.get());
        return lost.map(why -> Outcome.fail(reader.get().toString(), "at or after the oplog's first entry", why, null))
                .orElseGet(() -> Outcome.pass(reader.get() + ": still in the oplog"));
    }

    /** Why the reader cannot resume, when the oplog's first entry is newer than its position. */
    static Optional<String> historyLost(MongoContext live, ReaderPosition reader) {
        Optional<OplogTime> first = OplogWindowCheck.entry(live, OplogWindowCheck.FIRST);
        if (first.isEmpty()) {
            return Optional.of("local.oplog.rs is empty or missing: there is nothing to resume from");
        }
        if (reader.time().compareTo(first.get()) < 0) {
            return Optional.of("the oplog's first entry is " + first.get() + ": the entries after the connector's "
                    + "position were overwritten, its change stream cannot resume (ChangeStreamHistoryLost)");
        }
        return Optional.empty();
    }

    private static Outcome lag(Context c) {
        Optional<ReaderPosition> reader = c.reader();
        if (reader.isEmpty() || c.live().topology() == Hello.Topology.SHARDED) {
            return Outcome.skip("no committed position to compare with an oplog");
        }
        return Outcome.pass(behind(c.live(), reader.get()));
    }

    static String behind(MongoContext live, ReaderPosition reader) {
        Optional<OplogTime> last = OplogWindowCheck.entry(live, OplogWindowCheck.LAST);
        return last.map(l -> reader + ", newest oplog entry " + l + ": "
                + HumanDuration.of(reader.time().until(l).isNegative() ? java.time.Duration.ZERO
                : reader.time().until(l)) + " behind (the oplog also holds no-op entries written every 10s)")
                .orElse("the oplog has no newest entry");
    }
}
