package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.postgres.PgCatalog.Archiver;
import dev.upgradecheck.engine.postgres.PgCatalog.Setting;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.value.Version;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Server-wide settings and state: wal_level, role in replication, capacity, archiving, the upgrade path. */
final class ServerChecks {

    static final Check<PgContext> WAL_LEVEL = Check.of("pg.wal_level", "wal_level is logical", ServerChecks::walLevel);
    static final Check<PgContext> PRIMARY = Check.of("pg.primary", "Server is the primary", ServerChecks::primary);
    static final Check<PgContext> CAPACITY = Check.of("pg.capacity",
            "max_replication_slots and max_wal_senders leave room", ServerChecks::capacity);
    static final Check<PgContext> ARCHIVER = Check.of("pg.archiver", "WAL archiving (backups) works",
            ServerChecks::archiver);
    static final Check<PgContext> UPGRADE_PATH = Check.of("pg.upgrade_path",
            "What the upgrade to --target-version does to slots", ServerChecks::upgradePath);
    static final Check<PgContext> SLOT_MIGRATION = Check.of("pg.slot_migration",
            "pg_upgrade can migrate the logical slots (17+)", ServerChecks::slotMigration);

    static final Check<PgContext> OUTPUT_PLUGINS = Check.of("pg.output_plugins",
            "Slot plugins allowed by output_plugin_libraries (now and after --target-version)", ServerChecks::outputPlugins);

    private ServerChecks() {
    }

    /** Logical decoding needs wal_level = logical; a restart applies a change (pending_restart says if one waits). */
    static Outcome walLevel(PgContext c) throws Exception {
        Setting level = c.catalog().settings().get("wal_level");
        String observed = level.value() + (level.pendingRestart() ? " (a changed value waits for a restart)" : "");
        var rds = c.catalog().setting("rds.logical_replication");
        if (rds.isPresent()) {
            observed += ", rds.logical_replication = " + rds.get();
        }
        var cloudsql = c.catalog().setting("cloudsql.logical_decoding");
        if (cloudsql.isPresent()) {
            observed += ", cloudsql.logical_decoding = " + cloudsql.get();
        }
        if ("logical".equals(level.value())) {
            return Outcome.pass(observed).expecting("logical");
        }
        return Outcome.fail(observed, "logical", "without logical WAL no change can be decoded; "
                + "existing logical slots stop the server from starting", PgPlatforms.enableLogicalDecoding(c.server().platform()));
    }

    /**
     * Logical slots live on the primary. A standby before 16 cannot decode; 16+ can (with hot_standby_feedback),
     * but the upgrade is run on the primary, so check there. Aurora readers cannot host logical slots at all.
     */
    static Outcome primary(PgContext c) {
        PgServer s = c.server();
        if (!s.inRecovery()) {
            return Outcome.pass("primary (pg_is_in_recovery() = false)").expecting("primary");
        }
        if (s.platform() == Platform.AURORA) {
            return Outcome.fail("Aurora reader instance", "the writer", "Aurora readers cannot host logical slots",
                    "connect to the cluster (writer) endpoint");
        }
        if (s.atLeast(16)) {
            return Outcome.warn("standby (PostgreSQL " + s.shortVersion() + ")", "primary",
                    "16+ can decode on a standby, but the upgrade and its slot handling happen on the primary",
                    "run upgrade-check against the primary as well");
        }
        return Outcome.fail("standby (PostgreSQL " + s.shortVersion() + ")", "primary",
                "before 16 a standby cannot host logical slots", "connect to the primary");
    }

