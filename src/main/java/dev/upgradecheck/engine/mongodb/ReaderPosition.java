package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.Optional;

/**
 * The Debezium MongoDB connector's committed position: the cluster time of the last event it emitted, {@code sec}
 * and {@code ord} (an oplog timestamp), and the change stream's {@code resume_token} (its {@code _data}, whose first
 * byte 0x82 is followed by that same timestamp, big-endian). The connector keeps one source partition per replica set.
 *
 * @param source where the offset was read: the live connector, or the baseline's record of it
 */
record ReaderPosition(OplogTime time, String resumeToken, String source) {

    static Optional<ReaderPosition> of(PipelineView view, String source) {
        if (view.offsets().size() != 1) {
            return Optional.empty();
        }
        ConnectorOffset offset = view.offsets().get(0);
        String token = offset.text("resume_token").orElse(null);
        Optional<OplogTime> time = offset.number("sec").map(sec -> new OplogTime(sec, offset.number("ord").orElse(0L)));
        return time.or(() -> Optional.ofNullable(token).flatMap(ReaderPosition::tokenTime))
                .map(t -> new ReaderPosition(t, token, source));
    }

    /** The cluster time inside a resume token's {@code _data}: "82", then 8 hex digits of seconds and 8 of increment. */
    static Optional<OplogTime> tokenTime(String data) {
        if (data.length() < 18 || !data.regionMatches(true, 0, "82", 0, 2)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OplogTime(Long.parseLong(data.substring(2, 10), 16),
                    Long.parseLong(data.substring(10, 18), 16)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "position " + time + " (" + source + ")";
    }
}
