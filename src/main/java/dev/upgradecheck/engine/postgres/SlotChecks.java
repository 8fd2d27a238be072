package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;

import java.util.List;

/** The logical replication slots the CDC reader consumes: present, right plugin and database, healthy, caught up. */
final class SlotChecks {

    static final Check<PgContext> EXISTS = Check.of("pg.slot.exists", "Replication slot exists", SlotChecks::exists);
    static final Check<PgContext> PLUGIN = Check.of("pg.slot.plugin", "Slot uses the expected output plugin",
            SlotChecks::plugin);
    static final Check<PgContext> DATABASE = Check.of("pg.slot.database", "Slot belongs to this database",
            SlotChecks::database);
    static final Check<PgContext> ACTIVE = Check.of("pg.slot.active", "A reader is connected to the slot",
            SlotChecks::active);
    static final Check<PgContext> WAL_STATUS = Check.of("pg.slot.wal_status", "Slot still has its WAL (13+)",
            SlotChecks::walStatus);
    static final Check<PgContext> INVALIDATION = Check.of("pg.slot.invalidation", "Slot is not invalidated (17+)",
            SlotChecks::invalidation);
    static final Check<PgContext> LAG = Check.of("pg.slot.lag", "Slot lag is under --max-lag", SlotChecks::lag);

    static final List<Check<PgContext>> ALL = List.of(EXISTS, PLUGIN, DATABASE, ACTIVE, WAL_STATUS, INVALIDATION, LAG);

    private SlotChecks() {
    }

    static Outcome exists(PgContext c) throws Exception {
        List<String> missing = c.missingSlots();
        List<Slot> present = c.slots();
        String create = "SELECT pg_create_logical_replication_slot(%s, " + PgQuoting.literal(c.expectedPlugin()) + ");";
        if (!missing.isEmpty()) {
            Findings f = new Findings();
            missing.forEach(n -> f.fail("slot " + n + " does not exist", create.formatted(PgQuoting.literal(n))));
            present.forEach(s -> f.pass("slot " + s.name() + " exists"));
            // before any upgrade a missing slot was never created or was dropped by someone: only after one
            // (a baseline to compare with) is the upgrade the likely cause
            f.detail((c.baseline() != null ? "A major upgrade before 17 drops logical slots. " : "")
                    + "A slot created now streams only changes made after its creation (see snapshot-advice).");
            return f.outcome("every named slot present");
        }
        if (present.isEmpty()) {
            return Outcome.fail("no logical replication slot", "a logical slot for the CDC reader",
                    "without a slot the server keeps no WAL for the reader", create.formatted("'cdc_slot'"));
        }
        return Outcome.pass(String.join(", ", present.stream().map(Slot::name).toList()));
    }

    static Outcome plugin(PgContext c) throws Exception {
        List<Slot> slots = c.slots();
        if (slots.isEmpty()) {
            return Outcome.skip("no slot to check");
        }
        Findings f = new Findings();
        for (Slot s : slots) {
            String seen = s.name() + ": " + (s.logical() ? s.plugin() : "physical slot");
            if (!s.logical()) {
                f.fail(seen, "name a logical slot with --slot");
            } else if (c.expectedPlugin().equals(s.plugin())) {
                f.pass(seen);
            } else if (c.options().get(PgOptions.PLUGIN) == null) {
                // not told otherwise we expect pgoutput; another plugin may be on purpose
                f.warn(seen, "pass --plugin " + s.plugin() + " if that plugin is intended (a recreated slot must use it too)");
            } else {
                f.fail(seen, "SELECT pg_drop_replication_slot(" + PgQuoting.literal(s.name()) + "); SELECT "
                        + "pg_create_logical_replication_slot(" + PgQuoting.literal(s.name()) + ", "
                        + PgQuoting.literal(c.expectedPlugin()) + "); -- only with the reader stopped, then re-snapshot");
            }
        }
        return f.outcome(c.expectedPlugin());
    }

