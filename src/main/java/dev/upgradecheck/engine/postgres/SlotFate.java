package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.postgres.PostgresBaseline.SlotRecord;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.engine.postgres.PgCatalog.SlotStats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a baseline slot, with the evidence. A slot with the same name is not the same slot: a recreated
 * slot starts at the current WAL position, so only an unchanged position proves it is the same slot; one that
 * moved forward proves nothing. The slot's statistics (14+) only grow while it lives (peeking counts as
 * decoding, so growth proves no reader), its flags are fixed at creation, and its position does not move
 * without a reader decoding.
 *
 * @param live     the slot now, null when missing
 * @param evidence why this fate: what was compared
 * @param proven   for KEPT: whether the evidence shows it is the same slot (its position is unchanged)
 */
record SlotFate(Kind kind, SlotRecord recorded, Slot live, String evidence, boolean proven) {

    enum Kind { KEPT, RECREATED, BEHIND, MISSING, INVALID }

    /** The baseline slot's stream ended: a slot streams nothing from before its creation. */
    boolean replaced() {
        return kind == Kind.RECREATED || kind == Kind.MISSING || kind == Kind.INVALID;
    }

    static SlotFate of(PgContext c, SlotRecord r) throws Exception {
        Optional<Slot> found = c.catalog().slots().stream().filter(s -> s.name().equals(r.name())).findFirst();
        if (found.isEmpty()) {
            return new SlotFate(Kind.MISSING, r, null, "no slot named " + r.name(), false);
        }
        Slot s = found.get();
        PostgresBaseline b = c.baseline();
        boolean newCluster = BaselineChecks.newCluster(c);
        boolean majorChanged = c.server().major() != b.major();
        if (s.invalid()) {
            return fate(Kind.INVALID, r, s, "invalid now (" + (s.invalidationReason() != null ? s.invalidationReason()
                    : "wal_status " + s.walStatus()) + ")");
        }
        if (!Objects.equals(r.plugin(), s.plugin())) {
            return fate(Kind.RECREATED, r, s, "plugin " + r.plugin() + " -> " + s.plugin());
        }
        if (majorChanged && b.major() < 17) {
            return fate(Kind.RECREATED, r, s, "a major upgrade from " + b.major() + " drops logical slots: this one "
                    + "was created on the new cluster");
        }
        if (newCluster && !majorChanged) {
            return fate(Kind.RECREATED, r, s, "a new cluster of the same major (a restore or dump/restore) has no "
                    + "slot from the old one");
        }
        Optional<String> flags = flagChange(r, s);
        if (flags.isPresent()) {
            return fate(Kind.RECREATED, r, s, flags.get() + " (fixed when a slot is created)");
        }
        if (r.confirmedFlushLsn() != null && s.confirmedFlushLsn() != null
                && s.confirmedFlushLsn().isBefore(r.confirmedFlushLsn())) {
            return newCluster ? fate(Kind.RECREATED, r, s, "confirmed_flush_lsn " + r.confirmedFlushLsn() + " -> "
                    + s.confirmedFlushLsn() + " on a new cluster") : behind(c, r, s);
        }
        SlotStats now = c.catalog().slotStats().get(s.name());
        // pg_upgrade 17+ migrates slots without their statistics: compare with zero there
        SlotStats then = newCluster ? null : r.stats();
        if (then != null && now != null && !now.wentBack(then).isEmpty()) {
            return fate(Kind.RECREATED, r, s, "its statistics restarted (" + String.join(", ", now.wentBack(then))
                    + "): a new slot under the same name, or statistics lost in a crash or reset");
        }
        boolean moved = moved(r.confirmedFlushLsn(), s.confirmedFlushLsn()) || moved(r.restartLsn(), s.restartLsn());
        String positions = "confirmed_flush_lsn " + r.confirmedFlushLsn() + " -> " + s.confirmedFlushLsn()
                + ", restart_lsn " + r.restartLsn() + " -> " + s.restartLsn();
        if (!moved) {
            Optional<String> readSince = readSince(c, r);
            if (readSince.isPresent()) {
                // PostgreSQL lets a reader confirm a position behind the slot's: a slot advanced past unread changes
                // and then resumed by a reader from its older offset comes back to where it was (found by the
                // scenario long run)
                return new SlotFate(Kind.KEPT, r, s, "position unchanged since the baseline (" + positions + "), but "
                        + readSince.get() + ": a slot advanced past changes and then confirmed back by a reader "
                        + "resumed from an older offset looks the same", false);
            }
            // a slot created since would start at a later WAL position: an unchanged one is the same slot
            return new SlotFate(Kind.KEPT, r, s, "position unchanged since the baseline (" + positions + ")", true);
        }
        boolean decoded = now != null && (then == null ? newCluster && (now.totalTxns() > 0 || now.totalBytes() > 0)
                : now.decodedSince(then));
        if (now != null && (then != null || newCluster) && !decoded) {
            return fate(Kind.RECREATED, r, s, positions + " while it decoded nothing (total_txns "
                    + (then == null ? 0 : then.totalTxns()) + " -> " + now.totalTxns() + "): no reader advanced "
                    + "it; a new slot starts at the current position");
        }
        // a reader advanced it, or it was recreated and read (or peeked) since: the server alone cannot tell
        return new SlotFate(Kind.KEPT, r, s, positions + " since the baseline: advanced by a reader, or recreated "
                + "and read since; the server alone cannot tell which", false);
    }

