package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.pipeline.ConnectorMatch;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Debezium SQL Server connector seen from the database: it reads this database, and its committed
 * {@code commit_lsn} can resume without a gap (every capture instance's change data, whose low end
 * {@code sys.fn_cdc_get_min_lsn} returns as {@code cdc.change_tables.start_lsn}, still starts at or before it),
 * and how far it is behind {@code sys.fn_cdc_get_max_lsn()}.
 */
final class ConnectorChecks {

    static final Set<String> CLASSES = Set.of("io.debezium.connector.sqlserver.SqlServerConnector");

    record Context(SqlServerContext live, PipelineView view) {
        Optional<ReaderOffset> offset() {
            return ReaderOffset.of(view, live.facts().database(), "the connector's committed offset");
        }
    }

    static final List<Check<Context>> ALL = List.of(
            Check.of("connect.config", "Connector reads this database", ConnectorChecks::config),
            Check.of("connect.offset", "Connector's committed offset can resume without a gap", ConnectorChecks::offset),
            Check.of("connect.lag", "Connector's committed offset against the database's max LSN", ConnectorChecks::lag));

    private ConnectorChecks() {
    }

    private static Outcome config(Context c) {
        ConnectorMatch match = ConnectorMatch.of(c.view(), CLASSES);
        String database = c.live().facts().database();
        // Debezium 2.x lists databases in database.names; 1.x had one, database.dbname
        return (c.view().config().containsKey("database.dbname") ? match.equal("database.dbname", database)
                : match.listing("database.names", database)).outcome();
    }

    private static Outcome offset(Context c) throws SQLException {
        if (!c.view().offsetsKnown()) {
            return Outcome.skip(c.view().offsetsUnavailable());
        }
        Optional<ReaderOffset> offset = c.offset();
        if (offset.isEmpty()) {
            return Outcome.warn("no commit_lsn for database " + c.live().facts().database(), "a committed commit_lsn",
                    "the connector has no committed position in this database: on restart it starts from its "
                            + "snapshot mode", null);
        }
        ReaderOffset o = offset.get();
        Optional<Lsn> max = c.live().catalog().maxLsn();
        if (max.isPresent() && max.get().compareTo(o.commitLsn()) < 0) {
            return Outcome.fail(o + ", max LSN " + max.get(), "max LSN at or after the offset", "the database is "
                    + "behind the connector's position: restored from an earlier backup, or another database", null);
        }
        List<CaptureInstance> gone = o.cleanedPast(instancesInScope(c.live()));
        if (!gone.isEmpty()) {
            return Outcome.fail(o + "; change data now starts after it in " + describe(gone),
                    "every capture instance starting at or before commit_lsn", "cleanup (or a re-created capture "
                            + "instance) removed changes the connector has not read: re-snapshot those tables", null);
        }
        if (o.inSnapshot()) {
            return Outcome.warn(o + ", taken during the initial snapshot", "a streaming offset", "the connector "
                    + "had not finished its snapshot: on restart it snapshots again", null);
        }
        return Outcome.pass(o + ": every capture instance's change data starts at or before it");
    }

    private static Outcome lag(Context c) throws SQLException {
        DrainStatus status = drain(c.live(), c.offset());
        if ("none".equals(status.basis())) {
            return Outcome.skip(status.behind());
        }
        return status.drained() ? Outcome.pass(status.reader() + " = max LSN " + status.head())
                : Outcome.pass(status.behind() + " (" + status.basis() + ")");
    }

    /** Drained only when the committed commit_lsn has reached the database's max LSN. */
    static DrainStatus drain(SqlServerContext live, Optional<ReaderOffset> offset) throws SQLException {
        if (offset.isEmpty()) {
            return DrainStatus.unknown("no commit_lsn for database " + live.facts().database() + " in the "
                    + "connector's offsets");
        }
        Optional<Lsn> max = live.catalog().maxLsn();
        if (max.isEmpty()) {
            return DrainStatus.unknown("sys.fn_cdc_get_max_lsn() returned NULL: CDC is off or captured nothing yet");
        }
        Lsn reader = offset.get().commitLsn();
        boolean drained = reader.compareTo(max.get()) >= 0;
        return new DrainStatus(drained, reader.toString(), max.get().toString(), drained ? "nothing"
                : "commit_lsn " + reader + " behind max LSN " + max.get() + " (a quiet database keeps it there until "
                + "the connector commits again: set heartbeat.interval.ms)", "the connector's committed offset");
    }

    static List<CaptureInstance> instancesInScope(SqlServerContext live) throws SQLException {
        List<TableName> tables = live.tables();
        return live.catalog().captureInstances().stream()
                .filter(i -> tables.stream().anyMatch(t -> t.sameTable(i.table()))).toList();
    }

    static String describe(List<CaptureInstance> instances) {
        return instances.stream().map(i -> i.name() + " (start_lsn " + i.startLsn() + ")")
                .collect(Collectors.joining(", "));
    }
}
