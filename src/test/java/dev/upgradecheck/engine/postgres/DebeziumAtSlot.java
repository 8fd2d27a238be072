package dev.upgradecheck.engine.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Debezium PostgreSQL connector's view in the documented shape (as Kafka Connect returns it), with its committed
 * offset at a slot's confirmed position: a drained reader. {@link #intoBaseline} adds it to a saved baseline, as
 * {@code precheck --save-baseline --connect-url} does, for tests whose point is the slot, not the connector.
 */
final class DebeziumAtSlot {

    private DebeziumAtSlot() {
    }

    static long confirmedFlush(String url, String slot) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement(
                     "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return Lsn.parse(r.getString(1)).value();
            }
        }
    }

    static PipelineView view(String db, String slot, long lsn) {
        return view(db, slot, lsn, Map.of());
    }

    /** The same with more connector configuration ({@code table.include.list}...). */
    static PipelineView view(String db, String slot, long lsn, Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("database.dbname", db, "slot.name", slot,
                "plugin.name", "pgoutput", "publication.name", db + "_pub", "topic.prefix", "shop"));
        config.putAll(more);
        ConnectorOffset offset = new ConnectorOffset(Map.of("server", "shop"),
                Map.of("lsn", lsn, "lsn_commit", lsn, "txId", 750, "ts_usec", 1_700_000_000_000_000L));
        return new PipelineView("shop-cdc", DebeziumOffset.CONNECTOR_CLASS, "RUNNING", List.of("RUNNING"), config,
                List.of(offset), null, Instant.now());
    }

    /** The baseline file with the connector's view at the slot's current confirmed position added. */
    static void intoBaseline(Path baseline, String url, String db, String slot) {
        try {
            ObjectNode json = (ObjectNode) Json.mapper().readTree(baseline.toFile());
            json.set("pipeline", Json.mapper().valueToTree(view(db, slot, confirmedFlush(url, slot))));
            Files.writeString(baseline, Json.mapper().writeValueAsString(json));
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the connector to baseline " + baseline + ": " + e, e);
        }
    }
}
