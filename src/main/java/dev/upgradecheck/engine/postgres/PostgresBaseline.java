package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.PublishedTable;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.engine.postgres.PgCatalog.SlotStats;
import dev.upgradecheck.engine.postgres.PgCatalog.TableState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code precheck --save-baseline} records about a PostgreSQL source (the baseline's {@code state}).
 * No secret: names, positions and settings only. Fields added later are null in older baselines, which then
 * prove less.
 *
 * @param systemIdentifier pg_control_system().system_identifier: a new value means a new cluster
 *                         (pg_upgrade, dump/restore), null when the role may not read it
 * @param timeline         the latest checkpoint's timeline: a slot behind its baseline on another timeline was
 *                         restored or failed over, on the same one rolled back by a crash
 * @param nextXid          the next transaction id, read without assigning one: after pg_upgrade, template0's
 *                         datfrozenxid equal to it proves that no transaction ran after the baseline
 * @param tables           each published table's oid, file nodes and write counter at the baseline
 * @param startedAt        pg_postmaster_start_time(): another value now means the server restarted since
 */
public record PostgresBaseline(int serverVersionNum, String serverVersion, String platform, String database,
                       String systemIdentifier, Lsn walLsn, String walLevel, Map<String, String> settings,
                       List<SlotRecord> slots, List<PublicationRecord> publications, Integer timeline, Long nextXid,
                       List<TableRecord> tables, Instant startedAt) {

    /**
     * @param stats          pg_stat_replication_slots (14+): the slot's identity evidence
     * @param pendingChanges decodable changes for the published tables the slot still held (pgoutput, inactive
     *                       slot), null when they could not be counted
     * @param lastPendingLsn the LSN of the last of those changes (null when none, or in older baselines)
     */
    record SlotRecord(String name, String plugin, String database, boolean active, Lsn confirmedFlushLsn,
                      Long lagBytes, Lsn restartLsn, Long catalogXmin, Boolean twoPhase, Boolean failover,
                      Boolean synced, SlotStats stats, Long pendingChanges, Lsn lastPendingLsn) {

        /**
         * How the slot is known to have been drained at the baseline, if it is: no decodable change for the
         * published tables pending, no WAL at all after its position, or (given the connector's offset recorded
         * with the baseline) every change it still held at or before the connector's committed LSN. Debezium
         * confirms the position of its last change, inside its last transaction, so the slot returns that
         * transaction again although the connector has it; only the connector's offset tells the two apart.
         */
        Optional<String> drained(Optional<DebeziumOffset> connector) {
            if (pendingChanges != null && pendingChanges == 0) {
                return Optional.of("no decodable change for the published tables was pending in it (peeked)");
            }
            if (lagBytes != null && lagBytes == 0) {
                return Optional.of("its lag was 0");
            }
            if (connector.isPresent() && pendingChanges != null && lastPendingLsn != null && confirmedFlushLsn != null
                    && !connector.get().resume().isBefore(confirmedFlushLsn)
                    && !lastPendingLsn.isAfter(connector.get().latest())) {
                return Optional.of("the " + pendingChanges + " change(s) it still held, up to " + lastPendingLsn
                        + ", were at or before the connector's committed LSN " + connector.get().latest()
                        + " recorded with the baseline");
            }
            return Optional.empty();
        }

        /** Every change still held lies at or before the confirmed position: the reader may have it, or not. */
        boolean pendingOnlyBeforeConfirmed() {
            return pendingChanges != null && lastPendingLsn != null && confirmedFlushLsn != null
                    && !lastPendingLsn.isAfter(confirmedFlushLsn);
        }
    }

    record TableName(String schema, String name, Long membership) {
        String qualified() {
            return schema + "." + name;
        }

        String quoted() {
            return PgQuoting.table(schema, name);
        }
    }

    record TableRecord(String schema, String name, long relid, String fileNodes, long writes) {
        String qualified() {
            return schema + "." + name;
        }
    }

    record PublicationRecord(String name, boolean allTables, boolean insert, boolean update, boolean delete,
                             List<TableName> tables) {
    }

    public PostgresBaseline {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        slots = slots == null ? List.of() : List.copyOf(slots);
        publications = publications == null ? List.of() : List.copyOf(publications);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    int major() {
        return serverVersionNum / 10000;
    }

    Optional<TableRecord> table(String qualified) {
        return tables.stream().filter(t -> t.qualified().equals(qualified)).findFirst();
    }

    Optional<TableRecord> tableByRelid(long relid) {
        return tables.stream().filter(t -> t.relid() == relid).findFirst();
    }

    static PostgresBaseline capture(PgContext c) throws Exception {
        PgServer s = c.server();
        PgCatalog.Identity identity = c.catalog().identity();
        Map<String, String> settings = new TreeMap<>();
        c.catalog().settings().forEach((name, setting) -> settings.put(name, setting.value()));
        List<String> publications = c.publications().stream().map(Publication::name).toList();
        List<SlotRecord> slots = new ArrayList<>();
        for (Slot sl : c.slots().stream().filter(Slot::logical).toList()) {
            Optional<PgCatalog.Pending> pending = c.catalog().pendingChanges(sl, publications);
            slots.add(new SlotRecord(sl.name(), sl.plugin(), sl.database(), sl.active(), sl.confirmedFlushLsn(),
                    sl.lagBytes(), sl.restartLsn(), sl.catalogXmin(), sl.twoPhase(), sl.failover(), sl.synced(),
                    c.catalog().slotStats().get(sl.name()), pending.map(PgCatalog.Pending::total).orElse(null),
                    pending.map(PgCatalog.Pending::last).orElse(null)));
        }
        List<PublicationRecord> pubs = c.publications().stream().map(PostgresBaseline::record).toList();
        List<TableRecord> tables = c.catalog().publishedTableStates().values().stream()
                .map(PostgresBaseline::record).sorted(java.util.Comparator.comparing(TableRecord::qualified)).toList();
        return new PostgresBaseline(s.versionNum(), s.version(), s.platform().id(), s.database(),
                identity.systemIdentifier(), identity.walLsn(), settings.get("wal_level"), settings, slots, pubs,
                identity.timeline(), identity.nextXid(), tables, identity.startedAt());
    }

    private static TableRecord record(TableState t) {
        return new TableRecord(t.table().schema(), t.table().name(), t.relid(), t.fileNodes(), t.writes());
    }

    private static PublicationRecord record(Publication p) {
        return new PublicationRecord(p.name(), p.allTables(), p.insert(), p.update(), p.delete(),
                p.tables().stream().map(PublishedTable::table)
                        .map(t -> new TableName(t.schema(), t.name(), membership(p, t))).toList());
    }

    private static Long membership(Publication p, PgCatalog.Table t) {
        return p.tables().stream().filter(x -> x.table().equals(t)).findFirst().map(PublishedTable::membership).orElse(null);
    }
}
