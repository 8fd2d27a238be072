package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.pipeline.SnapshotSignal;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.ProofSteps;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.RunbookSource;
import dev.upgradecheck.plan.Step;
import dev.upgradecheck.plan.Step.Phase;
import dev.upgradecheck.plan.Step.ReaderAction;
import dev.upgradecheck.value.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL upgrade runbook: minor (slots kept), major from before 17 (slots dropped: drain, record,
 * recreate), major from 17 on (pg_upgrade migrates caught-up, valid slots). Every name is quoted: identifiers
 * in double quotes, slot names (function arguments) as string literals.
 */
final class PostgresRunbook {

    private final Version from;
    private final Version to;
    private final Platform platform;
    private final List<String> slots;
    private final List<String> publications;
    private final List<String> tables;
    private final String plugin;
    private final RunbookSource source;
    private final Map<String, List<String>> publicationTables;
    private final boolean slotPlaceholder;
    private final boolean publicationPlaceholder;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PostgresRunbook(PlanRequest request) {
        if (request.fromVersion() == null || request.toVersion() == null) {
            throw new BadInputException("plan needs --from and --to (or --url, which reads the current version)");
        }
        this.from = version(request.fromVersion(), "--from");
        this.to = version(request.toVersion(), "--to");
        if (to.major() < from.major()) {
            throw new BadInputException("--to " + to + " is older than --from " + from + ": PostgreSQL is not downgraded in place");
        }
        this.platform = PgPlatforms.hosting(request.platform());
        var target = request.target();
        this.slotPlaceholder = target.get(PgOptions.SLOT).isEmpty();
        this.publicationPlaceholder = target.get(PgOptions.PUBLICATION).isEmpty();
        this.slots = slotPlaceholder ? List.of("<slot>") : target.get(PgOptions.SLOT);
        this.publications = publicationPlaceholder ? List.of("<publication>") : target.get(PgOptions.PUBLICATION);
        this.tables = target.tables();
        this.plugin = target.get(PgOptions.PLUGIN) == null ? "pgoutput" : target.get(PgOptions.PLUGIN);
        this.source = request.source();
        this.publicationTables = request.publicationTables();
    }

