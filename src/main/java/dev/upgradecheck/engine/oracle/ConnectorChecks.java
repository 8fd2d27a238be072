package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.pipeline.ConnectorMatch;
import dev.upgradecheck.pipeline.PipelineView;

import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Debezium Oracle connector seen from the database: it reads this database (and PDB), and the redo from its
 * committed {@code scn} on is still there to mine: same incarnation (at or after the RESETLOGS change), not ahead of
 * the database, and every log since online or archived and on disk.
 */
final class ConnectorChecks {

    static final Set<String> CLASSES = Set.of("io.debezium.connector.oracle.OracleConnector");

    record Context(OracleContext live, PipelineView view) {
        Optional<ReaderScn> reader() {
            return ReaderScn.of(view, "the connector's committed offset");
        }
    }

    static final List<Check<Context>> ALL = List.of(
            Check.of("connect.config", "Connector reads this database", ConnectorChecks::config),
            Check.of("connect.offset", "Connector's committed SCN can resume without a gap", ConnectorChecks::offset),
            Check.of("connect.lag", "Connector's committed SCN against the current SCN", ConnectorChecks::lag));

    private ConnectorChecks() {
    }

    private static Outcome config(Context c) throws SQLException {
        DatabaseState db = DatabaseState.read(c.live().catalog());
        ConnectorMatch match = ConnectorMatch.of(c.view(), CLASSES).equal("database.dbname", db.name());
        if (db.cdb() && c.live().facts().containerId() > 1) {
            match.equal("database.pdb.name", c.live().facts().containerName());
        }
        return match.outcome();
    }

    private static Outcome offset(Context c) throws SQLException {
        if (!c.view().offsetsKnown()) {
            return Outcome.skip(c.view().offsetsUnavailable());
        }
        Optional<ReaderScn> reader = c.reader();
        if (reader.isEmpty()) {
            return Outcome.warn("no committed scn", "a committed scn", "the connector has no committed position: on "
                    + "restart it starts from its snapshot mode", null);
        }
        List<String> gaps = gaps(c.live(), reader.get());
        if (!gaps.isEmpty()) {
            return Outcome.fail(reader.get() + ": " + String.join("; ", gaps), "redo from the connector's SCN on",
                    "LogMiner cannot resume from the connector's position: re-snapshot", null);
        }
        return reader.get().inSnapshot()
                ? Outcome.warn(reader.get() + ", taken during the initial snapshot", "a streaming offset",
                "the connector had not finished its snapshot: on restart it snapshots again", null)
                : Outcome.pass(reader.get() + ": every redo log since is online or archived on disk");
    }

    /** Why the redo from the reader's SCN on cannot be mined; empty when it can. */
    static List<String> gaps(OracleContext live, ReaderScn reader) throws SQLException {
        DatabaseState db = DatabaseState.read(live.catalog());
        List<String> gaps = new ArrayList<>();
        if (reader.scn().compareTo(db.resetlogsScn()) < 0) {
            gaps.add("before the RESETLOGS change " + db.resetlogsScn() + ": the offset belongs to an earlier "
                    + "incarnation");
        } else if (reader.scn().isAfter(db.currentScn())) {
            gaps.add("ahead of the current SCN " + db.currentScn() + ": another database, or one restored from an "
                    + "earlier backup");
        } else {
            RedoHistory history = RedoHistory.assess(reader.scn(),
                    ArchivedLogs.since(live.catalog(), db.resetlogsScn(), reader.scn()), RedoGroup.read(live.catalog()));
            history.neverArchived().forEach(n -> gaps.add("never archived: " + n));
            history.deleted().forEach(d -> gaps.add("archived log deleted: " + d));
        }
        return gaps;
    }

    /**
     * Informational: the current SCN advances with no user write at all (background work), so an SCN distance never
     * reaches zero and cannot prove a drain.
     */
    private static Outcome lag(Context c) throws SQLException {
        Optional<ReaderScn> reader = c.reader();
        if (reader.isEmpty()) {
            return Outcome.skip("no committed scn in the connector's offsets");
        }
        return Outcome.pass(behind(c.live(), reader.get()));
    }

    static String behind(OracleContext live, ReaderScn reader) throws SQLException {
        Scn last = reader.commitScn() == null ? reader.scn() : reader.commitScn();
        Scn current = DatabaseState.read(live.catalog()).currentScn();
        BigInteger distance = current.value().subtract(last.value()).max(BigInteger.ZERO);
        return "last commit SCN " + last + ", current SCN " + current + ": " + distance + " SCNs behind (the SCN also "
                + "advances without user writes)";
    }
}
