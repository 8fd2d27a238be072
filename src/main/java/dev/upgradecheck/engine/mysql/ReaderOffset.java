package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.Optional;

/**
 * The committed offset of a Debezium MySQL or MariaDB connector: where it resumes. Debezium records the place
 * BEFORE the transaction it was in: {@code file}/{@code pos} is the start of that transaction (with {@code event}
 * and {@code row} to skip inside it) and {@code gtids} the set completed before it. So the binlog must still hold
 * that transaction, not only what follows it.
 *
 * @param gtids     MySQL GTID set or MariaDB GTID position (domain-server-sequence); null for GTID-less readers
 * @param serverId  the server_id of the server the last event came from
 */
record ReaderOffset(String file, Long position, String gtids, String serverId, long event, long row,
                    boolean inSnapshot) {

    /** The first offset of the view that carries a binlog position; empty when the connector committed none. */
    static Optional<ReaderOffset> of(PipelineView view) {
        if (view == null) {
            return Optional.empty();
        }
        return view.offsets().stream()
                .filter(o -> o.text("file").isPresent() || o.text("gtids").isPresent())
                .findFirst().map(ReaderOffset::of);
    }

    static ReaderOffset of(ConnectorOffset o) {
        return new ReaderOffset(o.text("file").orElse(null), o.number("pos").orElse(null),
                o.text("gtids").filter(g -> !g.isBlank()).orElse(null), o.text("server_id").orElse(null),
                o.number("event").orElse(0L), o.number("row").orElse(0L), o.inSnapshot());
    }

    boolean hasFilePosition() {
        return file != null && position != null;
    }

    /** Inside its last transaction: events of it were already delivered and are skipped on resume. */
    boolean midTransaction() {
        return event > 0 || row > 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("connector offset");
        if (hasFilePosition()) {
            s.append(' ').append(file).append(':').append(position);
        }
        if (gtids != null) {
            s.append(" gtids ").append(gtids);
        }
        if (midTransaction()) {
            s.append(" (event ").append(event).append(", row ").append(row).append(" of its last transaction)");
        }
        return s.toString();
    }
}
