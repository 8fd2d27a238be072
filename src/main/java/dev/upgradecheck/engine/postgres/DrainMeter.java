package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.List;
import java.util.Optional;

/**
 * For {@code drain}: drained means no decodable change for the published tables is pending, not "lag 0" (a quiet
 * database leaves an idle reader a few hundred bytes of WAL behind for ever). From the connector's committed LSN
 * when a view is given, else from the slot's confirmed position (weaker: not the position the connector resumes
 * from). Pending changes are counted by peeking an inactive slot.
 */
final class DrainMeter {

    static final String CONNECTOR_BASIS = "the connector's committed offset (lsn) against the current WAL position";
    static final String SERVER_BASIS = "server-side, weaker: the slot's confirmed_flush_lsn, not the connector's "
            + "committed offset (give --connect-url or --debezium-config)";

    private DrainMeter() {
    }

    static DrainStatus measure(PgContext c, Optional<PipelineView> view) throws Exception {
        List<Slot> slots = view.isPresent()
                ? c.catalog().slots().stream().filter(s -> s.name().equals(DebeziumOffset.slotName(view.get()))).toList()
                : c.slots().stream().filter(Slot::logical).toList();
        if (slots.isEmpty()) {
            return DrainStatus.unknown("no logical slot to measure" + view.map(v -> " (slot.name "
                    + DebeziumOffset.slotName(v) + " does not exist)").orElse(""));
        }
        Slot slot = slots.get(0);
        if (slot.confirmedFlushLsn() == null) {
            return DrainStatus.unknown("slot " + slot.name() + " has no confirmed position yet");
        }
        Lsn head = slot.currentLsn();
        Lsn reader = slot.confirmedFlushLsn();
        String basis = SERVER_BASIS;
        if (view.isPresent()) {
            Optional<DebeziumOffset> offset = DebeziumOffset.of(view.get());
            if (offset.isEmpty()) {
                return DrainStatus.unknown("the connector has no committed LSN offset"
                        + (view.get().offsetsKnown() ? "" : " (" + view.get().offsetsUnavailable() + ")"));
            }
            reader = offset.get().latest();
            basis = CONNECTOR_BASIS;
            if (offset.get().resume().isBefore(slot.confirmedFlushLsn())) {
                return new DrainStatus(false, reader.toString(), head.toString(), "the committed LSN is before the "
                        + "slot's confirmed position " + slot.confirmedFlushLsn() + ": not the slot's reader, or a gap",
                        basis);
            }
        }
        long bytes = Math.max(0, head.minus(reader));
        if (bytes == 0) {
            return new DrainStatus(true, reader.toString(), head.toString(), "0 bytes", basis);
        }
        List<String> pubs = c.publications().stream().map(Publication::name).toList();
        // the connector skips every change up to its committed LSN on restart, the last transaction's included
        Optional<PgCatalog.Pending> pending = c.catalog().pendingChanges(slot, pubs, view.isPresent() ? reader : null);
        if (pending.isEmpty()) {
            return new DrainStatus(false, reader.toString(), head.toString(), Bytes.show(bytes) + " of WAL; whether "
                    + "it holds a change for the published tables cannot be counted while the slot is in use (the "
                    + "connector's heartbeat.interval.ms moves its position past WAL without changes)", basis);
        }
        long changes = pending.get().total();
        // the peek reads from the slot's confirmed position: it proves the connector drained only when its
        // committed LSN is not behind that position (checked above)
        return new DrainStatus(changes == 0, reader.toString(), head.toString(), Bytes.show(bytes) + " of WAL, "
                + changes + " decodable change(s) for the published tables pending (peeked)" + (view.isPresent() ? ""
                : "; a reader that confirms positions inside its last transaction (Debezium) shows that transaction "
                + "here until it writes again: give --connect-url (or --debezium-config) to count from its committed offset"), basis);
    }
}
