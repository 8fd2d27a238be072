package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.engine.postgres.PostgresBaseline.SlotRecord;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.Version;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The snapshot rules, under the evidence rule: NOT_NEEDED only with positive evidence of continuity. Evidence,
 * strongest first: the connector's committed LSN at or past the position of a slot proven to be the same slot;
 * a baseline slot proven kept (same cluster or a 17+ migration, statistics continuous); for a replaced slot, the
 * {@link QuietWindow} proof that nothing was lost. A table (re-)added to a listed publication: REQUIRED for it.
 */
final class PgSnapshotRules {

    private PgSnapshotRules() {
    }

    static SnapshotAdvice live(PgContext c, Optional<PipelineView> reader) throws Exception {
        return c.baseline() == null ? withoutBaseline(c, reader) : withBaseline(c, reader);
    }

    /** Without a baseline only the present can be judged; only the connector's own offset can prove continuity. */
    private static SnapshotAdvice withoutBaseline(PgContext c, Optional<PipelineView> reader) throws Exception {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        List<Slot> slots = c.slots().stream().filter(Slot::logical).toList();
        Set<String> tables = publishedTables(c);
        if (!"logical".equals(c.catalog().setting("wal_level").orElse(""))) {
            tables.forEach(t -> advice.table(t, Verdict.REQUIRED, "wal_level is not logical: no change is decoded"));
            advice.overall(Verdict.REQUIRED, "wal_level is not logical");
        } else if (slots.isEmpty() || !c.missingSlots().isEmpty()) {
            tables.forEach(t -> advice.table(t, Verdict.REQUIRED,
                    "no slot keeps this table's changes; a new slot streams only what happens after its creation"));
            advice.overall(Verdict.REQUIRED, "no logical slot (or a named slot is missing)");
        } else if (slots.stream().anyMatch(Slot::invalid)) {
            tables.forEach(t -> advice.table(t, Verdict.REQUIRED, "a slot is invalid: the WAL it needed is gone"));
            advice.overall(Verdict.REQUIRED, "a slot is invalid");
        } else if (!foreignOffset(c, reader.map(DebeziumOffset::slotName).stream().toList(), advice, tables)) {
            connectorEvidence(c, reader, advice, slots, false, tables);
            advice.missingEvidence("without a baseline nothing shows the slot lived through the window: a slot "
                    + "dropped and recreated while the connector was away, then read by it, looks intact and sits "
                    + "behind the connector's offset, while the changes between were never streamed. Give --baseline "
                    + "(precheck --save-baseline --connect-url before the upgrade)");
        }
        unpublishedCaptures(c, reader, advice);
        tables.forEach(t -> advice.tableUnaffected(t, "slot present, valid, wal_level logical"));
        return advice.build();
    }

    /**
     * The connector's committed LSN at or past the slot's confirmed position: the slot streams every change after
     * it, which proves continuity only when the slot is known to be the one the connector read before the window
     * ({@code proves}: a baseline ties them). Below the slot's start: the changes between were never read.
     */
    private static void connectorEvidence(PgContext c, Optional<PipelineView> reader, SnapshotAdvice.Builder advice,
                                          List<Slot> slots, boolean proves, Set<String> tables) {
        if (reader.isEmpty()) {
            return;
        }
        Optional<DebeziumOffset> offset = DebeziumOffset.of(reader.get());
        Optional<Slot> slot = slots.stream().filter(s -> s.name().equals(DebeziumOffset.slotName(reader.get())))
                .findFirst();
        if (offset.isEmpty() || slot.isEmpty() || slot.get().confirmedFlushLsn() == null) {
            advice.missingEvidence("the connector " + reader.get().connector() + " has no committed LSN offset for "
                    + "slot " + DebeziumOffset.slotName(reader.get()) + " here" + (reader.get().offsetsKnown() ? ""
                    : " (" + reader.get().offsetsUnavailable() + ")"));
            return;
        }
        Lsn resume = offset.get().resume();
        Lsn start = slot.get().confirmedFlushLsn();
        if (resume.isBefore(start)) {
            String skipped = "the connector's committed LSN " + resume + " is before slot " + slot.get().name()
                    + "'s confirmed position " + start + ": changes between were not read unless nothing was written "
                    + "in between (a baseline would tell)";
            // the gap is in the stream, so every table the slot carries may have lost changes in it
            tables.forEach(t -> advice.table(t, Verdict.RECOMMENDED, skipped));
            advice.overall(Verdict.RECOMMENDED, skipped);
        } else if (proves) {
            advice.continuity("the connector's committed LSN " + resume + " is at or past slot " + slot.get().name()
                    + "'s confirmed position " + start + ": the slot streams every change after it");
        } else {
            advice.overall(Verdict.NOT_NEEDED, "the connector's committed LSN " + resume + " is at or past slot "
                    + slot.get().name() + "'s confirmed position " + start + ": nothing is lost from here on");
        }
    }