    /** A recreated slot, or a second one for a snapshot, needs a free slot and a free WAL sender. */
    static Outcome capacity(PgContext c) throws Exception {
        int maxSlots = Integer.parseInt(c.catalog().setting("max_replication_slots").orElse("0"));
        int maxSenders = Integer.parseInt(c.catalog().setting("max_wal_senders").orElse("0"));
        List<Slot> all = c.catalog().slots();
        long active = all.stream().filter(Slot::active).count();
        String observed = all.size() + " of " + maxSlots + " replication slots used, " + active + " of "
                + maxSenders + " WAL senders busy with a slot";
        Findings f = new Findings();
        if (maxSlots == 0) {
            f.fail(observed, "ALTER SYSTEM SET max_replication_slots = 10; -- then restart");
        } else if (all.size() >= maxSlots) {
            f.warn(observed, "ALTER SYSTEM SET max_replication_slots = " + (maxSlots + 2) + "; -- then restart");
        }
        if (maxSenders == 0) {
            f.fail(observed, "ALTER SYSTEM SET max_wal_senders = 10; -- then restart");
        } else if (active >= maxSenders) {
            f.warn(observed, "ALTER SYSTEM SET max_wal_senders = " + (maxSenders + 2) + "; -- then restart");
        }
        if (f.isEmpty()) {
            f.pass(observed);
        }
        return f.outcome("a free replication slot and WAL sender");
    }

    /** The database cannot prove a backup restores; it can say whether WAL archiving is on and working. WARN at most. */
    static Outcome archiver(PgContext c) throws Exception {
        String mode = c.catalog().setting("archive_mode").orElse("off");
        Archiver a = c.catalog().archiver();
        String remedy = c.server().platform().isManaged()
                ? "take a manual snapshot of the instance before the upgrade"
                : "take a base backup before the upgrade (pg_basebackup) or enable WAL archiving";
        if ("off".equals(mode)) {
            return Outcome.warn("archive_mode = off", "archive_mode on and archiving succeeding",
                    "the server keeps no WAL archive, so it cannot show a point-in-time backup exists", remedy);
        }
        if (a.failing()) {
            return Outcome.warn("archive_mode = " + mode + ", archiving failing (last failed WAL " + a.lastFailedWal()
                    + ", " + a.failedCount() + " failures)", "archiving succeeding",
                    "the latest WAL segments are not archived", "fix archive_command (see the server log); " + remedy);
        }
        return Outcome.pass("archive_mode = " + mode + ", " + a.archivedCount() + " segments archived, last "
                + (a.lastArchivedWal() == null ? "none yet" : a.lastArchivedWal() + " at " + a.lastArchivedTime()),
                "archiving works; a backup is still yours to confirm");
    }

    /** Before 17, pg_upgrade and dump/restore drop logical slots; from 17 pg_upgrade can carry them over. */
    static Outcome upgradePath(PgContext c) {
        if (c.options().targetVersion() == null) {
            return Outcome.skip("no --target-version given");
        }
        Version target = Version.parse(c.options().targetVersion());
        int from = c.server().major();
        String observed = c.server().shortVersion() + " -> " + target.text();
        if (target.major() < from) {
            return Outcome.fail(observed, "a newer version", "PostgreSQL cannot be downgraded in place", null);
        }
        if (target.major() == from) {
            return Outcome.pass(observed + " (minor)", "a minor upgrade keeps slots and publications; "
                    + "the reader reconnects after the restart");
        }
        if (from < 17) {
            return Outcome.warn(observed + " (major, from before 17)", "slots recreated by the runbook",
                    "pg_upgrade and dump/restore drop logical replication slots: drain the slot, save a baseline, "
                            + "recreate the slot and check the publication after the upgrade",
                    "upgrade-check plan --engine postgres --from " + from + " --to " + target.major());
        }
        return Outcome.pass(observed + " (major, from 17+)", "pg_upgrade migrates logical slots when every slot "
                + "has consumed all WAL and none is invalid: see pg.slot_migration");
    }

