package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.postgres.PostgresBaseline.PublicationRecord;
import dev.upgradecheck.engine.postgres.PostgresBaseline.SlotRecord;
import dev.upgradecheck.engine.postgres.PostgresBaseline.TableName;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** verify --baseline: what the upgrade dropped, reset or changed since precheck recorded the source. */
final class BaselineChecks {

    static final Check<PgContext> CLUSTER = Check.of("pg.verify.cluster", "Same cluster as the baseline",
            BaselineChecks::cluster);
    static final Check<PgContext> WAL_LEVEL = Check.of("pg.verify.wal_level", "wal_level kept since the baseline",
            BaselineChecks::walLevel);
    static final Check<PgContext> SLOTS = Check.of("pg.verify.slots", "Baseline slots kept", BaselineChecks::slots);
    static final Check<PgContext> PUBLICATIONS = Check.of("pg.verify.publications",
            "Baseline publications and their tables kept", BaselineChecks::publications);

    static final List<Check<PgContext>> ALL = List.of(CLUSTER, WAL_LEVEL, SLOTS, PUBLICATIONS);

    private BaselineChecks() {
    }

    static boolean newCluster(PgContext c) throws Exception {
        String before = c.baseline().systemIdentifier();
        return before != null && !before.equals(c.catalog().identity().systemIdentifier());
    }

    static Outcome cluster(PgContext c) throws Exception {
        PostgresBaseline b = c.baseline();
        String versions = b.serverVersion() + " -> " + c.server().version();
        String now = c.catalog().identity().systemIdentifier();
        if (b.systemIdentifier() == null) {
            return Outcome.skip("the baseline has no system identifier (pg_control_system() was not readable)");
        }
        if (b.systemIdentifier().equals(now)) {
            return Outcome.pass("same cluster (system identifier " + now + "), " + versions);
        }
        return Outcome.warn("new cluster: system identifier " + b.systemIdentifier() + " -> " + now + ", " + versions,
                "the baseline's cluster", "pg_upgrade and dump/restore create a new cluster: WAL positions recorded "
                        + "before do not carry over except in slots pg_upgrade 17+ migrated",
                "upgrade-check snapshot-advice --baseline FILE (same connection) says which tables need a re-snapshot");
    }

    static Outcome walLevel(PgContext c) throws Exception {
        String before = c.baseline().walLevel();
        String now = c.catalog().setting("wal_level").orElse("unknown");
        String observed = before + " -> " + now;
        if ("logical".equals(now)) {
            return Outcome.pass(observed);
        }
        return Outcome.fail(observed, "logical", "logical".equals(before)
                ? "the upgrade reset wal_level (a new cluster starts from its own postgresql.conf or parameter group)"
                : "wal_level was not logical at the baseline either", PgPlatforms.enableLogicalDecoding(c.server().platform()));
    }

