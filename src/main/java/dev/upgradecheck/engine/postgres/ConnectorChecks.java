package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.pipeline.PipelineView;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Debezium PostgreSQL connector seen from its source: its configuration points at this database, slot and
 * publication, and its committed offset can resume from the slot without a gap. The server streams from the
 * slot's confirmed position on, so an offset before it skips what lies between; before restart_lsn the WAL
 * is not even kept.
 */
final class ConnectorChecks {

    /** What the checks see: the source and the connector's view. */
    record Target(PgContext source, PipelineView view) {
    }

    static final Check<Target> CONFIG = Check.of("connect.config", "Connector reads this database, slot and publication",
            ConnectorChecks::config);
    static final Check<Target> OFFSET = Check.of("connect.offset", "Connector offset can resume from the slot",
            ConnectorChecks::offset);

    static final List<Check<Target>> ALL = List.of(CONFIG, OFFSET);

    private ConnectorChecks() {
    }

    static Outcome config(Target t) throws Exception {
        PipelineView v = t.view();
        PgContext c = t.source();
        if (!DebeziumOffset.CONNECTOR_CLASS.equals(v.connectorClass())) {
            return Outcome.fail(v.connector() + ": " + v.connectorClass(), DebeziumOffset.CONNECTOR_CLASS,
                    "not a Debezium PostgreSQL connector: its offsets mean nothing to this source", "give --connector "
                            + "the name of the connector that reads this database");
        }
        Findings f = new Findings();
        String db = v.config().get("database.dbname");
        if (c.server().database().equals(db)) {
            f.pass("database.dbname " + db);
        } else {
            f.fail("database.dbname " + db + ", connected to " + c.server().database(), "connect --url to database "
                    + db + ", or give --connector the connector of " + c.server().database());
        }
        String slotName = DebeziumOffset.slotName(v);
        Optional<Slot> slot = c.catalog().slots().stream().filter(s -> s.name().equals(slotName)).findFirst();
        if (slot.isEmpty()) {
            f.fail("slot.name " + slotName + ": no such slot here", "see connect.offset and snapshot-advice before "
                    + "creating it: a new slot streams only what comes after its creation");
        } else {
            String plugin = v.config().getOrDefault("plugin.name", "decoderbufs");
            if (plugin.equals(slot.get().plugin())) {
                f.pass("slot.name " + slotName + " (" + plugin + ")");
            } else {
                f.fail("plugin.name " + plugin + ", slot " + slotName + " uses " + slot.get().plugin(),
                        "set plugin.name to " + slot.get().plugin());
            }
        }
        if ("pgoutput".equals(v.config().get("plugin.name"))) {
            String pub = UnpublishedCapture.publicationName(v);
            if (c.publication(pub).isPresent()) {
                f.pass("publication.name " + pub);
            } else {
                f.fail("publication.name " + pub + ": no such publication", "CREATE PUBLICATION " + PgQuoting.ident(pub)
                        + " ... (or let the connector create it: publication.autocreate.mode)");
            }
            List<PgCatalog.Table> unpublished = UnpublishedCapture.of(c, v);
            if (!unpublished.isEmpty()) {
                f.fail("captured by the connector's include lists but not published in " + pub + ": "
                        + unpublished.stream().map(PgCatalog.Table::toString).collect(Collectors.joining(", ")),
                        "ALTER PUBLICATION " + PgQuoting.ident(pub) + " ADD TABLE " + unpublished.stream()
                                .map(PgCatalog.Table::quoted).collect(Collectors.joining(", "))
                                + "; then snapshot-advice names what to re-snapshot");
            }
        }
        return f.outcome("the connector's database, slot, plugin and publication exist here");
    }

