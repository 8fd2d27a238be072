package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.engine.postgres.BaselineChecks.SlotFate;
import dev.upgradecheck.engine.postgres.PgBaselineState.PublicationRecord;
import dev.upgradecheck.engine.postgres.PgBaselineState.SlotRecord;
import dev.upgradecheck.engine.postgres.PgBaselineState.TableName;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.PublishedTable;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.engine.postgres.PgCatalog.Table;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.Version;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * checks.md's snapshot rules. A slot's stream starts at its creation, so a slot dropped or recreated while
 * changes happened loses them: REQUIRED for the published tables, unless the baseline shows the slot drained
 * and the table saw no write since the new cluster started. A table (re-)added to a publication: REQUIRED for
 * it. Slot kept and wal_level logical: NOT_NEEDED.
 */
final class PgSnapshotRules {

    private PgSnapshotRules() {
    }

    static SnapshotAdvice live(PgContext c) throws Exception {
        return c.baseline() == null ? withoutBaseline(c) : withBaseline(c);
    }

    /** Without a baseline only the present can be judged: is there a healthy slot to stream from? */
    private static SnapshotAdvice withoutBaseline(PgContext c) throws Exception {
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
        } else {
            String intact = "without a baseline only the live state is judged: the slots are intact "
                    + "(give --baseline to judge what happened during the upgrade)";
            advice.overall(Verdict.NOT_NEEDED, intact).continuity(intact);
        }
        tables.forEach(t -> advice.tableUnaffected(t, "slot intact and wal_level logical"));
        return advice.build();
    }

    private static SnapshotAdvice withBaseline(PgContext c) throws Exception {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        PgBaselineState b = c.baseline();
        Map<String, TableName> recordedTables = new LinkedHashMap<>();
        b.publications().forEach(p -> p.tables().forEach(t -> recordedTables.putIfAbsent(t.qualified(), t)));
        Set<String> tables = new LinkedHashSet<>(recordedTables.keySet());
        tables.addAll(publishedTables(c));
        String walLevel = c.catalog().setting("wal_level").orElse("unknown");
        if (!"logical".equals(walLevel)) {
            tables.forEach(t -> advice.table(t, Verdict.REQUIRED, "wal_level is " + walLevel
                    + ": changes since it was reset were never decoded"));
        }
        boolean newCluster = BaselineChecks.newCluster(c);
        Map<Table, Long> writes = newCluster ? c.catalog().tableWrites() : Map.of();
        for (SlotRecord slot : b.slots()) {
            SlotFate fate = BaselineChecks.fate(c, slot);
            if (fate == SlotFate.KEPT) {
                String kept = "slot " + slot.name() + " kept its position and wal_level is " + walLevel;
                advice.overall(Verdict.NOT_NEEDED, kept).continuity(kept);
                continue;
            }
            String what = "slot " + slot.name() + " was " + switch (fate) {
                case MISSING -> "dropped";
                case INVALID -> "invalidated";
                default -> "recreated";
            };
            for (String t : tables) {
                Long written = writes.get(table(t));
                if (slot.drained() && newCluster && written != null && written == 0 && fate != SlotFate.INVALID) {
                    String quiet = what + ", but it was drained at the baseline and the table has "
                            + "had no write since the new cluster started (pg_stat_user_tables)"
                            + (fate == SlotFate.MISSING ? ": create the slot before writes resume" : "");
                    advice.table(t, Verdict.NOT_NEEDED, quiet).continuity(t + ": " + quiet);
                } else {
                    advice.table(t, Verdict.REQUIRED, what + (slot.drained() ? "" : " (it was "
                            + Bytes.show(slot.lagBytes() == null ? 0 : slot.lagBytes()) + " behind at the baseline)")
                            + ": changes before the new slot existed are not in its stream");
                }
            }
            if (tables.isEmpty()) {
                advice.overall(Verdict.REQUIRED, what + ": its changes since the baseline are lost");
            }
        }
        publicationChanges(c, advice);
        tables.forEach(t -> advice.tableUnaffected(t, "slot kept its position, wal_level logical, still published"));
        return advice.build();
    }

    /** A table missing from its publication now, or (re-)added since the baseline, had changes nobody published. */
    private static void publicationChanges(PgContext c, SnapshotAdvice.Builder advice) throws Exception {
        boolean sameCluster = !BaselineChecks.newCluster(c);
        for (PublicationRecord r : c.baseline().publications()) {
            Optional<Publication> live = c.publication(r.name());
            if (live.isEmpty()) {
                r.tables().forEach(t -> advice.table(t.qualified(), Verdict.REQUIRED, "publication " + r.name()
                        + " is gone: the table's changes are not published"));
                continue;
            }
            for (TableName t : r.tables()) {
                Optional<PublishedTable> now = live.get().tables().stream()
                        .filter(x -> x.table().toString().equals(t.qualified())).findFirst();
                if (now.isEmpty()) {
                    advice.table(t.qualified(), Verdict.REQUIRED, "removed from publication " + r.name()
                            + ": its changes since are not published; snapshot it after ALTER PUBLICATION ... ADD TABLE");
                } else if (sameCluster && t.membership() != null && now.get().membership() != null
                        && !t.membership().equals(now.get().membership())) {
                    advice.table(t.qualified(), Verdict.REQUIRED, "re-added to publication " + r.name()
                            + " since the baseline: changes while it was out were not published");
                }
            }
            Set<String> before = new LinkedHashSet<>(r.tables().stream().map(TableName::qualified).toList());
            live.get().tables().stream().map(x -> x.table().toString()).filter(x -> !before.contains(x))
                    .forEach(x -> advice.table(x, Verdict.REQUIRED, "added to publication " + r.name()
                            + " after the baseline: its earlier rows were never sent"));
        }
    }

    /** Offline: from --from/--to (and --platform) alone. */
    static SnapshotAdvice offline(PlanRequest request) {
        if (request.fromVersion() == null || request.toVersion() == null) {
            throw new BadInputException("snapshot-advice without --url needs --from and --to (e.g. --from 14 --to 16)");
        }
        Version from = PostgresRunbook.version(request.fromVersion(), "--from");
        Version to = PostgresRunbook.version(request.toVersion(), "--to");
        Platform platform = Platform.fromCli(request.platform());
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        List<String> tables = request.target().tables();
        Verdict verdict;
        String reason;
        if (from.major() == to.major()) {
            verdict = Verdict.NOT_NEEDED;
            reason = "minor upgrade " + from + " -> " + to + ": the slot is kept and the reader resumes where it was";
        } else if (from.major() < 17) {
            verdict = Verdict.REQUIRED;
            reason = "major upgrade from " + from.major() + ": the slot is dropped and a new one streams only changes "
                    + "after its creation; only a drained slot with writes stopped until the new slot exists avoids it "
                    + "(prove that with verify/snapshot-advice --baseline)";
        } else if (platform.managed()) {
            verdict = Verdict.RECOMMENDED;
            reason = "major upgrade from " + from.major() + " on " + platform.cliName() + ": pg_upgrade 17+ migrates "
                    + "caught-up slots, but confirm your provider's upgrade keeps them (check with --baseline)";
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

    private static Table table(String qualified) {
        int dot = qualified.indexOf('.');
        return new Table(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}
