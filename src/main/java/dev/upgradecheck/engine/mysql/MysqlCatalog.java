package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lookups more than one check (or the baseline) needs, each one statement through {@link SqlSession}.
 * Statements a single check needs live next to that check.
 */
final class MysqlCatalog {

    /** A binlog file and the offset in it. */
    record BinlogPosition(String file, long position) {
        @Override
        public String toString() {
            return file + ":" + position;
        }
    }

    /** MySQL's GTID state now. */
    record MysqlGtids(GtidSet executed, GtidSet purged) {
    }

    /** MariaDB's GTID state now: what this server's binlog holds up to, and the server's current position. */
    record MariadbGtids(MariadbGtidPosition binlogPos, MariadbGtidPosition currentPos) {
    }

    /** One global privilege of one account, as information_schema lists it. */
    record Privilege(MysqlAccount grantee, String schema, String table, String privilege) {
    }

    /** Needs REPLICATION CLIENT (MariaDB 10.5.2+: BINLOG MONITOR). */
    static final String BINARY_LOGS = "SHOW BINARY LOGS";

    /** Global privileges; accounts other than one's own are listed only with SELECT on the mysql schema. */
    static final String USER_PRIVILEGES = """
            SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES""";

    static final String SCHEMA_PRIVILEGES = """
            SELECT GRANTEE, TABLE_SCHEMA, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES""";

    static final String TABLE_PRIVILEGES = """
            SELECT GRANTEE, TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES""";

    static final String MYSQL_GTIDS = """
            SELECT @@GLOBAL.gtid_executed AS executed, @@GLOBAL.gtid_purged AS purged""";

    static final String MARIADB_GTIDS = """
            SELECT @@GLOBAL.gtid_binlog_pos AS binlog_pos, @@GLOBAL.gtid_current_pos AS current_pos""";

    /**
     * MariaDB 10.0+: the GTID state at a binlog file and offset, i.e. everything before it (NULL past the file's
     * end). At offset 4 of the oldest file still on the server it says up to where each domain has been purged;
     * at a recorded position it says whether the file there is still the one recorded (RESET MASTER reuses names).
     */
    static final String MARIADB_GTID_AT = "SELECT BINLOG_GTID_POS(?, ?) AS pos";
    /** The file name and offsets are values the client sends as literals (Connector/J prepares on the client). */
    static final String BINLOG_EVENTS = "SHOW BINLOG EVENTS IN ? FROM ? LIMIT ?";

    /** The first event of every binlog file starts at offset 4, after the magic number. */
    static final long FIRST_EVENT = 4;

    /**
     * Binlog dump threads (CDC readers). information_schema.PROCESSLIST exists in every version (deprecated in
     * MySQL 8.0.35, still present in 9.x); other users' threads are listed only with the PROCESS privilege.
     */
    static final String DUMP_THREADS = """
            SELECT ID, USER, HOST, COMMAND, TIME, STATE FROM information_schema.PROCESSLIST
            WHERE COMMAND IN (?, ?)""";

    /** RDS and Aurora MySQL only; needs EXECUTE on the procedure (granted to the master user). */
    static final String RDS_CONFIGURATION = "CALL mysql.rds_show_configuration";

    private final SqlSession sql;
    private final MysqlServer server;
    private List<Row> dumpThreads;
    private List<Privilege> globalPrivileges;

    MysqlCatalog(SqlSession sql, MysqlServer server) {
        this.sql = sql;
        this.server = server;
    }

    MysqlServer server() {
        return server;
    }

    SqlSession sql() {
        return sql;
    }

    /** The current binlog file and position; empty when binary logging is off. */
    Optional<BinlogPosition> binlogStatus() throws SQLException {
        return sql.first(server.binlogStatusStatement())
                .map(r -> new BinlogPosition(r.string("file"), r.longValue("position")));
    }

    /**
     * The binlog dump threads, read once per session: the reader checks of one report must describe the same
     * moment (a reader connecting between two reads made one report say "none connected" and "drained").
     */
    List<Row> dumpThreads() throws SQLException {
        if (dumpThreads == null) {
            dumpThreads = sql.query(DUMP_THREADS, "Binlog Dump", "Binlog Dump GTID");
        }
        return dumpThreads;
    }