    private static SnapshotAdvice withBaseline(PgContext c, Optional<PipelineView> reader) throws Exception {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        PostgresBaseline b = c.baseline();
        Set<String> tables = new LinkedHashSet<>();
        b.publications().forEach(p -> p.tables().forEach(t -> tables.add(t.qualified())));
        tables.addAll(publishedTables(c));
        tables.removeAll(PublicationDrift.goneTables(c));
        String walLevel = c.catalog().setting("wal_level").orElse("unknown");
        if (!"logical".equals(walLevel)) {
            tables.forEach(t -> advice.table(t, Verdict.REQUIRED, "wal_level is " + walLevel
                    + ": changes since it was reset were never decoded"));
        }
        foreignOffset(c, b.slots().stream().map(SlotRecord::name).toList(), advice, tables);
        for (SlotRecord slot : b.slots()) {
            SlotFate fate = SlotFate.of(c, slot);
            switch (fate.kind()) {
                case KEPT -> kept(c, reader, advice, fate, walLevel, tables);
                case BEHIND -> {
                    String why = "slot " + slot.name() + " is behind its baseline (" + fate.evidence() + ")";
                    tables.forEach(t -> advice.table(t, Verdict.REQUIRED, why));
                    advice.overall(Verdict.REQUIRED, why);
                }
                default -> replaced(c, advice, fate, tables);
            }
        }
        PublicationDrift.advise(c, advice);
        unpublishedCaptures(c, reader, advice);
        tables.forEach(t -> advice.tableUnaffected(t, "slot kept, wal_level logical, still published"));
        return advice.build();
    }

    /** REQUIRED for every table when the connector's offset for one of these slots is another cluster's. */
    private static boolean foreignOffset(PgContext c, List<String> slots, SnapshotAdvice.Builder advice,
                                         Set<String> tables) throws Exception {
        for (String slot : slots) {
            Optional<String> foreign = c.readerFromAnotherCluster(slot);
            if (foreign.isPresent()) {
                tables.forEach(t -> advice.table(t, Verdict.REQUIRED, foreign.get()));
                advice.overall(Verdict.REQUIRED, foreign.get());
                return true;
            }
        }
        return false;
    }

    private static void kept(PgContext c, Optional<PipelineView> reader, SnapshotAdvice.Builder advice, SlotFate fate,
                             String walLevel, Set<String> tables) {
        String name = fate.recorded().name();
        if (!fate.proven()) {
            // a connector offset past a slot that moved shows nothing is lost from now on, not that nothing was in
            // the window: a slot advanced while the reader was stopped, then read on from, looks the same (found by
            // the scenario long run); the runbook stops the reader for the window, so its slot should not move
            advice.missingEvidence("slot " + name + " is present, but not proven the baseline's slot with every "
                    + "change since (" + fate.evidence() + "), and a connector offset past it does not prove it "
                    + "either: ask with the reader stopped from the baseline on, as the runbook does, so the slot's "
                    + "position proves it");
            connectorEvidence(c, reader, advice, List.of(fate.live()), false, tables);
            return;
        }
        String kept = "slot " + name + " is the baseline's slot (" + fate.evidence() + ") and wal_level is "
                + walLevel + ": it holds every change after its confirmed position";
        Optional<String> behind = c.readerBehindBaselineSlot(fate.recorded());
        if (behind.isPresent()) {
            tables.forEach(t -> advice.table(t, Verdict.RECOMMENDED, behind.get()));
            advice.overall(Verdict.RECOMMENDED, kept + "; but " + behind.get()).missingEvidence(behind.get());
        } else if (c.readerOffset(name).isPresent()) {
            advice.overall(Verdict.NOT_NEEDED, kept).continuity(kept);
        } else {
            advice.overall(Verdict.RECOMMENDED, kept + "; but " + PgContext.readerUnknown(name))
                    .missingEvidence(PgContext.readerUnknown(name));
        }
        connectorEvidence(c, reader, advice, List.of(fate.live()), true, tables);
    }

