package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog reads every check shares, each one query, run once per session and remembered (failures
 * too, so every check that needs a denied read reports the same ERROR). Round trips matter on a busy
 * primary during a window: settings, slots and publications are one query each.
 */
final class PgCatalog {

    /** Settings the checks and the baseline read; custom ones (rds., cloudsql.) exist only on their platform. */
    static final List<String> SETTING_NAMES = List.of("wal_level", "max_replication_slots", "max_wal_senders",
            "max_slot_wal_keep_size", "wal_keep_size", "archive_mode", "archive_command", "hot_standby_feedback",
            "rds.logical_replication", "cloudsql.logical_decoding", "server_version_num");

    /** pg_settings (9.5+ for pending_restart) hides superuser-only settings from others; none we read is. */
    static final String SETTINGS = """
            SELECT name, setting, unit, source, pending_restart
            FROM pg_settings WHERE name = ANY (?)
            """;

    /**
     * Every slot with its lag. On a standby pg_current_wal_lsn() raises an error, so the replay position
     * stands in. Version-dependent columns are filled in by {@link #slotsQuery(int)}.
     */
    static final String SLOTS = """
            WITH pos AS (
              SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END AS lsn
            )
            SELECT s.slot_name, s.plugin, s.slot_type, s.database, s.temporary, s.active, s.active_pid,
                   s.restart_lsn::text AS restart_lsn, s.confirmed_flush_lsn::text AS confirmed_flush_lsn,
                   pos.lsn::text AS current_lsn,
                   pg_wal_lsn_diff(pos.lsn, s.confirmed_flush_lsn)::bigint AS lag_bytes,
                   %s
            FROM pg_replication_slots s CROSS JOIN pos
            ORDER BY s.slot_name
            """;
    /** 13 added wal_status and safe_wal_size (max_slot_wal_keep_size). */
    static final String SLOT_COLUMNS_13 = "s.wal_status, s.safe_wal_size";
    static final String SLOT_COLUMNS_BEFORE_13 = "NULL::text AS wal_status, NULL::bigint AS safe_wal_size";
    /** 16 added conflicting (logical slots on a standby). */
    static final String SLOT_CONFLICTING_16 = "s.conflicting";
    static final String SLOT_CONFLICTING_BEFORE_16 = "NULL::boolean AS conflicting";
    /** 17 added invalidation_reason (wal_removed, rows_removed, wal_level_insufficient, idle_timeout...). */
    static final String SLOT_INVALIDATION_17 = "s.invalidation_reason";
    static final String SLOT_INVALIDATION_BEFORE_17 = "NULL::text AS invalidation_reason";

    /**
     * Publications with their tables, each table's replica identity and its pg_publication_rel row
     * (a new row, with a new oid, each time the table is added: how a re-added table is told apart).
     * pg_publication_tables expands FOR ALL TABLES publications. pubtruncate is 11+.
     */
    static final String PUBLICATIONS = """
            SELECT p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate,
                   t.schemaname, t.tablename, c.relreplident::text AS relreplident,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS has_pk,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident) AS has_identity_index,
                   pr.oid::bigint AS membership
            FROM pg_publication p
            LEFT JOIN pg_publication_tables t ON t.pubname = p.pubname
            LEFT JOIN pg_namespace n ON n.nspname = t.schemaname
            LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.tablename
            LEFT JOIN pg_publication_rel pr ON pr.prpubid = p.oid AND pr.prrelid = c.oid
            ORDER BY p.pubname, t.schemaname, t.tablename
            """;

    /** The CDC role: replication attribute, superuser, or RDS's rds_replication membership. */
    static final String ROLE = """
            SELECT r.rolname, r.rolreplication, r.rolsuper, r.rolcanlogin,
                   EXISTS (SELECT 1 FROM pg_roles g
                           WHERE g.rolname = 'rds_replication' AND pg_has_role(r.oid, g.oid, 'MEMBER')) AS rds_replication
            FROM pg_roles r WHERE r.rolname = ?
            """;

    /** Published tables the CDC role cannot SELECT (the initial and any re-snapshot reads them). */
    static final String TABLES_WITHOUT_SELECT = """
            SELECT DISTINCT t.schemaname, t.tablename
            FROM pg_publication_tables t
            WHERE NOT has_table_privilege(?::name, format('%I.%I', t.schemaname, t.tablename), 'SELECT')
            ORDER BY 1, 2
            """;

    /**
     * The reader behind each active logical slot. pg_stat_replication shows only the pid of another role's
     * WAL sender unless the viewer has pg_read_all_stats (10+): state is then null.
     */
    static final String READERS = """
            SELECT s.slot_name, r.pid, r.state, r.application_name,
                   r.sent_lsn::text AS sent_lsn, r.flush_lsn::text AS flush_lsn
            FROM pg_replication_slots s JOIN pg_stat_replication r ON r.pid = s.active_pid
            WHERE s.slot_type = 'logical'
            """;