    static Version version(String text, String flag) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flag + ": " + e.getMessage());
        }
    }

    static Runbook build(PlanRequest request) {
        return new PostgresRunbook(request).build();
    }

    private Runbook build() {
        String kind;
        if (from.major() == to.major()) {
            kind = "minor";
            minor();
        } else if (from.major() < 17 || platform == Platform.AZURE) {
            kind = "major, slots dropped";
            majorBefore17();
        } else {
            kind = "major, slots migrated by pg_upgrade";
            majorFrom17();
        }
        platformNotes();
        outputPluginNote();
        if (slotPlaceholder || publicationPlaceholder) {
            notes.add("Slot or publication names are placeholders (<slot>, <publication>): pass --slot/--publication, "
                    + "or --url to read them from the server.");
        }
        return new Runbook("postgres", "PostgreSQL " + from + " -> " + to + " (" + kind + ", " + platform.id() + ")",
                notes, steps);
    }

    private void minor() {
        notes.add("A minor upgrade replaces the binaries and restarts: slots and publications are kept and the "
                + "reader reconnects where it left off. No snapshot is needed.");
        step(Phase.BEFORE, "Check the pipeline and save a baseline",
                "Everything should PASS before the window.", precheck());
        step(Phase.UPGRADE, "Install the new minor release and restart the server",
                platform.isManaged() ? "Apply the minor version in the provider's console or CLI." : "The reader disconnects during the restart.");
        step(Phase.AFTER, "Confirm the slots came back and the reader reconnected", null, slotStatus());
        afterCommon(false);
    }

    private void majorBefore17() {
        notes.add("Slots do not survive this major upgrade (" + PgPlatforms.slotFateInMajorUpgrade(platform, from.major())
                + "). A new slot streams only changes made after its creation: drain first, keep writes stopped "
                + "until the new slot exists, or re-snapshot.");
        beforeMajor();
        if (platform.isManaged()) {
            List<String> drop = new ArrayList<>();
            for (String slot : slots) {
                drop.add("SELECT pg_drop_replication_slot(" + slotLiteral(slot) + ");");
            }
            step(Phase.BEFORE, "Drop the logical slots, after the baseline",
                    PgPlatforms.slotFateInMajorUpgrade(platform, from.major()) + ".", drop.toArray(String[]::new));
        }
        step(Phase.UPGRADE, "Upgrade the server", upgradeDetail(), upgradeCommands());
        step(Phase.AFTER, "Verify wal_level is logical", "A new cluster starts from its own configuration. "
                + "If it is not logical: " + PgPlatforms.enableLogicalDecoding(platform), "SHOW wal_level;");
        List<String> create = new ArrayList<>();
        for (String slot : slots) {
            create.add("SELECT pg_create_logical_replication_slot(" + slotLiteral(slot) + ", "
                    + PgQuoting.literal(plugin) + ");");
        }
        step(Phase.AFTER, "Recreate the replication slot, before writes resume",
                "Its stream starts now; anything written before this is not in it.", create.toArray(String[]::new));
        List<String> pub = new ArrayList<>();
        for (String p : publications) {
            pub.add("SELECT pubname, puballtables FROM pg_publication WHERE pubname = " + publicationLiteral(p) + ";");
            pub.add("SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = " + publicationLiteral(p) + ";");
            pub.add("-- if missing: CREATE PUBLICATION " + publicationIdent(p) + " FOR TABLE "
                    + (tables.isEmpty() ? "<the tables recorded in step 4>" : PgQuoting.tables(tables)) + ";");
            pub.add(addTables(p));
        }
        step(Phase.AFTER, "Verify (or recreate) the publication with the same tables",
                "pg_upgrade keeps publications; a dump/restore or a rebuilt cluster may not.", pub.toArray(String[]::new));
        afterCommon(true);
    }

    /**
     * ADD TABLE fails as a whole when one table is a member already: with --url only the tables missing from the
     * publication now, else a placeholder to fill in.
     */
    private String addTables(String publication) {
        List<String> members = publicationTables.get(publication);
        if (members == null) {
            return "-- if tables are missing: ALTER PUBLICATION " + publicationIdent(publication)
                    + " ADD TABLE <schema>.<table>;";
        }
        List<String> missing = tables.stream().filter(t -> !members.contains(t.indexOf('.') < 0 ? "public." + t : t))
                .toList();
        if (missing.isEmpty()) {
            return "-- every table is in " + publicationIdent(publication) + " now; add only those missing after the upgrade";
        }
        return "ALTER PUBLICATION " + publicationIdent(publication) + " ADD TABLE " + PgQuoting.tables(missing) + ";";
    }

    /** The slot as a string literal; a placeholder stays bare, so that psql refuses it until it is filled in. */
    private String slotLiteral(String slot) {
        return slotPlaceholder ? slot : PgQuoting.literal(slot);
    }

    private String publicationLiteral(String publication) {
        return publicationPlaceholder ? publication : PgQuoting.literal(publication);
    }

    private String publicationIdent(String publication) {
        return publicationPlaceholder ? publication : PgQuoting.ident(publication);
    }

    private void majorFrom17() {
        notes.add("From 17, pg_upgrade migrates logical slots when every slot has consumed all WAL and none is invalid; "
                + "the new cluster needs wal_level = logical and max_replication_slots >= the number of slots.");
        beforeMajor();
        step(Phase.BEFORE, "Check the slot migration preconditions",
                "Every logical slot caught up (lag 0 after writes stopped) and valid.",
                "SELECT slot_name, wal_status, invalidation_reason, "
                        + "pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) AS lag_bytes "
                        + "FROM pg_replication_slots WHERE slot_type = 'logical';");
        step(Phase.BEFORE, "Prepare the new cluster's configuration",
                "Before pg_upgrade runs, in the new cluster's postgresql.conf (or parameter group).",
                "wal_level = logical", "max_replication_slots = " + Math.max(10, slots.size() + 2)
                        + "   # at least the number of logical slots on the old cluster");
        step(Phase.UPGRADE, "Run pg_upgrade's checks, then the upgrade",
                upgradeDetail() + " pg_upgrade --check refuses slots that are behind or invalid.", upgradeCommands());
        step(Phase.AFTER, "Confirm the slots were migrated", "If a slot is missing, recreate it ("
                + "SELECT pg_create_logical_replication_slot(...)) and follow snapshot-advice.", slotStatus());
        afterCommon(false);
    }

    private void beforeMajor() {
        step(Phase.BEFORE, "Check the pipeline", "Everything should PASS (pg.upgrade_path explains the slot handling).",
                "upgrade-check precheck --engine postgres " + source.options() + " --target-version " + to.major());
        step(Phase.BEFORE, "Stop writes to the captured tables",
                "Stop the applications (maintenance mode); this query lists sessions still connected.",
                "SELECT pid, usename, application_name, state FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend';");
        step(Phase.BEFORE, "Drain: wait until no change for the published tables is pending",
                "On a quiet database the lag in bytes may never reach 0 (WAL without changes for the published tables): "
                        + "set the connector's heartbeat.interval.ms (e.g. 10000) so its position moves past it. "
                        + "upgrade-check drain counts decodable changes, from the connector's offset with --connect-url.",
                "upgrade-check drain --engine postgres " + source.options()
                        + " --connect-url <connect-url> --connector <connector>", lagQuery());
        List<String> record = new ArrayList<>(List.of(precheck()));
        for (String p : publications) {
            record.add("SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = " + publicationLiteral(p) + ";");
        }
        steps.add(Step.of(Phase.BEFORE, "Stop the CDC source", "It flushes its last records and saves its last offset.")
                .as(ReaderAction.STOP));
        step(Phase.BEFORE, "Record slots, positions and publication tables, right before the shutdown",
                "The baseline is what verify and snapshot-advice compare against. Taken with writes stopped and the "
                        + "reader stopped, it records the pending changes (peeked) and the next transaction id, which "
                        + "proves after pg_upgrade that nothing ran after it.", record.toArray(String[]::new));
    }

    private void afterCommon(boolean majorBefore17) {
        step(Phase.AFTER, "Compare with the baseline", null,
                "upgrade-check verify --engine postgres " + source.options() + " --baseline baseline.json",
                "upgrade-check snapshot-advice --engine postgres " + source.options() + " --baseline baseline.json");
        steps.add(Step.of(Phase.AFTER, "Resume the CDC source as the verdict says", (majorBefore17
                ? "If you chose new slot or publication names, update them in the CDC source first. " : "")
                + "NOT_NEEDED: a Debezium PostgreSQL connector whose offset LSN is before the new slot's start refuses "
                + "to start (\"... no longer available on the server\") although nothing was lost: on Debezium 3.4+ "
                + "set offset.mismatch.strategy=trust_slot in its configuration (Kafka Connect: PATCH "
                + ".../config with that key alone, or PUT the whole configuration). REQUIRED or RECOMMENDED: set "
                + "snapshot.mode=when_needed, or keep streaming and send an execute-snapshot signal (incremental "
                + "snapshot) for exactly the tables snapshot-advice names. Then let the applications write again.")
                .as(ReaderAction.RESUME));
        steps.add(Step.of(Phase.AFTER, "Snapshot the tables snapshot-advice names",
                "REQUIRED tables: trigger a (re-)snapshot of exactly those tables in the CDC source.",
                SnapshotSignal.insert("<signal table>", "upgrade-resnapshot", tables)
                        + " -- Debezium signal table (signal.data.collection)").as(ReaderAction.RESNAPSHOT));
        steps.addAll(ProofSteps.after("postgres", source, tables, tables.isEmpty() || tables.get(0).indexOf('.') < 0
                ? "public" : tables.get(0).substring(0, tables.get(0).indexOf('.')), PostgresDialect.INSTANCE));
        step(Phase.AFTER, "Watch lag and the dead-letter queue for 24-48 hours", null, lagQuery());
    }

    private String[] slotStatus() {
        return new String[] {"SELECT slot_name, plugin, active, confirmed_flush_lsn FROM pg_replication_slots WHERE "
                + "slot_name IN (" + String.join(", ", slots.stream().map(this::slotLiteral).toList()) + ");"};
    }

    private String lagQuery() {
        return "SELECT slot_name, active, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) AS lag_bytes "
                + "FROM pg_replication_slots WHERE slot_name IN ("
                + String.join(", ", slots.stream().map(this::slotLiteral).toList()) + ");";
    }

    private String precheck() {
        return "upgrade-check precheck --engine postgres " + source.options() + " --target-version " + to.major()
                + " --save-baseline baseline.json";
    }

    private String upgradeDetail() {
        return switch (platform) {
            case SELF_HOSTED, ATLAS -> "pg_upgrade (or dump/restore) into a cluster initialised with the new version.";
            case RDS -> "Modify the instance's engine version (with a parameter group of the new family that sets "
                    + "rds.logical_replication = 1).";
            case AURORA -> "Upgrade the cluster: the writer carries the slots; readers cannot host logical slots.";
            case CLOUDSQL -> "In-place major version upgrade of the instance; keep the cloudsql.logical_decoding flag.";
            case AZURE -> "In-place major version upgrade of the flexible server; keep wal_level = logical.";
        };
    }

    private String[] upgradeCommands() {
        return switch (platform) {
            case SELF_HOSTED, ATLAS -> new String[] {
                    "pg_upgrade --old-bindir OLD/bin --new-bindir NEW/bin --old-datadir OLD_DATA --new-datadir NEW_DATA --check",
                    "pg_upgrade --old-bindir OLD/bin --new-bindir NEW/bin --old-datadir OLD_DATA --new-datadir NEW_DATA"};
            case RDS -> new String[] {"aws rds modify-db-instance --db-instance-identifier INSTANCE --engine-version "
                    + to + " --db-parameter-group-name GROUP --allow-major-version-upgrade --apply-immediately"};
            case AURORA -> new String[] {"aws rds modify-db-cluster --db-cluster-identifier CLUSTER --engine-version "
                    + to + " --db-cluster-parameter-group-name GROUP --allow-major-version-upgrade --apply-immediately"};
            case CLOUDSQL -> new String[] {"gcloud sql instances patch INSTANCE --database-version=POSTGRES_" + to.major()};
            case AZURE -> new String[] {"az postgres flexible-server upgrade --resource-group GROUP --name SERVER --version "
                    + to.major()};
        };
    }

    private void platformNotes() {
        String slotFate = from.major() == to.major() ? "" : " " + PgPlatforms.slotFateInMajorUpgrade(platform, from.major()) + ".";
        switch (platform) {
            case RDS -> notes.add("RDS: the new version's parameter group must set rds.logical_replication = 1 "
                    + "(a default group resets it); verify after the upgrade." + slotFate);
            case AURORA -> notes.add("Aurora: rds.logical_replication = 1 in the new cluster parameter group; upgrade "
                    + "and connect to the writer (readers only support physical replication)."
                    + slotFate);
            case CLOUDSQL -> notes.add("Cloud SQL: confirm the cloudsql.logical_decoding flag is still on after the upgrade.");
            case AZURE -> notes.add("Azure: confirm the wal_level server parameter is still logical after the upgrade."
                    + slotFate);
            case SELF_HOSTED -> {
            }
        }
    }

    /** A plugin other than pgoutput/test_decoding needs output_plugin_libraries on releases that have it. */
    private void outputPluginNote() {
        var extra = OutputPluginAllowlist.outsideDefault(List.of(plugin));
        if (extra.isEmpty() || OutputPluginAllowlist.knows(from).orElse(false)
                || !OutputPluginAllowlist.knows(to).orElse(true)) {
            return;
        }
        notes.add("Output plugin " + plugin + ": PostgreSQL " + OutputPluginAllowlist.firstRelease(to.major())
                + " and later allow only the plugins listed in " + OutputPluginAllowlist.SETTING + " (default pgoutput, "
                + "test_decoding). Right after the update (not before: older releases refuse to start with it) set "
                + "this line and reload, or the slot stops working:\n  " + OutputPluginAllowlist.line(extra));
    }

    private void step(Phase phase, String title, String detail, String... statements) {
        steps.add(Step.of(phase, title, detail, statements));
    }
}