    /**
     * Each baseline slot: kept (proven the same slot) PASS; present but not proven FAIL, or WARN when there was
     * nothing it could skip (see {@link #mayHaveSkipped}); replaced (dropped, recreated, invalidated) or behind FAIL,
     * because the pipeline cannot resume without a gap, except a replaced slot whose {@link QuietWindow} proves
     * nothing was lost for every published table (WARN, or FAIL while it is missing).
     */
    static Outcome slots(PgContext c) throws Exception {
        List<SlotRecord> recorded = c.baseline().slots();
        if (recorded.isEmpty()) {
            if (c.baseline().publications().isEmpty()) {
                return Outcome.skip("the baseline recorded no logical slot and no publication");
            }
            // publications without a slot: the pipeline kept no position when the baseline was taken
            return Outcome.fail("the baseline recorded publication(s) "
                    + String.join(", ", c.baseline().publications().stream().map(PublicationRecord::name).toList())
                    + " but no logical slot: no reader position was kept then, and a slot created since streams only "
                    + "changes after its creation", "a slot holding the reader's position since the baseline", null,
                    "upgrade-check snapshot-advice --baseline FILE names the tables to re-snapshot (a connector that "
                    + "has never run snapshots them on its first start); save baselines while the slot exists");
        }
        Findings f = new Findings();
        for (SlotRecord r : recorded) {
            Optional<String> foreign = c.readerFromAnotherCluster(r.name());
            if (foreign.isPresent()) {
                f.fail(r.name() + ": " + foreign.get(), "upgrade-check snapshot-advice --baseline FILE names the "
                        + "tables to re-snapshot");
                continue;
            }
            SlotFate fate = SlotFate.of(c, r);
            String create = "SELECT pg_create_logical_replication_slot(" + PgQuoting.literal(r.name()) + ", "
                    + PgQuoting.literal(r.plugin()) + ");";
            String advice = "upgrade-check snapshot-advice --baseline FILE names the tables to re-snapshot";
            switch (fate.kind()) {
                case MISSING -> f.fail(r.name() + ": missing (was at " + r.confirmedFlushLsn() + ")", create
                        + " -- before writes resume; then see snapshot-advice");
                case INVALID -> f.fail(r.name() + ": " + fate.evidence(), "SELECT pg_drop_replication_slot("
                        + PgQuoting.literal(r.name()) + "); " + create);
                case BEHIND -> f.fail(r.name() + ": behind its baseline, " + fate.evidence(), advice);
                case RECREATED -> {
                    String seen = r.name() + ": recreated (" + fate.evidence() + "): its stream starts at its creation";
                    Optional<String> loss = firstLoss(c, fate);
                    if (loss.isEmpty()) {
                        f.warn(seen + "; nothing was lost: drained at the baseline and no write before it existed",
                                null);
                    } else {
                        f.fail(seen + "; " + loss.get(), advice);
                    }
                }
                case KEPT -> kept(f, c, r, fate, advice);
            }
        }
        return f.outcome("every baseline slot kept, proven the same slot");
    }

    private static void kept(Findings f, PgContext c, SlotRecord r, SlotFate fate, String advice) throws Exception {
        if (fate.proven()) {
            f.pass(r.name() + ": kept (" + fate.evidence() + ")");
            return;
        }
        Optional<String> skipped = mayHaveSkipped(c, r);
        if (skipped.isEmpty()) {
            f.warn(r.name() + ": present, not proven the baseline's slot (" + fate.evidence() + "), but there was "
                    + "nothing it could skip: drained at the baseline, and no transaction id assigned on the cluster "
                    + "since", null);
            return;
        }
        f.fail(r.name() + ": present, not proven the baseline's slot (" + fate.evidence() + "), and " + skipped.get()
                + ": a change it skipped cannot be ruled out, whatever the connector's offset says", "upgrade-check "
                + "reconcile --keys over the captured tables shows whether the destination has every row; if it does "
                + "not, " + advice + ". Next time keep the reader stopped from the baseline to verify, so the slot's "
                + "position proves it");
    }

    /**
     * Why a slot not proven the baseline's may have skipped changes, empty when there was nothing to skip: every
     * change it held at the baseline was the reader's already, and nothing was written on the cluster since (the
     * next transaction id unchanged). A reader that read on, and a slot advanced past changes that a reader then
     * read on from, look the same, and so does the connector's offset past them: the scenario long run found both
     * with verify exiting 0. Changes at or before the confirmed position are not skipped by an advance.
     */
    static Optional<String> mayHaveSkipped(PgContext c, SlotRecord r) throws Exception {
        if (r.drained(c.baselineOffset(r.name())).isEmpty() && !r.pendingOnlyBeforeConfirmed()) {
            return Optional.of(r.pendingChanges() == null
                    ? "its pending changes at the baseline could not be counted (an active slot, or not pgoutput)"
                    : "it held " + r.pendingChanges() + " change(s) at the baseline, up to " + r.lastPendingLsn()
                    + ", that no connector offset saved with the baseline reached");
        }
        return c.transactionsSinceBaseline();
    }

