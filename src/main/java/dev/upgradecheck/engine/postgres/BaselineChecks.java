package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.postgres.PgBaselineState.PublicationRecord;
import dev.upgradecheck.engine.postgres.PgBaselineState.SlotRecord;
import dev.upgradecheck.engine.postgres.PgBaselineState.TableName;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** What became of a baseline slot. */
    enum SlotFate { KEPT, RECREATED, MISSING, INVALID }

    /**
     * A slot present after a major upgrade from before 17 can only have been recreated (pg_upgrade drops them);
     * one whose confirmed position went backwards was recreated too; so was one on a new cluster of the same
     * major (a restore). From 17 on pg_upgrade migrates slots with their position.
     */
    static SlotFate fate(PgContext c, SlotRecord recorded) throws Exception {
        Optional<Slot> live = c.catalog().slots().stream().filter(s -> s.name().equals(recorded.name())).findFirst();
        if (live.isEmpty()) {
            return SlotFate.MISSING;
        }
        Slot s = live.get();
        if (s.invalid()) {
            return SlotFate.INVALID;
        }
        PgBaselineState b = c.baseline();
        boolean majorChanged = c.server().major() != b.major();
        boolean newCluster = newCluster(c);
        boolean wentBack = recorded.confirmedFlushLsn() != null && s.confirmedFlushLsn() != null
                && s.confirmedFlushLsn().isBefore(recorded.confirmedFlushLsn());
        if ((majorChanged && b.major() < 17) || wentBack || (newCluster && !majorChanged)
                || !java.util.Objects.equals(recorded.plugin(), s.plugin())) {
            return SlotFate.RECREATED;
        }
        return SlotFate.KEPT;
    }

    static boolean newCluster(PgContext c) throws Exception {
        String before = c.baseline().systemIdentifier();
        return before != null && !before.equals(c.catalog().identity().systemIdentifier());
    }

    static Outcome cluster(PgContext c) throws Exception {
        PgBaselineState b = c.baseline();
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
                : "wal_level was not logical at the baseline either", c.server().platform().enableLogicalDecoding());
    }

    static Outcome slots(PgContext c) throws Exception {
        List<SlotRecord> recorded = c.baseline().slots();
        if (recorded.isEmpty()) {
            return Outcome.skip("the baseline recorded no logical slot");
        }
        Findings f = new Findings();
        for (SlotRecord r : recorded) {
            Slot live = c.catalog().slots().stream().filter(s -> s.name().equals(r.name())).findFirst().orElse(null);
            String create = "SELECT pg_create_logical_replication_slot(" + PgQuoting.literal(r.name()) + ", "
                    + PgQuoting.literal(r.plugin()) + ");";
            switch (fate(c, r)) {
                case MISSING -> f.fail(r.name() + ": missing (was at " + r.confirmedFlushLsn() + ")", create
                        + " -- before writes resume; then see snapshot-advice");
                case INVALID -> f.fail(r.name() + ": invalid now", "SELECT pg_drop_replication_slot("
                        + PgQuoting.literal(r.name()) + "); " + create);
                case RECREATED -> f.warn(r.name() + ": recreated (now at " + live.confirmedFlushLsn() + ", plugin "
                        + live.plugin() + "; baseline " + r.confirmedFlushLsn() + ", plugin " + r.plugin()
                        + "): its stream starts at its creation", "upgrade-check snapshot-advice --baseline FILE "
                        + "says whether changes before its creation need a re-snapshot");
                case KEPT -> f.pass(r.name() + ": kept (" + r.confirmedFlushLsn() + " -> " + live.confirmedFlushLsn() + ")");
            }
        }
        return f.outcome("every baseline slot present with its position");
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
            Set<String> now = p.tables().stream().map(t -> t.table().toString()).collect(Collectors.toSet());
            List<TableName> gone = r.tables().stream().filter(t -> !now.contains(t.qualified())).toList();
            if (!gone.isEmpty()) {
                f.fail(r.name() + ": tables missing: " + String.join(", ", gone.stream().map(TableName::qualified).toList()),
                        "ALTER PUBLICATION " + PgQuoting.ident(r.name()) + " ADD TABLE "
                                + String.join(", ", gone.stream().map(TableName::quoted).toList()) + ";");
            } else {
                f.pass(r.name() + ": all " + r.tables().size() + " baseline tables published");
            }
            if (r.insert() != p.insert() || r.update() != p.update() || r.delete() != p.delete()) {
                f.warn(r.name() + ": published operations changed", "ALTER PUBLICATION " + PgQuoting.ident(r.name())
                        + " SET (publish = 'insert, update, delete, truncate');");
            }
        }
        return f.outcome("every baseline publication with its tables");
    }
}