    /**
     * Whether the connector read on since the baseline: its committed offset moved past the one saved then. (The
     * slot's statistics cannot tell: precheck's own peek at the pending changes counts as decoding.) Without the
     * connector's offset now, a slot confirmed back looks unchanged.
     */
    private static Optional<String> readSince(PgContext c, SlotRecord r) {
        Optional<Lsn> before = c.baselineOffset(r.name()).map(DebeziumOffset::latest);
        Optional<Lsn> after = c.liveOffset(r.name()).map(DebeziumOffset::latest);
        if (before.isPresent() && after.isPresent() && after.get().isAfter(before.get())) {
            return Optional.of("the connector committed past its offset at the baseline since (" + before.get()
                    + " -> " + after.get() + ")");
        }
        return Optional.empty();
    }

    private static SlotFate fate(Kind kind, SlotRecord r, Slot s, String evidence) {
        return new SlotFate(kind, r, s, evidence, false);
    }

    private static boolean moved(Lsn before, Lsn now) {
        return before != null && now != null && now.isAfter(before);
    }

    private static Optional<String> flagChange(SlotRecord r, Slot s) {
        List<String> changed = new java.util.ArrayList<>();
        if (r.twoPhase() != null && s.twoPhase() != null && !r.twoPhase().equals(s.twoPhase())) {
            changed.add("two_phase " + r.twoPhase() + " -> " + s.twoPhase());
        }
        if (r.failover() != null && s.failover() != null && !r.failover().equals(s.failover())) {
            changed.add("failover " + r.failover() + " -> " + s.failover());
        }
        return changed.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", changed));
    }

    /**
     * Same cluster, position went backwards. The source lost history (another timeline, a promoted standby's synced
     * slot, or its WAL position behind the baseline's: an older copy restored): BEHIND. Otherwise only the slot went
     * back to a saved state, and the reader gets changes again from there: a duplicate, not a gap. That is proven
     * for a clean restart (see {@link #cleanRestart}); after a crash, a copy restored and written past the
     * baseline's WAL position since looks the same, so it is not proven.
     */
    private static SlotFate behind(PgContext c, SlotRecord r, Slot s) throws Exception {
        String positions = "confirmed_flush_lsn " + r.confirmedFlushLsn() + " -> " + s.confirmedFlushLsn();
        PostgresBaseline b = c.baseline();
        PgCatalog.Identity now = c.catalog().identity();
        if (Boolean.TRUE.equals(s.synced())) {
            return fate(Kind.BEHIND, r, s, positions + ": a synced failover slot on a promoted standby, behind its "
                    + "primary's when the primary was lost; the reader will get changes again from the older position");
        }
        if (b.timeline() != null && now.timeline() != null && !b.timeline().equals(now.timeline())) {
            return fate(Kind.BEHIND, r, s, positions + ", timeline " + b.timeline() + " -> " + now.timeline()
                    + ": the cluster was restored to an earlier point or a standby was promoted; changes after its "
                    + "position may no longer exist on the source");
        }
        if (b.walLsn() == null || now.walLsn() == null || now.walLsn().isBefore(b.walLsn())) {
            return fate(Kind.BEHIND, r, s, positions + (now.timeline() == null ? "" : " on the same timeline "
                    + now.timeline()) + ", WAL position " + b.walLsn() + " -> " + now.walLsn()
                    + ": a copy of the data directory from before the baseline was restored (or the baseline's WAL "
                    + "position is unknown); changes after it may no longer exist on the source");
        }
        String back = positions + " on the same timeline, with the WAL carried on since the baseline ("
                + b.walLsn() + " -> " + now.walLsn() + "): the slot went back to its last saved position, so the "
                + "reader gets changes again from there";
        Optional<String> restart = cleanRestart(c, r, s);
        if (restart.isEmpty()) {
            return fate(Kind.KEPT, r, s, back + ", but not after a clean restart since the baseline (none "
                    + "recorded, or the slot's statistics lost as in a crash, or its restart_lsn past the baseline's): "
                    + "a copy of the data directory restored from before the baseline and written past its WAL "
                    + "position since, or a slot advanced and confirmed back by a reader, looks the same");
        }
        Optional<String> read = readSince(c, r);
        return read.map(x -> fate(Kind.KEPT, r, s, back + ", after " + restart.get() + "; but " + x + ": a slot "
                        + "advanced past changes and then confirmed back by a reader looks the same"))
                .orElseGet(() -> new SlotFate(Kind.KEPT, r, s, back + ", after " + restart.get(), true));
    }

    /**
     * A clean restart since the baseline that can explain a slot gone back: before 17, a clean shutdown does not
     * save a logical slot's confirmed position unless its other fields changed; its statistics survive a clean
     * shutdown (a crash discards them); and the slot's restart_lsn is not past the baseline's (the whole slot went
     * back to a saved state, not only its confirmed position, as a reader confirming an older offset does).
     */
    private static Optional<String> cleanRestart(PgContext c, SlotRecord r, Slot s) throws Exception {
        Instant then = c.baseline().startedAt();
        Instant now = c.catalog().identity().startedAt();
        SlotStats statsThen = r.stats();
        SlotStats statsNow = c.catalog().slotStats().get(s.name());
        boolean savedState = r.restartLsn() != null && s.restartLsn() != null
                && !s.restartLsn().isAfter(r.restartLsn());
        if (c.server().major() >= 17 || then == null || now == null || then.equals(now) || statsThen == null
                || statsNow == null || !statsNow.wentBack(statsThen).isEmpty() || !savedState) {
            return Optional.empty();
        }
        return Optional.of("a clean restart (the server started at " + now + ", at " + then + " before; the slot's "
                + "statistics survived, which a crash does not leave them; before 17 a clean shutdown may not save "
                + "its last confirmed position)");
    }
}
