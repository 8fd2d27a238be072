package dev.upgradecheck.pipeline;

import java.util.Map;
import java.util.Optional;

/**
 * One committed source offset of a connector, as Kafka Connect's {@code GET /connectors/{name}/offsets}
 * returns it (KIP-875): the source partition it belongs to and the position the connector resumes from.
 * Engine-agnostic: each engine reads its own fields (PostgreSQL {@code lsn}, MySQL {@code file}/{@code pos}...).
 */
public record ConnectorOffset(Map<String, Object> partition, Map<String, Object> offset) {

    public ConnectorOffset {
        partition = partition == null ? Map.of() : Map.copyOf(partition);
        offset = offset == null ? Map.of() : Map.copyOf(offset);
    }

    /** A numeric offset field (JSON numbers and numeric strings both occur). */
    public Optional<Long> number(String field) {
        Object v = offset.get(field);
        if (v instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A text offset field. */
    public Optional<String> text(String field) {
        Object v = offset.get(field);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** Whether the connector was still in its initial snapshot when this offset was committed. */
    public boolean inSnapshot() {
        Object snapshot = offset.get("snapshot");
        boolean started = snapshot != null && !"false".equalsIgnoreCase(String.valueOf(snapshot));
        return started && !"true".equalsIgnoreCase(String.valueOf(offset.get("snapshot_completed")));
    }
}
