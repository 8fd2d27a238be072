package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.value.DataSize;
import dev.upgradecheck.value.Version;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What every PostgreSQL check sees: the server, its catalog reads, the user's options and (for verify)
 * the baseline. Which slots and publications are "ours": the ones named on the command line, else the
 * ones the baseline recorded, else every logical slot of this database and every publication (publications
 * live in one database; a slot of another database belongs to another pipeline). {@code baselineReader} is the
 * connector's view saved with the baseline (null without one), {@code liveReader} the connector read now with
 * --connect-url or --debezium-config (null without).
 */
record PgContext(PgServer server, PgCatalog catalog, TargetOptions options, PostgresBaseline baseline,
                 PipelineView baselineReader, PipelineView liveReader) {

    /** Lag above which a slot FAILs when --max-lag is not given: enough to notice a stalled reader. */
    static final DataSize DEFAULT_MAX_LAG = DataSize.parse("1GB");

    List<String> wantedSlots() {
        if (!options.get(PgOptions.SLOT).isEmpty()) {
            return options.get(PgOptions.SLOT);
        }
        return baseline == null ? List.of() : baseline.slots().stream().map(PostgresBaseline.SlotRecord::name).toList();
    }

    List<String> wantedPublications() {
        if (!options.get(PgOptions.PUBLICATION).isEmpty()) {
            return options.get(PgOptions.PUBLICATION);
        }
        return baseline == null ? List.of()
                : baseline.publications().stream().map(PostgresBaseline.PublicationRecord::name).toList();
    }

    /** Our logical slots that exist. */
    List<Slot> slots() throws Exception {
        List<String> wanted = wantedSlots();
        return catalog.slots().stream()
                .filter(s -> wanted.isEmpty()
                        ? s.logical() && server.database().equals(s.database())
                        : wanted.contains(s.name()))
                .toList();
    }

    List<String> missingSlots() throws Exception {
        List<String> present = catalog.slots().stream().map(Slot::name).toList();
        return wantedSlots().stream().filter(n -> !present.contains(n)).toList();
    }

    /** Our publications that exist. */
    List<Publication> publications() throws Exception {
        List<String> wanted = wantedPublications();
        return catalog.publications().stream()
                .filter(p -> wanted.isEmpty() || wanted.contains(p.name()))
                .toList();
    }

    List<String> missingPublications() throws Exception {
        List<String> present = catalog.publications().stream().map(Publication::name).toList();
        return wantedPublications().stream().filter(n -> !present.contains(n)).toList();
    }

    Optional<Publication> publication(String name) throws Exception {
        return catalog.publications().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The connector's committed offset at the baseline, for the given slot, when the baseline recorded one. */
    Optional<DebeziumOffset> baselineOffset(String slot) {
        return Optional.ofNullable(baselineReader).filter(v -> DebeziumOffset.slotName(v).equals(slot))
                .flatMap(DebeziumOffset::of);
    }

    /** The connector's committed offset now, for the given slot, when the connector was given. */
    Optional<DebeziumOffset> liveOffset(String slot) {
        return Optional.ofNullable(liveReader).filter(v -> DebeziumOffset.slotName(v).equals(slot))
                .flatMap(DebeziumOffset::of);
    }

    /** The connector's committed offset for the slot: given now, else saved with the baseline. */
    Optional<DebeziumOffset> readerOffset(String slot) {
        return liveOffset(slot).or(() -> baselineOffset(slot));
    }

    /**
     * On the same cluster, what shows that something may have been written since the baseline: transaction ids
     * assigned since (every write assigns one, statistics counters lag and reset), or no next transaction id in the
     * baseline to compare with. Empty when the next one is still the baseline's: nothing was written.
     */
    Optional<String> transactionsSinceBaseline() throws Exception {
        Long then = baseline.nextXid();
        Long now = catalog.identity().nextXid();
        if (then == null) {
            return Optional.of("the baseline has no next transaction id (saved by an older upgrade-check) to show "
                    + "that nothing was written since");
        }
        return then.equals(now) ? Optional.empty() : Optional.of("transactions ran on the cluster since the baseline "
                + "(transaction ids were assigned: next " + then + " -> " + now + ")");
    }

    /**
     * Why the reader did not have everything up to where its slot stood at the baseline: a committed offset (saved
     * with the baseline, or given now) before the slot's confirmed position then. The slot streams only what follows
     * that position, so the changes between were skipped (the slot advanced, or recreated, past the reader) unless
     * none was written; a quiet or kept slot proves nothing for them. Empty when no offset is known or none is behind.
     */
    Optional<String> readerBehindBaselineSlot(PostgresBaseline.SlotRecord slot) {
        Lsn position = slot.confirmedFlushLsn();
        if (position == null) {
            return Optional.empty();
        }
        return Stream.of(baselineOffset(slot.name()), liveOffset(slot.name()))
                .flatMap(Optional::stream).map(DebeziumOffset::resume).filter(lsn -> lsn.isBefore(position))
                .findFirst().map(lsn -> "the connector's committed LSN " + lsn + " is before slot " + slot.name()
                        + "'s confirmed position at the baseline " + position + ": the changes between were never "
                        + "streamed to it (the slot was advanced or recreated past the reader) unless none was written");
    }

    /**
     * Why the connector's committed offset cannot be this cluster's: an LSN past the server's WAL position read after
     * it (now; for the offset saved with the baseline, also the baseline's own). One cluster's WAL only grows, and
     * pg_upgrade starts the new cluster's past the old one's, so such an offset was committed against another
     * cluster's WAL (a dump restored into a new cluster, a rebuilt one). The server streams only what commits after
     * the requested LSN: a connector resumed from it skips every change until the WAL reaches it, whatever the slot
     * shows. Empty when no offset is known or each is within the WAL.
     */
    Optional<String> readerFromAnotherCluster(String slot) throws Exception {
        Lsn now = catalog.identity().walLsn();
        Lsn then = baseline == null ? null : baseline.walLsn();
        Optional<String> live = liveOffset(slot).map(DebeziumOffset::latest)
                .filter(lsn -> now != null && now.isBefore(lsn)).map(lsn -> lsn + " now, with the WAL at " + now);
        Optional<String> saved = baselineOffset(slot).map(DebeziumOffset::latest).flatMap(lsn -> {
            if (then != null && then.isBefore(lsn)) {
                return Optional.of(lsn + " at the baseline, with the WAL then at " + then);
            }
            return now != null && now.isBefore(lsn) ? Optional.of(lsn + " at the baseline, with the WAL now at " + now)
                    : Optional.empty();
        });
        return live.or(() -> saved).map(seen -> "the connector's committed LSN is past everything this cluster has "
                + "written (" + seen + "): the offset was committed against another cluster's WAL (a dump and "
                + "restore, a rebuilt cluster), and a connector resumed from it skips every change until the WAL "
                + "reaches it. Snapshot, with the connector's offsets reset (or a new connector name)");
    }

    /**
     * Said when a slot proves continuity from the baseline on but nothing shows where the reader was: changes it
     * never got before the baseline (taken again after an upgrade, or while it had never run) look the same.
     */
    static String readerUnknown(String slot) {
        return "nothing shows where the reader of slot " + slot + " was at the baseline: no committed offset of the "
                + "connector was saved with the baseline or given now, and changes it never got before the baseline "
                + "(a baseline taken again after a slot was lost, a reader that never committed) look the same. Give "
                + "--connect-url (or --debezium-config), or save the baseline with it";
    }

    String expectedPlugin() {
        return options.get(PgOptions.PLUGIN) == null ? "pgoutput" : options.get(PgOptions.PLUGIN);
    }

    DataSize maxLag() {
        return options.maxLag() == null ? DEFAULT_MAX_LAG : options.maxLag();
    }

    String cdcRole() {
        return options.cdcUser() == null ? server.user() : options.cdcUser();
    }

    Optional<Version> targetVersion() {
        return Optional.ofNullable(options.targetVersion()).map(Version::parse);
    }
}