    /** The archiver's own statistics (readable by every role): what the database can say about backups. */
    static final String ARCHIVER = """
            SELECT archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal,
                   last_failed_time, (last_failed_time IS NOT NULL
                     AND (last_archived_time IS NULL OR last_failed_time > last_archived_time)) AS failing
            FROM pg_stat_archiver
            """;

    /** Writes per table since the statistics began; pg_upgrade starts the new cluster with none. */
    static final String TABLE_WRITES = """
            SELECT schemaname, relname, (n_tup_ins + n_tup_upd + n_tup_del)::bigint AS writes
            FROM pg_stat_user_tables
            """;

    /** pg_control_system() (9.6+) is executable by PUBLIC unless a provider revoked it. */
    static final String IDENTITY = """
            SELECT (SELECT system_identifier::text FROM pg_control_system()) AS system_identifier,
                   CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text AS wal_lsn
            """;

    record Setting(String name, String value, String unit, String source, boolean pendingRestart) {
    }

    record Slot(String name, String plugin, String type, String database, boolean temporary, boolean active,
                Integer activePid, Lsn restartLsn, Lsn confirmedFlushLsn, Lsn currentLsn, Long lagBytes,
                String walStatus, Long safeWalSize, Boolean conflicting, String invalidationReason) {
        boolean logical() {
            return "logical".equals(type);
        }

        /** Lost WAL (13+), a conflict on a standby (16) or a recorded invalidation (17+). */
        boolean invalid() {
            return "lost".equals(walStatus) || Boolean.TRUE.equals(conflicting) || invalidationReason != null;
        }
    }

    record Table(String schema, String name) implements Comparable<Table> {
        @Override
        public String toString() {
            return schema + "." + name;
        }

        String quoted() {
            return PgQuoting.table(schema, name);
        }

        @Override
        public int compareTo(Table o) {
            return toString().compareTo(o.toString());
        }
    }

    record PublishedTable(Table table, String replicaIdentity, boolean hasPrimaryKey, boolean hasIdentityIndex,
                          Long membership) {
        /** default identity needs a primary key; USING INDEX needs its index; FULL always works; NOTHING never. */
        boolean usableIdentity() {
            return switch (replicaIdentity == null ? "d" : replicaIdentity) {
                case "f" -> true;
                case "i" -> hasIdentityIndex;
                case "n" -> false;
                default -> hasPrimaryKey;
            };
        }
    }

    record Publication(String name, boolean allTables, boolean insert, boolean update, boolean delete,
                       Boolean truncate, List<PublishedTable> tables) {
        List<Table> tableNames() {
            return tables.stream().map(PublishedTable::table).toList();
        }
    }

    record Role(String name, boolean replication, boolean superuser, boolean canLogin, boolean rdsReplication) {
    }

    record Reader(String slot, int pid, String state, String applicationName, Lsn sentLsn, Lsn flushLsn) {
    }

    record Archiver(long archivedCount, String lastArchivedWal, Object lastArchivedTime, long failedCount,
                    String lastFailedWal, boolean failing) {
    }

    record Identity(String systemIdentifier, Lsn walLsn) {
    }

    private final SqlSession sql;
    private final PgServer server;
    private final Map<String, Object> memo = new HashMap<>();

    PgCatalog(SqlSession sql, PgServer server) {
        this.sql = sql;
        this.server = server;
    }

    PgServer server() {
        return server;
    }

    Map<String, Setting> settings() throws Exception {
        return remember("settings", () -> {
            Map<String, Setting> settings = new LinkedHashMap<>();
            for (Row r : sql.query(SETTINGS, (Object) SETTING_NAMES.toArray(String[]::new))) {
                settings.put(r.string("name"), new Setting(r.string("name"), r.string("setting"), r.string("unit"),
                        r.string("source"), Boolean.TRUE.equals(r.bool("pending_restart"))));
            }
            return settings;
        });
    }

    Optional<String> setting(String name) throws Exception {
        return Optional.ofNullable(settings().get(name)).map(Setting::value);
    }

    static String slotsQuery(int major) {
        String columns = String.join(", ",
                major >= 13 ? SLOT_COLUMNS_13 : SLOT_COLUMNS_BEFORE_13,
                major >= 16 ? SLOT_CONFLICTING_16 : SLOT_CONFLICTING_BEFORE_16,
                major >= 17 ? SLOT_INVALIDATION_17 : SLOT_INVALIDATION_BEFORE_17);
        return SLOTS.formatted(columns);
    }

