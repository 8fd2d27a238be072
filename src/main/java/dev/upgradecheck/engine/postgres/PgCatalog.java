package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog reads every check shares, each one query, run once per session and remembered (failures
 * too, so every check that needs a denied read reports the same ERROR). Round trips matter on a busy
 * primary during a window and across a network: settings, slots and publications are one query each, and the
 * reads the configuration checks share go to the server together in one round trip ({@link #prefetchChecks}).
 */
final class PgCatalog {

    /** Settings the checks and the baseline read; custom ones (rds., cloudsql.) exist only on their platform. */
    static final List<String> SETTING_NAMES = List.of("wal_level", "max_replication_slots", "max_wal_senders",
            "max_slot_wal_keep_size", "wal_keep_size", "archive_mode", "archive_command", "hot_standby_feedback",
            "rds.logical_replication", "cloudsql.logical_decoding", "server_version_num",
            OutputPluginAllowlist.SETTING);

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
                   s.catalog_xmin::text AS catalog_xmin, pos.lsn::text AS current_lsn,
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
    /** 14 added two_phase; 17 added failover and synced (a slot synchronised from the primary to a standby). */
    static final String SLOT_FLAGS_17 = "s.two_phase, s.failover, s.synced";
    static final String SLOT_FLAGS_14 = "s.two_phase, NULL::boolean AS failover, NULL::boolean AS synced";
    static final String SLOT_FLAGS_BEFORE_14 = "NULL::boolean AS two_phase, NULL::boolean AS failover, "
            + "NULL::boolean AS synced";

    /**
     * A slot's decoding statistics (14+). They only grow while the slot lives: counters that went down, or a
     * new stats_reset, mean a new slot under the old name (or statistics lost in a crash or reset by hand).
     */
    static final String SLOT_STATS = """
            SELECT slot_name, total_txns, total_bytes, spill_txns, spill_count, spill_bytes,
                   stream_txns, stream_count, stream_bytes, stats_reset::text AS stats_reset
            FROM pg_stat_replication_slots
            """;

    /**
     * Changes for the published tables a pgoutput slot still holds, per relation oid, without consuming them
     * (peek). Bounded by upto_nchanges; the slot must be inactive. Message bytes (protocol 1): I/U/D carry the
     * relation oid at offset 1, T its first relation at offset 6. Only changes past {@code seen} count: a reader
     * such as Debezium confirms the position of the last change it handled, so the peek returns its last transaction
     * again (it commits after that position) though the reader skips every change up to its offset on restart.
     * The slot alone cannot tell that from a new slot whose first change starts at its creation point, so
     * {@code seen} is the connector's committed LSN when it is known, else 0/0 (every peeked change counts).
     */
    static final String PENDING_CHANGES = """
            SELECT CASE WHEN get_byte(data, 0) = 84
                        THEN ('x' || encode(substring(data from 7 for 4), 'hex'))::bit(32)::int
                        ELSE ('x' || encode(substring(data from 2 for 4), 'hex'))::bit(32)::int END::bigint AS relid,
                   count(*) AS changes, max(lsn)::text AS last_lsn
            FROM pg_logical_slot_peek_binary_changes(?, NULL, ?, 'proto_version', '1', 'publication_names', ?)
            WHERE get_byte(data, 0) IN (73, 85, 68, 84) AND lsn > ?::pg_lsn
            GROUP BY 1
            """;
    /** Enough to tell "nothing pending" from "something pending" without decoding a long backlog. */
    static final int PEEK_LIMIT = 100_000;

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

    /** The database's own tables (partitions are read through their root, as publish_via_partition_root does). */
    static final String USER_TABLES = """
            SELECT n.nspname AS schemaname, c.relname AS tablename
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
            ORDER BY 1, 2
            """;

    /** Whether this session's role may read the table (asked first: a refused SELECT would end the transaction). */
    static final String MAY_READ = """
            SELECT has_table_privilege(format('%I.%I', ?::text, ?::text), 'SELECT') AS allowed
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

    /**
     * Each published table (a partitioned one with its partitions: writes are counted on the leaves, the root
     * shows none) with its writes since the statistics began (pg_upgrade starts the new cluster with none) and
     * its leaves' file nodes, which TRUNCATE and table rewrites change without counting a row (12+).
     */
    static final String PUBLISHED_TABLE_STATE = """
            WITH published AS (
              SELECT DISTINCT c.oid, c.relkind, n.nspname, c.relname
              FROM pg_publication_tables t
              JOIN pg_namespace n ON n.nspname = t.schemaname
              JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.tablename
            ), leaves AS (
              SELECT p.oid AS root, tr.relid AS leaf
              FROM published p CROSS JOIN LATERAL pg_partition_tree(p.oid) tr
              WHERE p.relkind = 'p' AND tr.isleaf
              UNION ALL
              SELECT p.oid, p.oid FROM published p WHERE p.relkind <> 'p'
            )
            SELECT p.nspname AS schemaname, p.relname, p.oid::bigint AS relid,
                   (SELECT string_agg(l.relfilenode::text, ',' ORDER BY l.oid)
                    FROM leaves x JOIN pg_class l ON l.oid = x.leaf WHERE x.root = p.oid) AS file_nodes,
                   (SELECT coalesce(sum(s.n_tup_ins + s.n_tup_upd + s.n_tup_del), 0)
                    FROM leaves x JOIN pg_stat_all_tables s ON s.relid = x.leaf WHERE x.root = p.oid)::bigint AS writes
            FROM published p
            """;

    /** Relations by oid: how a renamed table (same oid, new name) is told from a dropped one (oid gone). */
    static final String RELATIONS_BY_OID = """
            SELECT c.oid::bigint AS relid, n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid::bigint = ANY (?)
            """;

    /**
     * pg_control_system() and pg_control_checkpoint() (9.6+) are executable by PUBLIC unless a provider revoked
     * them. The next transaction id is read without assigning one (13+: pg_current_snapshot; before:
     * txid_current_snapshot): pg_upgrade carries the counter over, so it shows whether transactions ran after the
     * baseline. template0 is never restored by pg_upgrade, which sets its datfrozenxid to the old cluster's final
     * next transaction id.
     */
    static final String IDENTITY = """
            SELECT (SELECT system_identifier::text FROM pg_control_system()) AS system_identifier,
                   (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline_id,
                   %s::text AS next_xid,
                   (SELECT datfrozenxid::text FROM pg_database WHERE datname = 'template0') AS template0_frozen_xid,
                   CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text AS wal_lsn,
                   extract(epoch FROM pg_postmaster_start_time())::text AS started_at
            """;
    static final String NEXT_XID_13 = "pg_snapshot_xmax(pg_current_snapshot())";
    static final String NEXT_XID_BEFORE_13 = "txid_snapshot_xmax(txid_current_snapshot())";

    record Setting(String name, String value, String unit, String source, boolean pendingRestart) {
    }

    record Slot(String name, String plugin, String type, String database, boolean temporary, boolean active,
                Integer activePid, Lsn restartLsn, Lsn confirmedFlushLsn, Long catalogXmin, Lsn currentLsn,
                Long lagBytes, String walStatus, Long safeWalSize, Boolean conflicting, String invalidationReason,
                Boolean twoPhase, Boolean failover, Boolean synced) {
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

    /** The slot's decoding statistics (14+); each counter only grows while the slot lives. */
    record SlotStats(long totalTxns, long totalBytes, long spillTxns, long spillCount, long spillBytes,
                     long streamTxns, long streamCount, long streamBytes, String statsReset) {

        /** The counters that are lower than {@code before}'s, or a changed reset time: empty when none. */
        List<String> wentBack(SlotStats before) {
            List<String> lower = new ArrayList<>();
            long[] now = counters();
            long[] then = before.counters();
            String[] names = {"total_txns", "total_bytes", "spill_txns", "spill_count", "spill_bytes",
                    "stream_txns", "stream_count", "stream_bytes"};
            for (int i = 0; i < names.length; i++) {
                if (now[i] < then[i]) {
                    lower.add(names[i] + " " + then[i] + " -> " + now[i]);
                }
            }
            if (!java.util.Objects.equals(statsReset, before.statsReset)) {
                lower.add("stats_reset " + before.statsReset + " -> " + statsReset);
            }
            return lower;
        }

        /** Whether the slot decoded anything since {@code before}. */
        boolean decodedSince(SlotStats before) {
            return totalTxns > before.totalTxns || totalBytes > before.totalBytes;
        }

        private long[] counters() {
            return new long[] {totalTxns, totalBytes, spillTxns, spillCount, spillBytes, streamTxns, streamCount,
                    streamBytes};
        }
    }

    /** A published table: its oid, its leaves' file nodes, and its writes since the statistics began. */
    record TableState(Table table, long relid, String fileNodes, long writes) {
    }

    /**
     * @param timeline           the latest checkpoint's timeline: a new one means a promotion or a restore
     * @param nextXid            the next transaction id (with epoch), read without assigning one
     * @param template0FrozenXid template0's datfrozenxid: after pg_upgrade, the old cluster's final next xid
     * @param startedAt          pg_postmaster_start_time() (read as epoch seconds, so the session's time zone cannot
     *                           change it): another value than the baseline's means a restart since
     */
    record Identity(String systemIdentifier, Integer timeline, Long nextXid, Long template0FrozenXid, Lsn walLsn,
                    Instant startedAt) {
    }

    private final SqlSession sql;
    private final PgServer server;
    private final Optional<ClusterFacts> shared;
    private final Map<String, Object> memo = new HashMap<>();

    /** @param shared the fleet run's cluster-wide rows, empty outside a fleet */
    PgCatalog(SqlSession sql, PgServer server, Optional<ClusterFacts> shared) {
        this.sql = sql;
        this.server = server;
        this.shared = shared;
    }

    PgServer server() {
        return server;
    }

    /**
     * The reads precheck's and verify's configuration checks share (settings, slots, publications, the CDC role
     * and its SELECT grants, the readers, the archiver), sent in one round trip. When that flight fails (a denied
     * or timed-out read stops the rest), nothing is remembered from it: each read then runs on its own when a
     * check asks, and reports its own error. In a fleet, the cluster-wide reads come from the first session on the
     * same server when it read them ({@link ClusterFacts}); the flight then carries this database's reads only.
     */
    void prefetchChecks(String role) {
        List<Read<?>> clusterWide = List.of(settingsRead(), slotsRead(), roleRead(role), readersRead(), archiverRead());
        List<Read<?>> all = new ArrayList<>(clusterWide);
        all.addAll(List.of(publicationsRead(), noSelectRead(role)));
        Optional<ClusterFacts.Key> key = ClusterFacts.Key.of(server);
        if (shared.isEmpty() || key.isEmpty()) {
            prefetch(all);
            return;
        }
        // the reader's flight is bounded by one query timeout per read: wait no longer than that
        Duration bound = Duration.ofSeconds((long) sql.timeoutSeconds() * all.size());
        ClusterFacts.Turn turn = shared.get().turn(key.get(), bound);
        if (turn.reader()) {
            Map<String, List<Row>> read = Map.of();
            try {
                read = prefetch(all);
            } finally {
                Map<String, List<Row>> forOthers = new HashMap<>(read);
                forOthers.keySet().retainAll(clusterWide.stream().map(Read::key).toList());
                turn.publish(forOthers);
            }
            return;
        }
        Map<String, List<Row>> known = turn.rows();
        clusterWide.stream().filter(r -> known.containsKey(r.key()))
                .forEach(r -> memoize(r.key(), () -> r.parse().parse(known.get(r.key()))));
        prefetch(all);
    }

    /** The reads not yet remembered, in one flight: their rows by read key, empty when the flight failed. */
    private Map<String, List<Row>> prefetch(List<Read<?>> reads) {
        List<Read<?>> missing = reads.stream().filter(r -> !memo.containsKey(r.key())).toList();
        if (missing.size() < 2) {
            return Map.of();
        }
        List<List<Row>> results;
        try {
            results = sql.queryAll(missing.stream().map(Read::statement).toList());
        } catch (SQLException e) {
            return Map.of();
        }
        Map<String, List<Row>> byKey = new HashMap<>();
        for (int i = 0; i < missing.size(); i++) {
            Read<?> read = missing.get(i);
            List<Row> rows = results.get(i);
            byKey.put(read.key(), rows);
            memoize(read.key(), () -> read.parse().parse(rows));
        }
        return byKey;
    }

    Map<String, Setting> settings() throws Exception {
        return read(settingsRead());
    }

    private static Read<Map<String, Setting>> settingsRead() {
        return new Read<>("settings", new SqlSession.Read(SETTINGS, (Object) SETTING_NAMES.toArray(String[]::new)),
                rows -> {
                    Map<String, Setting> settings = new LinkedHashMap<>();
                    for (Row r : rows) {
                        settings.put(r.string("name"), new Setting(r.string("name"), r.string("setting"),
                                r.string("unit"), r.string("source"), Boolean.TRUE.equals(r.bool("pending_restart"))));
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
                major >= 17 ? SLOT_INVALIDATION_17 : SLOT_INVALIDATION_BEFORE_17,
                major >= 17 ? SLOT_FLAGS_17 : major >= 14 ? SLOT_FLAGS_14 : SLOT_FLAGS_BEFORE_14);
        return SLOTS.formatted(columns);
    }

    List<Slot> slots() throws Exception {
        return read(slotsRead());
    }

    private Read<List<Slot>> slotsRead() {
        return new Read<>("slots", new SqlSession.Read(slotsQuery(server.major())), rows -> {
            List<Slot> slots = new ArrayList<>();
            for (Row r : rows) {
                slots.add(new Slot(r.string("slot_name"), r.string("plugin"), r.string("slot_type"),
                        r.string("database"), Boolean.TRUE.equals(r.bool("temporary")), r.bool("active"),
                        r.longValue("active_pid") == null ? null : r.longValue("active_pid").intValue(),
                        Lsn.parseNullable(r.string("restart_lsn")), Lsn.parseNullable(r.string("confirmed_flush_lsn")),
                        number(r.string("catalog_xmin")), Lsn.parseNullable(r.string("current_lsn")),
                        r.longValue("lag_bytes"), r.string("wal_status"), r.longValue("safe_wal_size"),
                        r.get("conflicting") == null ? null : r.bool("conflicting"), r.string("invalidation_reason"),
                        r.bool("two_phase"), r.bool("failover"), r.bool("synced")));
            }
            return slots;
        });
    }

    List<Publication> publications() throws Exception {
        return read(publicationsRead());
    }

    private static Read<List<Publication>> publicationsRead() {
        return new Read<>("publications", new SqlSession.Read(PUBLICATIONS), rows -> {
            Map<String, Publication> byName = new LinkedHashMap<>();
            for (Row r : rows) {
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
        return read(roleRead(name));
    }

    private static Read<Optional<Role>> roleRead(String name) {
        return new Read<>("role:" + name, new SqlSession.Read(ROLE, name), rows -> rows.stream().findFirst()
                .map(r -> new Role(r.string("rolname"), r.bool("rolreplication"), r.bool("rolsuper"),
                        r.bool("rolcanlogin"), r.bool("rds_replication"))));
    }

    /** Whether the table holds a row (one row read at most); empty when this role may not read it. */
    Optional<Boolean> hasRows(Table t) throws Exception {
        boolean allowed = read(new Read<>("mayread:" + t.quoted(), new SqlSession.Read(MAY_READ, t.schema(), t.name()),
                rows -> rows.get(0).bool("allowed")));
        if (!allowed) {
            return Optional.empty();
        }
        return Optional.of(read(new Read<>("hasrows:" + t.quoted(), new SqlSession.Read("SELECT EXISTS (SELECT 1 FROM "
                + t.quoted() + ") AS has_rows"), rows -> rows.get(0).bool("has_rows"))));
    }

    List<Table> userTables() throws Exception {
        return read(new Read<>("usertables", new SqlSession.Read(USER_TABLES), rows -> rows.stream()
                .map(r -> new Table(r.string("schemaname"), r.string("tablename"))).toList()));
    }

    List<Table> tablesWithoutSelect(String role) throws Exception {
        return read(noSelectRead(role));
    }

    private static Read<List<Table>> noSelectRead(String role) {
        return new Read<>("noselect:" + role, new SqlSession.Read(TABLES_WITHOUT_SELECT, role), rows -> rows.stream()
                .map(r -> new Table(r.string("schemaname"), r.string("tablename"))).toList());
    }

    List<Reader> readers() throws Exception {
        return read(readersRead());
    }

    private Read<List<Reader>> readersRead() {
        return new Read<>("readers", new SqlSession.Read(READERS), rows -> {
            List<Reader> readers = new ArrayList<>();
            for (Row r : rows) {
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
        return read(archiverRead());
    }

    private static Read<Archiver> archiverRead() {
        return new Read<>("archiver", new SqlSession.Read(ARCHIVER), rows -> {
            if (rows.isEmpty()) {
                throw new SQLException("query returned no row: " + ARCHIVER);
            }
            Row r = rows.get(0);
            return new Archiver(r.longValue("archived_count"), r.string("last_archived_wal"),
                    r.get("last_archived_time"), r.longValue("failed_count"), r.string("last_failed_wal"),
                    r.bool("failing"));
        });
    }

    /** Statistics per slot name; empty before 14, which has no pg_stat_replication_slots. */
    Map<String, SlotStats> slotStats() throws Exception {
        return remember("slotstats", () -> {
            Map<String, SlotStats> stats = new HashMap<>();
            if (!server.atLeast(14)) {
                return stats;
            }
            for (Row r : sql.query(SLOT_STATS)) {
                stats.put(r.string("slot_name"), new SlotStats(r.longValue("total_txns"), r.longValue("total_bytes"),
                        r.longValue("spill_txns"), r.longValue("spill_count"), r.longValue("spill_bytes"),
                        r.longValue("stream_txns"), r.longValue("stream_count"), r.longValue("stream_bytes"),
                        r.string("stats_reset")));
            }
            return stats;
        });
    }

    /**
     * The decodable changes for the published tables that an inactive pgoutput slot still holds, counted per
     * relation oid without consuming them, and the LSN of the last one (null when none).
     */
    record Pending(Map<Long, Long> perRelation, Lsn last) {
        long total() {
            return perRelation.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * What an inactive pgoutput slot still holds for the published tables; empty when the answer is unknown
     * (another plugin, an active slot, no REPLICATION privilege, too long a backlog to decode within the query
     * timeout).
     */
    Optional<Pending> pendingChanges(Slot slot, List<String> publications) {
        return pendingChanges(slot, publications, null);
    }

    /** As {@link #pendingChanges(Slot, List)}, counting only changes after the reader's own committed LSN. */
    Optional<Pending> pendingChanges(Slot slot, List<String> publications, Lsn seen) {
        if (!"pgoutput".equals(slot.plugin()) || slot.active() || publications.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(",", publications.stream().map(PgQuoting::ident).toList());
        try {
            String after = seen == null ? "0/0" : seen.toString();
            return remember("pending:" + slot.name() + ":" + names + ":" + after, () -> {
                Map<Long, Long> perRelation = new HashMap<>();
                Lsn last = null;
                for (Row r : sql.query(PENDING_CHANGES, slot.name(), PEEK_LIMIT, names, after)) {
                    perRelation.put(r.longValue("relid"), r.longValue("changes"));
                    Lsn l = Lsn.parse(r.string("last_lsn"));
                    last = last == null || l.isAfter(last) ? l : last;
                }
                return Optional.of(new Pending(perRelation, last));
            });
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The relations that still exist among these oids, with their current names. */
    Map<Long, Table> relationsByOid(java.util.Collection<Long> oids) throws Exception {
        Map<Long, Table> found = new HashMap<>();
        for (Row r : sql.query(RELATIONS_BY_OID, (Object) oids.toArray(Long[]::new))) {
            found.put(r.longValue("relid"), new Table(r.string("nspname"), r.string("relname")));
        }
        return found;
    }

    /** Every published table's state (partitions summed into their root). */
    Map<Table, TableState> publishedTableStates() throws Exception {
        return remember("tablestate", () -> {
            Map<Table, TableState> states = new HashMap<>();
            for (Row r : sql.query(PUBLISHED_TABLE_STATE)) {
                Table t = new Table(r.string("schemaname"), r.string("relname"));
                states.put(t, new TableState(t, r.longValue("relid"), r.string("file_nodes"), r.longValue("writes")));
            }
            return states;
        });
    }

    Identity identity() throws Exception {
        return remember("identity", () -> {
            try {
                Row r = sql.one(IDENTITY.formatted(server.atLeast(13) ? NEXT_XID_13 : NEXT_XID_BEFORE_13));
                return new Identity(r.string("system_identifier"), r.longValue("timeline_id") == null ? null
                        : r.longValue("timeline_id").intValue(), number(r.string("next_xid")),
                        number(r.string("template0_frozen_xid")), Lsn.parseNullable(r.string("wal_lsn")),
                        epoch(r.string("started_at")));
            } catch (SQLException e) {
                if (PgErrors.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    throw new MissingPrivilege("role " + server.user() + " may not call pg_control_system() and "
                            + "pg_control_checkpoint()", "GRANT EXECUTE ON FUNCTION pg_control_system() TO "
                            + PgQuoting.ident(server.user()) + "; GRANT EXECUTE ON FUNCTION pg_control_checkpoint() TO "
                            + PgQuoting.ident(server.user()) + ";", e);
                }
                throw e;
            }
        });
    }

    private static Long number(String text) {
        return text == null ? null : Long.parseLong(text);
    }

    private static Instant epoch(String seconds) {
        if (seconds == null) {
            return null;
        }
        BigDecimal micros = new BigDecimal(seconds).movePointRight(6).setScale(0, RoundingMode.HALF_UP);
        return Instant.EPOCH.plus(micros.longValueExact(), ChronoUnit.MICROS);
    }

    @FunctionalInterface
    private interface Load<T> {
        T load() throws Exception;
    }

    /** How a read's rows become its answer. */
    @FunctionalInterface
    private interface Parse<T> {
        T parse(List<Row> rows) throws Exception;
    }

    /** A remembered catalog read: its memo key, its statement, and how its rows become the answer. */
    private record Read<T>(String key, SqlSession.Read statement, Parse<T> parse) {
    }

    private <T> T read(Read<T> read) throws Exception {
        return remember(read.key(), () -> read.parse().parse(
                sql.query(read.statement().sql(), read.statement().params().toArray())));
    }

    private void memoize(String key, Load<?> load) {
        if (!memo.containsKey(key)) {
            try {
                memo.put(key, load.load());
            } catch (Exception e) {
                memo.put(key, new Failed(e));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T remember(String key, Load<T> load) throws Exception {
        memoize(key, load);
        Object value = memo.get(key);
        if (value instanceof Failed failed) {
            throw failed.error();
        }
        return (T) value;
    }

    private record Failed(Exception error) {
    }
}
