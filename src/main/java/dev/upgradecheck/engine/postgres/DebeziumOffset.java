package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A Debezium PostgreSQL connector's committed offset: partition {@code {"server": <topic.prefix>}}, offset
 * fields {@code lsn} (last event processed), {@code lsn_commit} (commit of the last transaction completed),
 * {@code lsn_proc}, {@code txId}, {@code ts_usec}; LSNs as 64-bit integers.
 *
 * @param resume the position the connector resumes from: lsn_commit when present, else lsn (the lower bound of
 *               what it has fully processed)
 * @param latest the farthest position it processed (the larger of the two)
 * @param committedAt {@code ts_usec}: the commit time of the transaction of its last change (while streaming), or
 *                    null when the offset has none
 */
record DebeziumOffset(Lsn resume, Lsn latest, Long txId, boolean inSnapshot, Instant committedAt) {

    static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";

    /** The offset of this connector's source partition, if it committed one. */
    static Optional<DebeziumOffset> of(PipelineView view) {
        String prefix = view.config().get("topic.prefix");
        return view.offsets().stream()
                .filter(o -> prefix == null || prefix.equals(String.valueOf(o.partition().get("server"))))
                .map(DebeziumOffset::parse).flatMap(Optional::stream).findFirst();
    }

    private static Optional<DebeziumOffset> parse(ConnectorOffset o) {
        Optional<Long> lsn = o.number("lsn");
        Optional<Long> commit = o.number("lsn_commit");
        if (lsn.isEmpty() && commit.isEmpty()) {
            return Optional.empty();
        }
        Lsn resume = new Lsn(commit.orElseGet(lsn::get));
        Lsn last = new Lsn(lsn.orElseGet(commit::get));
        return Optional.of(new DebeziumOffset(resume, resume.isAfter(last) ? resume : last,
                o.number("txId").orElse(null), o.inSnapshot(),
                o.number("ts_usec").map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS)).orElse(null)));
    }

    /** The slot the connector reads, from its configuration (Debezium's default is "debezium"). */
    static String slotName(PipelineView view) {
        return view.config().getOrDefault("slot.name", "debezium");
    }
}