    /** A wal2json or decoderbufs slot stops working on a release with output_plugin_libraries that does not list it. */
    static Outcome outputPlugins(PgContext c) throws Exception {
        Set<String> extra = OutputPluginAllowlist.outsideDefault(c.slots().stream().filter(Slot::logical)
                .map(Slot::plugin).toList());
        if (extra.isEmpty()) {
            return Outcome.skip("every slot uses pgoutput or test_decoding, which output_plugin_libraries allows by default");
        }
        Version now = Version.parse(c.server().shortVersion());
        String line = OutputPluginAllowlist.line(extra);
        if (OutputPluginAllowlist.knows(now).orElse(false)) {
            String live = c.catalog().setting(OutputPluginAllowlist.SETTING).orElse("");
            Set<String> allowed = new HashSet<>();
            for (String name : live.split(",")) {
                allowed.add(name.trim());
            }
            List<String> refused = extra.stream().filter(p -> !allowed.contains(p)).toList();
            String observed = OutputPluginAllowlist.SETTING + " = '" + live + "'";
            return refused.isEmpty() ? Outcome.pass(observed) : Outcome.fail(observed + "; slots use " + refused,
                    "every slot's plugin listed", "a slot whose plugin is not listed cannot be decoded",
                    "ALTER SYSTEM SET " + line + "; SELECT pg_reload_conf();");
        }
        if (c.options().targetVersion() == null) {
            return Outcome.skip("no --target-version given (slots use " + extra + ")");
        }
        Version target = Version.parse(c.options().targetVersion());
        Optional<Boolean> restricts = OutputPluginAllowlist.knows(target);
        if (restricts.isPresent() && !restricts.get()) {
            return Outcome.pass(target.text() + " does not restrict output plugins (slots use " + extra + ")");
        }
        String first = OutputPluginAllowlist.firstRelease(target.major());
        return Outcome.warn("slots use " + extra + "; " + target.text() + (restricts.isEmpty() ? " (from " + first
                        + " on)" : "") + " allows only pgoutput and test_decoding by default",
                "the slots' plugins listed in " + OutputPluginAllowlist.SETTING, "after the update these slots stop "
                        + "working until the setting lists their plugin; releases before " + first + " do not know "
                        + "the setting and refuse to start with it, so add it right after the update",
                line + "   # in postgresql.conf or the parameter group, after the update; then reload");
    }

    /**
     * 17+: pg_upgrade migrates a logical slot only if it is valid and its confirmed_flush_lsn has reached the
     * end of WAL at shutdown; the new cluster needs wal_level = logical and enough max_replication_slots.
     */
    static Outcome slotMigration(PgContext c) throws Exception {
        if (!c.server().atLeast(17)) {
            return Outcome.skip("pg_upgrade migrates logical slots only from 17 on; from "
                    + c.server().shortVersion() + " the runbook recreates them");
        }
        if (c.options().targetVersion() != null
                && Version.parse(c.options().targetVersion()).major() == c.server().major()) {
            return Outcome.skip("a minor upgrade keeps slots without pg_upgrade");
        }
        List<Slot> logical = c.catalog().slots().stream().filter(Slot::logical).filter(s -> !s.temporary()).toList();
        if (logical.isEmpty()) {
            return Outcome.skip("no permanent logical slot to migrate");
        }
        Findings f = new Findings();
        for (Slot s : logical) {
            if (s.invalid()) {
                f.fail(s.name() + ": invalid (" + firstNonNull(s.invalidationReason(), s.walStatus()) + ")",
                        "SELECT pg_drop_replication_slot(" + PgQuoting.literal(s.name()) + "); -- pg_upgrade refuses "
                                + "invalid slots; recreate it after the upgrade and re-snapshot");
            } else if (s.lagBytes() != null && s.lagBytes() > 0) {
                f.warn(s.name() + ": " + Bytes.show(s.lagBytes()) + " not yet consumed",
                        "stop writes and let the reader consume all WAL before stopping the server for pg_upgrade");
            } else {
                f.pass(s.name() + ": caught up");
            }
        }
        f.detail("The new cluster needs wal_level = logical, max_replication_slots >= " + logical.size()
                + ", no permanent logical slot of its own, and the slots' output plugins installed; "
                + "pg_upgrade --check verifies these.");
        return f.outcome("every logical slot valid and caught up when the server stops");
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