    /**
     * With a baseline (verify): the offset is before a slot that replaced the baseline's (a major upgrade from
     * before 17 drops slots) and the baseline proves the gap empty. Debezium refuses such an offset ("... no
     * longer available on the server") although nothing was lost; the resume needs trust_slot, not a snapshot.
     */
    private static Optional<String> replacedWithoutLoss(PgContext c, Slot s, Lsn resume) throws Exception {
        if (c.baseline() == null || !resume.isBefore(s.confirmedFlushLsn())) {
            return Optional.empty();
        }
        Optional<PostgresBaseline.SlotRecord> recorded = c.baseline().slots().stream()
                .filter(r -> r.name().equals(s.name())).findFirst();
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        SlotFate fate = SlotFate.of(c, recorded.get());
        // the baseline proves the gap empty only from where the slot stood then: an offset short of that skipped more
        if (!fate.replaced() || BaselineChecks.firstLoss(c, fate).isPresent()
                || c.readerBehindBaselineSlot(recorded.get()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the slot was recreated after the committed offset (" + fate.evidence() + ") and the "
                + "baseline proves nothing lost in between (see pg.verify.slots), but Debezium refuses an offset "
                + "before its slot");
    }

    static Outcome offset(Target t) throws Exception {
        PipelineView v = t.view();
        if (!v.offsetsKnown()) {
            return Outcome.error("the connector's offsets could not be read: " + v.offsetsUnavailable(),
                    "GET /connectors/" + v.connector() + "/offsets needs Kafka Connect 3.5+");
        }
        Optional<DebeziumOffset> offset = DebeziumOffset.of(v);
        if (offset.isEmpty()) {
            return Outcome.warn("no committed LSN offset", "a committed offset", "the connector has not committed "
                    + "a position for this source: on start it snapshots as its snapshot.mode says", null);
        }
        String slotName = DebeziumOffset.slotName(v);
        Optional<Slot> slot = t.source().catalog().slots().stream().filter(s -> s.name().equals(slotName)).findFirst();
        Lsn resume = offset.get().resume();
        if (slot.isEmpty() || slot.get().confirmedFlushLsn() == null) {
            return Outcome.fail("committed LSN " + resume + "; slot " + slotName + " missing", "the slot the offset "
                    + "belongs to", "the connector cannot resume: a new slot starts at its creation",
                    "upgrade-check snapshot-advice --baseline FILE --connect-url URL says which tables to re-snapshot");
        }
        Slot s = slot.get();
        String seen = "committed LSN " + resume + "; slot " + s.name() + " restart_lsn " + s.restartLsn()
                + ", confirmed_flush_lsn " + s.confirmedFlushLsn() + "; WAL at " + s.currentLsn();
        Optional<String> foreign = t.source().readerFromAnotherCluster(slotName);
        if (foreign.isPresent()) {
            return Outcome.fail(seen, "committed LSN <= the WAL position", foreign.get(),
                    "upgrade-check snapshot-advice says which tables to re-snapshot");
        }
        Optional<String> replacedWithoutLoss = replacedWithoutLoss(t.source(), s, resume);
        if (replacedWithoutLoss.isPresent()) {
            return Outcome.warn(seen, "committed LSN >= confirmed_flush_lsn", replacedWithoutLoss.get(),
                    "resume the connector with offset.mismatch.strategy=trust_slot (Debezium 3.4+)");
        }
        if (s.restartLsn() != null && resume.isBefore(s.restartLsn())) {
            return Outcome.fail(seen, "committed LSN >= restart_lsn", "gap: the WAL between the committed offset and "
                    + "the slot's restart_lsn is no longer kept for it", "upgrade-check snapshot-advice says which "
                    + "tables to re-snapshot");
        }
        if (resume.isBefore(s.confirmedFlushLsn())) {
            return Outcome.fail(seen, "committed LSN >= confirmed_flush_lsn", "the server streams from the slot's "
                    + "confirmed position: the " + Bytes.show(s.confirmedFlushLsn().minus(resume)) + " of WAL between "
                    + "are skipped (a slot recreated after the offset, or an offset restored from an older backup)",
                    "upgrade-check snapshot-advice --baseline FILE says whether anything was lost there");
        }
        return Outcome.pass(seen + (offset.get().inSnapshot() ? " (committed during the initial snapshot)" : "")
                + "; " + Bytes.show(Math.max(0, s.currentLsn().minus(offset.get().latest()))) + " behind");
    }
}
