package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.PublishedTable;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code precheck --save-baseline} records about a PostgreSQL source (the baseline's {@code state}).
 * No secret: names, positions and settings only.
 *
 * @param systemIdentifier pg_control_system().system_identifier: a new value means a new cluster
 *                         (pg_upgrade, dump/restore), null when the role may not read it
 */
record PgBaselineState(int serverVersionNum, String serverVersion, String platform, String database,
                       String systemIdentifier, Lsn walLsn, String walLevel, Map<String, String> settings,
                       List<SlotRecord> slots, List<PublicationRecord> publications) {

    record SlotRecord(String name, String plugin, String database, boolean active, Lsn confirmedFlushLsn,
                      Long lagBytes) {
        boolean drained() {
            return lagBytes != null && lagBytes == 0;
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

    record PublicationRecord(String name, boolean allTables, boolean insert, boolean update, boolean delete,
                             List<TableName> tables) {
    }

    PgBaselineState {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        slots = slots == null ? List.of() : List.copyOf(slots);
        publications = publications == null ? List.of() : List.copyOf(publications);
    }

    int major() {
        return serverVersionNum / 10000;
    }

    static PgBaselineState capture(PgContext c) throws Exception {
        PgServer s = c.server();
        PgCatalog.Identity identity = c.catalog().identity();
        Map<String, String> settings = new TreeMap<>();
        c.catalog().settings().forEach((name, setting) -> settings.put(name, setting.value()));
        List<SlotRecord> slots = c.slots().stream().filter(Slot::logical).map(sl -> new SlotRecord(sl.name(),
                sl.plugin(), sl.database(), sl.active(), sl.confirmedFlushLsn(), sl.lagBytes())).toList();
        List<PublicationRecord> pubs = c.publications().stream().map(PgBaselineState::record).toList();
        return new PgBaselineState(s.versionNum(), s.version(), s.platform().cliName(), s.database(),
                identity.systemIdentifier(), identity.walLsn(), settings.get("wal_level"), settings, slots, pubs);
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