    /** The first published table for which the replaced slot's gap is not proven empty, with why. */
    static Optional<String> firstLoss(PgContext c, SlotFate fate) throws Exception {
        QuietWindow quiet = new QuietWindow(c, fate);
        Set<String> tables = new java.util.LinkedHashSet<>();
        c.baseline().publications().forEach(p -> p.tables().forEach(t -> tables.add(t.qualified())));
        tables.removeAll(PublicationDrift.goneTables(c));
        if (tables.isEmpty()) {
            return Optional.of("no published table recorded to prove the gap empty");
        }
        for (String t : tables) {
            QuietWindow.Answer a = quiet.judge(t);
            if (!a.proven()) {
                return Optional.of(t + ": " + a.verdict() + ", " + a.reason());
            }
        }
        return Optional.empty();
    }

    static Outcome publications(PgContext c) throws Exception {
        List<PublicationRecord> recorded = c.baseline().publications();
        if (recorded.isEmpty()) {
            return Outcome.skip("the baseline recorded no publication");
        }
        Findings f = new Findings();
        for (PublicationRecord r : recorded) {
            Optional<Publication> live = c.publication(r.name());
            if (live.isEmpty()) {
                f.fail(r.name() + ": missing", PublicationChecks.createStatement(c, r.name()));
                continue;
            }
            Publication p = live.get();
            if (r.allTables() && !p.allTables()) {
                f.fail(r.name() + ": no longer FOR ALL TABLES", "DROP PUBLICATION " + PgQuoting.ident(r.name())
                        + "; CREATE PUBLICATION " + PgQuoting.ident(r.name()) + " FOR ALL TABLES;");
                continue;
            }
            List<PublicationDrift.Gone> gone = PublicationDrift.gone(c, r, p);
            List<TableName> removed = gone.stream().filter(g -> g.how() == PublicationDrift.How.REMOVED)
                    .map(PublicationDrift.Gone::table).toList();
            gone.stream().filter(g -> g.how() == PublicationDrift.How.RENAMED).forEach(g -> f.pass(r.name() + ": "
                    + g.table().qualified() + " renamed to " + g.now() + ", still published"));
            gone.stream().filter(g -> g.how() == PublicationDrift.How.DROPPED).forEach(g -> f.warn(r.name() + ": "
                    + g.table().qualified() + " dropped since the baseline", null));
            if (!removed.isEmpty()) {
                f.fail(r.name() + ": tables missing: " + String.join(", ", removed.stream().map(TableName::qualified).toList()),
                        p.allTables() ? "publish them again (FOR ALL TABLES publications take no ADD TABLE)"
                                : "ALTER PUBLICATION " + PgQuoting.ident(r.name()) + " ADD TABLE "
                                + String.join(", ", removed.stream().map(TableName::quoted).toList()) + ";");
            } else if (gone.isEmpty()) {
                f.pass(r.name() + ": all " + r.tables().size() + " baseline tables published");
            }
            List<String> reAdded = newCluster(c) ? List.of() : PublicationDrift.reAdded(r, p);
            if (!reAdded.isEmpty()) {
                f.fail(r.name() + ": removed and added back since the baseline: " + String.join(", ", reAdded)
                        + " (their changes while out were not published)", "upgrade-check snapshot-advice --baseline "
                        + "FILE names them to re-snapshot");
            }
            List<String> unpublishedThen = c.baselineReader() == null ? List.of()
                    : PublicationDrift.addedSince(c, r, p).stream()
                    .filter(t -> UnpublishedCapture.missesUnpublished(c.baselineReader(), t))
                    .map(Object::toString).toList();
            if (!unpublishedThen.isEmpty()) {
                f.fail(r.name() + ": published since the baseline, though the connector already captured them then: "
                        + String.join(", ", unpublishedThen) + " (their changes until they were added were not "
                        + "published)", "upgrade-check snapshot-advice --baseline FILE names them to re-snapshot");
            }
            if (r.insert() != p.insert() || r.update() != p.update() || r.delete() != p.delete()) {
                f.warn(r.name() + ": published operations changed", "ALTER PUBLICATION " + PgQuoting.ident(r.name())
                        + " SET (publish = 'insert, update, delete, truncate');");
            }
        }
        return f.outcome("every baseline publication with its tables");
    }
}