    private static void replaced(PgContext c, SnapshotAdvice.Builder advice, SlotFate fate, Set<String> tables)
            throws Exception {
        QuietWindow quiet = new QuietWindow(c, fate);
        String slot = fate.recorded().name();
        Optional<String> readerGap = c.readerOffset(slot).isPresent() ? c.readerBehindBaselineSlot(fate.recorded())
                : Optional.of(PgContext.readerUnknown(slot));
        for (String t : tables) {
            QuietWindow.Answer a = quiet.judge(t);
            if (a.proven() && readerGap.isPresent()) {
                advice.table(t, Verdict.RECOMMENDED, a.reason() + "; but " + readerGap.get());
                advice.missingEvidence(readerGap.get());
                continue;
            }
            advice.table(t, a.verdict(), a.reason());
            if (a.proven()) {
                advice.continuity(t + ": " + a.reason());
            }
        }
        if (tables.isEmpty()) {
            advice.overall(Verdict.REQUIRED, "slot " + fate.recorded().name() + " was replaced ("
                    + fate.evidence() + "): its changes since the baseline are lost");
        }
    }

    /**
     * Tables the connector (given now, else saved with the baseline) means to capture that its publication does not
     * publish: none of their changes reach it.
     */
    private static void unpublishedCaptures(PgContext c, Optional<PipelineView> reader, SnapshotAdvice.Builder advice)
            throws Exception {
        Optional<PipelineView> view = reader.or(() -> Optional.ofNullable(c.baselineReader()));
        if (view.isEmpty()) {
            return;
        }
        String pub = UnpublishedCapture.publicationName(view.get());
        for (PgCatalog.Table t : UnpublishedCapture.of(c, view.get())) {
            advice.table(t.toString(), Verdict.REQUIRED, "the connector's include lists capture it but publication "
                    + pub + " does not publish it: none of its changes are streamed; snapshot it after ALTER "
                    + "PUBLICATION " + PgQuoting.ident(pub) + " ADD TABLE " + t.quoted());
        }
    }

    /** Offline: from --from/--to (and --platform) alone. */
    static SnapshotAdvice offline(PlanRequest request) {
        if (request.fromVersion() == null || request.toVersion() == null) {
            throw new BadInputException("snapshot-advice without --url needs --from and --to (e.g. --from 14 --to 16)");
        }
        Version from = PostgresRunbook.version(request.fromVersion(), "--from");
        Version to = PostgresRunbook.version(request.toVersion(), "--to");
        Platform platform = PgPlatforms.hosting(request.platform());
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        List<String> tables = request.target().tables();
        Verdict verdict;
        String reason;
        if (from.major() == to.major()) {
            verdict = Verdict.NOT_NEEDED;
            reason = "minor upgrade " + from + " -> " + to + ": the slot is kept and the reader resumes where it was";
        } else if (from.major() < 17 || platform == Platform.AZURE) {
            verdict = Verdict.REQUIRED;
            reason = "major upgrade from " + from.major() + ": " + PgPlatforms.slotFateInMajorUpgrade(platform, from.major())
                    + "; a new slot streams only changes after its creation; only a drained slot with writes stopped "
                    + "until the new slot exists avoids it (prove that with verify/snapshot-advice --baseline)";
        } else if (platform.isManaged()) {
            verdict = Verdict.RECOMMENDED;
            reason = "major upgrade from " + from.major() + " on " + platform.id() + ": "
                    + PgPlatforms.slotFateInMajorUpgrade(platform, from.major()) + " (check with --baseline)";
        } else {
            verdict = Verdict.NOT_NEEDED;
            reason = "major upgrade from " + from.major() + ": pg_upgrade migrates logical slots that are valid and "
                    + "caught up (precheck's pg.slot_migration); NOT_NEEDED holds only if they were";
        }
        if (tables.isEmpty()) {
            advice.overall(verdict, reason);
        } else {
            tables.forEach(t -> advice.table(t, verdict, reason));
        }
        if (verdict == Verdict.NOT_NEEDED) {
            advice.continuity("forecast from the versions alone: " + reason);
        }
        return advice.build();
    }

    private static Set<String> publishedTables(PgContext c) throws Exception {
        Set<String> tables = new LinkedHashSet<>();
        for (Publication p : c.publications()) {
            p.tables().forEach(t -> tables.add(t.table().toString()));
        }
        return tables;
    }
}