    /** The binlog files still on the server, oldest first. */
    List<String> binaryLogs() throws SQLException {
        return List.copyOf(binaryLogSizes().keySet());
    }

    /** The binlog files still on the server, oldest first, each with its size in bytes. */
    Map<String, Long> binaryLogSizes() throws SQLException {
        Map<String, Long> files = new LinkedHashMap<>();
        for (Row r : sql.query(BINARY_LOGS)) {
            files.put(r.string("log_name"), r.longValue("file_size"));
        }
        return files;
    }

    /** Read once per session: the grants check and the reader check both ask. */
    List<Privilege> globalPrivileges() throws SQLException {
        if (globalPrivileges == null) {
            List<Privilege> list = new ArrayList<>();
            for (Row r : sql.query(USER_PRIVILEGES)) {
                list.add(new Privilege(MysqlAccount.parse(r.string("grantee")), null, null, r.string("privilege_type")));
            }
            globalPrivileges = List.copyOf(list);
        }
        return globalPrivileges;
    }

    List<Privilege> schemaPrivileges() throws SQLException {
        List<Privilege> list = new ArrayList<>();
        for (Row r : sql.query(SCHEMA_PRIVILEGES)) {
            list.add(new Privilege(MysqlAccount.parse(r.string("grantee")), r.string("table_schema"), null,
                    r.string("privilege_type")));
        }
        return list;
    }

    List<Privilege> tablePrivileges() throws SQLException {
        List<Privilege> list = new ArrayList<>();
        for (Row r : sql.query(TABLE_PRIVILEGES)) {
            list.add(new Privilege(MysqlAccount.parse(r.string("grantee")), r.string("table_schema"),
                    r.string("table_name"), r.string("privilege_type")));
        }
        return list;
    }

    /** MySQL: executed and purged GTID sets, read now (not from the variables cached on connect). */
    MysqlGtids mysqlGtids() throws SQLException {
        Row r = sql.one(MYSQL_GTIDS);
        return new MysqlGtids(GtidSet.parse(r.string("executed")), GtidSet.parse(r.string("purged")));
    }

    MariadbGtids mariadbGtids() throws SQLException {
        Row r = sql.one(MARIADB_GTIDS);
        return new MariadbGtids(MariadbGtidPosition.parse(r.string("binlog_pos")),
                MariadbGtidPosition.parse(r.string("current_pos")));
    }

    /** MariaDB: what has been purged, per domain: the GTID state at the start of the oldest binlog file. */
    MariadbGtidPosition mariadbPurgedUpTo(List<String> binaryLogs) throws SQLException {
        if (binaryLogs.isEmpty()) {
            return MariadbGtidPosition.EMPTY;
        }
        return mariadbGtidAt(binaryLogs.get(0), FIRST_EVENT).orElse(MariadbGtidPosition.EMPTY);
    }

    /** MariaDB: the GTID state at a binlog file and offset; empty when the server knows no such place. */
    Optional<MariadbGtidPosition> mariadbGtidAt(String file, long position) throws SQLException {
        Row r = sql.one(MARIADB_GTID_AT, file, position);
        return Optional.ofNullable(r.string("pos")).map(MariadbGtidPosition::parse);
    }

    /** One event of SHOW BINLOG EVENTS: where it starts, its type and the server's text for it. */
    record BinlogEvent(String file, long position, String type, String info) {
    }

    /** At most {@code limit} events of one binlog file, from {@code position} on. */
    List<BinlogEvent> binlogEvents(String file, long position, int limit) throws SQLException {
        List<BinlogEvent> events = new ArrayList<>();
        for (Row r : sql.query(BINLOG_EVENTS, file, position, limit)) {
            events.add(new BinlogEvent(file, r.longValue("pos"), r.string("event_type"), r.string("info")));
        }
        return events;
    }

    /** RDS/Aurora configuration, name to value (a null value is kept: it means "not set"). */
    Map<String, String> rdsConfiguration() throws SQLException {
        Map<String, String> config = new LinkedHashMap<>();
        for (Row r : sql.query(RDS_CONFIGURATION)) {
            config.put(r.string("name"), r.string("value"));
        }
        return config;
    }
}
