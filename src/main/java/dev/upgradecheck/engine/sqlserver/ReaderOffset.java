package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.List;
import java.util.Optional;

/**
 * The Debezium SQL Server connector's committed position in one database: {@code commit_lsn} (the last transaction
 * it finished; it resumes after it) and {@code change_lsn}, written {@code 0000002a:000001f0:0003}. Its source
 * partition is {@code {"server": <topic.prefix>, "database": <name>}} (one per database since Debezium 2.0).
 *
 * @param source where the offset was read: the live connector, or the baseline's record of it
 */
record ReaderOffset(Lsn commitLsn, Lsn changeLsn, boolean inSnapshot, String source) {

    /** This database's offset; empty when the connector has none for it or it does not parse as LSNs. */
    static Optional<ReaderOffset> of(PipelineView view, String database, String source) {
        List<ConnectorOffset> mine = view.offsets().stream()
                .filter(o -> database.equalsIgnoreCase(String.valueOf(o.partition().get("database"))))
                .toList();
        if (mine.isEmpty() && view.offsets().size() == 1 && !view.offsets().get(0).partition().containsKey("database")) {
            mine = view.offsets(); // Debezium 1.x: one database, no database in the partition
        }
        if (mine.size() != 1) {
            return Optional.empty();
        }
        ConnectorOffset offset = mine.get(0);
        Optional<Lsn> commit = offset.text("commit_lsn").flatMap(ReaderOffset::lsn);
        return commit.map(c -> new ReaderOffset(c, offset.text("change_lsn").flatMap(ReaderOffset::lsn).orElse(null),
                offset.inSnapshot(), source));
    }

    private static Optional<Lsn> lsn(String debezium) {
        try {
            return Optional.of(Lsn.parse(debezium.replace(":", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The capture instances whose change data starts after this offset: changes the reader needs may be gone. */
    List<CaptureInstance> cleanedPast(List<CaptureInstance> instances) {
        return instances.stream().filter(i -> i.startLsn() != null && i.startLsn().isAfter(commitLsn)).toList();
    }

    @Override
    public String toString() {
        return "commit_lsn " + commitLsn + " (" + source + ")";
    }
}