    List<Slot> slots() throws Exception {
        return remember("slots", () -> {
            List<Slot> slots = new ArrayList<>();
            for (Row r : sql.query(slotsQuery(server.major()))) {
                slots.add(new Slot(r.string("slot_name"), r.string("plugin"), r.string("slot_type"),
                        r.string("database"), Boolean.TRUE.equals(r.bool("temporary")), r.bool("active"),
                        r.longValue("active_pid") == null ? null : r.longValue("active_pid").intValue(),
                        Lsn.parseNullable(r.string("restart_lsn")), Lsn.parseNullable(r.string("confirmed_flush_lsn")),
                        Lsn.parseNullable(r.string("current_lsn")), r.longValue("lag_bytes"), r.string("wal_status"),
                        r.longValue("safe_wal_size"), r.get("conflicting") == null ? null : r.bool("conflicting"),
                        r.string("invalidation_reason")));
            }
            return slots;
        });
    }

    List<Publication> publications() throws Exception {
        return remember("publications", () -> {
            Map<String, Publication> byName = new LinkedHashMap<>();
            for (Row r : sql.query(PUBLICATIONS)) {
                Publication p = byName.computeIfAbsent(r.string("pubname"), name -> new Publication(name,
                        r.bool("puballtables"), r.bool("pubinsert"), r.bool("pubupdate"), r.bool("pubdelete"),
                        r.get("pubtruncate") == null ? null : r.bool("pubtruncate"), new ArrayList<>()));
                if (r.string("tablename") != null) {
                    p.tables().add(new PublishedTable(new Table(r.string("schemaname"), r.string("tablename")),
                            r.string("relreplident"), Boolean.TRUE.equals(r.bool("has_pk")),
                            Boolean.TRUE.equals(r.bool("has_identity_index")), r.longValue("membership")));
                }
            }
            return byName.values().stream().map(p -> new Publication(p.name(), p.allTables(), p.insert(),
                    p.update(), p.delete(), p.truncate(), List.copyOf(p.tables()))).toList();
        });
    }

    Optional<Role> role(String name) throws Exception {
        return remember("role:" + name, () -> sql.first(ROLE, name).map(r -> new Role(r.string("rolname"),
                r.bool("rolreplication"), r.bool("rolsuper"), r.bool("rolcanlogin"), r.bool("rds_replication"))));
    }

    List<Table> tablesWithoutSelect(String role) throws Exception {
        return remember("noselect:" + role, () -> sql.query(TABLES_WITHOUT_SELECT, role).stream()
                .map(r -> new Table(r.string("schemaname"), r.string("tablename"))).toList());
    }

    List<Reader> readers() throws Exception {
        return remember("readers", () -> {
            List<Reader> readers = new ArrayList<>();
            for (Row r : sql.query(READERS)) {
                readers.add(new Reader(r.string("slot_name"), r.longValue("pid").intValue(), r.string("state"),
                        r.string("application_name"), Lsn.parseNullable(r.string("sent_lsn")),
                        Lsn.parseNullable(r.string("flush_lsn"))));
            }
            if (readers.stream().anyMatch(r -> r.state() == null)) {
                throw new MissingPrivilege("pg_stat_replication hides the WAL sender's state from role "
                        + server.user() + " (it needs the privileges of pg_read_all_stats)",
                        "GRANT pg_read_all_stats TO " + PgQuoting.ident(server.user()) + ";", null);
            }
            return readers;
        });
    }

    Archiver archiver() throws Exception {
        return remember("archiver", () -> {
            Row r = sql.one(ARCHIVER);
            return new Archiver(r.longValue("archived_count"), r.string("last_archived_wal"),
                    r.get("last_archived_time"), r.longValue("failed_count"), r.string("last_failed_wal"),
                    r.bool("failing"));
        });
    }

    Map<Table, Long> tableWrites() throws Exception {
        return remember("writes", () -> {
            Map<Table, Long> writes = new HashMap<>();
            for (Row r : sql.query(TABLE_WRITES)) {
                writes.put(new Table(r.string("schemaname"), r.string("relname")), r.longValue("writes"));
            }
            return writes;
        });
    }

    Identity identity() throws Exception {
        return remember("identity", () -> {
            try {
                Row r = sql.one(IDENTITY);
                return new Identity(r.string("system_identifier"), Lsn.parseNullable(r.string("wal_lsn")));
            } catch (SQLException e) {
                if (PgErrors.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    throw new MissingPrivilege("role " + server.user() + " may not call pg_control_system()",
                            "GRANT EXECUTE ON FUNCTION pg_control_system() TO " + PgQuoting.ident(server.user()) + ";", e);
                }
                throw e;
            }
        });
    }

    @FunctionalInterface
    private interface Load<T> {
        T load() throws Exception;
    }

    @SuppressWarnings("unchecked")
    private <T> T remember(String key, Load<T> load) throws Exception {
        if (!memo.containsKey(key)) {
            try {
                memo.put(key, load.load());
            } catch (Exception e) {
                memo.put(key, new Failed(e));
            }
        }
        Object value = memo.get(key);
        if (value instanceof Failed failed) {
            throw failed.error();
        }
        return (T) value;
    }

    private record Failed(Exception error) {
    }
}