    /** A slot decodes one database; its publications and tables must be checked in that database. */
    static Outcome database(PgContext c) throws Exception {
        List<Slot> slots = c.slots().stream().filter(Slot::logical).toList();
        if (slots.isEmpty()) {
            return Outcome.skip("no logical slot to check");
        }
        Findings f = new Findings();
        for (Slot s : slots) {
            if (c.server().database().equals(s.database())) {
                f.pass(s.name() + ": " + s.database());
            } else {
                f.warn(s.name() + ": database " + s.database(), "connect --url to database " + s.database()
                        + " to check the publication and tables this slot decodes");
            }
        }
        return f.outcome(c.server().database());
    }

    /** An inactive slot is WARN, not FAIL: the source may be paused on purpose, and the slot still holds WAL. */
    static Outcome active(PgContext c) throws Exception {
        List<Slot> slots = c.slots();
        if (slots.isEmpty()) {
            return Outcome.skip("no slot to check");
        }
        Findings f = new Findings();
        for (Slot s : slots) {
            if (s.active()) {
                f.pass(s.name() + ": active (pid " + s.activePid() + ")");
            } else {
                f.warn(s.name() + ": inactive", "start (or resume) the CDC source; an idle slot keeps WAL on disk");
            }
        }
        return f.outcome("active");
    }

    static Outcome walStatus(PgContext c) throws Exception {
        if (!c.server().atLeast(13)) {
            return Outcome.skip("wal_status exists from PostgreSQL 13");
        }
        List<Slot> slots = c.slots();
        if (slots.isEmpty()) {
            return Outcome.skip("no slot to check");
        }
        Findings f = new Findings();
        for (Slot s : slots) {
            String seen = s.name() + ": " + s.walStatus()
                    + (s.safeWalSize() == null ? "" : ", " + Bytes.show(s.safeWalSize()) + " before max_slot_wal_keep_size");
            switch (s.walStatus() == null ? "" : s.walStatus()) {
                case "lost" -> f.fail(seen, "SELECT pg_drop_replication_slot(" + PgQuoting.literal(s.name())
                        + "); -- the slot can never stream again: recreate it and re-snapshot");
                case "unreserved" -> f.warn(seen, "let the reader catch up now, or raise max_slot_wal_keep_size: "
                        + "the next checkpoint may remove WAL the slot needs");
                default -> f.pass(seen);
            }
        }
        return f.outcome("reserved or extended");
    }

    static Outcome invalidation(PgContext c) throws Exception {
        if (!c.server().atLeast(17)) {
            return Outcome.skip("invalidation_reason exists from PostgreSQL 17 (wal_status covers lost WAL)");
        }
        List<Slot> slots = c.slots();
        if (slots.isEmpty()) {
            return Outcome.skip("no slot to check");
        }
        Findings f = new Findings();
        for (Slot s : slots) {
            if (s.invalidationReason() == null) {
                f.pass(s.name() + ": valid");
            } else {
                f.fail(s.name() + ": invalidated (" + s.invalidationReason() + ")", "SELECT pg_drop_replication_slot("
                        + PgQuoting.literal(s.name()) + "); -- then recreate it and re-snapshot");
            }
        }
        return f.outcome("invalidation_reason null");
    }

    /** Lag = pg_wal_lsn_diff(current WAL, confirmed_flush_lsn); 0 means drained. */
    static Outcome lag(PgContext c) throws Exception {
        List<Slot> slots = c.slots().stream().filter(Slot::logical).toList();
        if (slots.isEmpty()) {
            return Outcome.skip("no logical slot to check");
        }
        long max = c.maxLag().bytes();
        Findings f = new Findings();
        for (Slot s : slots) {
            if (s.lagBytes() == null) {
                f.warn(s.name() + ": no confirmed position yet", "start the reader so it confirms a position");
                continue;
            }
            String seen = s.name() + ": " + Bytes.show(s.lagBytes()) + " behind"
                    + (s.lagBytes() == 0 ? " (drained)" : "");
            if (s.lagBytes() > max) {
                f.fail(seen, "find why the reader is behind (is it running? is the destination slow?) and let it catch up "
                        + "before the upgrade");
            } else {
                f.pass(seen);
            }
        }
        return f.outcome("at most " + c.maxLag() + " (--max-lag); 0 = drained");
    }
}
