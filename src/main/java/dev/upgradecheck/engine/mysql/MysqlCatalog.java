package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.value.Version;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lookups the checks and the baseline need, each one statement through {@link SqlSession}. On MariaDB a session
 * starts with one combined read ({@link #open}) that answers the server's facts and the lookups every precheck makes.
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

    static final String BASE_TABLES = """
            SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name FROM information_schema.TABLES
            WHERE TABLE_TYPE = 'BASE TABLE'""";

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

    /** The two commands a binlog dump thread shows, bound to {@link #DUMP_THREADS}. */
    private static final Object[] DUMP_COMMANDS = {"Binlog Dump", "Binlog Dump GTID"};

    /**
     * Binlog dump threads (CDC readers). information_schema.PROCESSLIST exists in every version (deprecated in
     * MySQL 8.0.35, still present in 9.x); other users' threads are listed only with the PROCESS privilege.
     */
    static final String DUMP_THREADS = """
            SELECT ID, USER, HOST, COMMAND, TIME, STATE FROM information_schema.PROCESSLIST
            WHERE COMMAND IN (?, ?)""";

    /** RDS and Aurora MySQL only; needs EXECUTE on the procedure (granted to the master user). */
    static final String RDS_CONFIGURATION = "CALL mysql.rds_show_configuration";

    /** MySQL 5.7+ (and MariaDB before 10.4): an account's authentication plugin; needs SELECT on mysql.user. */
    static final String MYSQL_ACCOUNTS = """
            SELECT User AS user_name, Host AS host_name, plugin FROM mysql.user WHERE User = ?""";

    /** MariaDB 10.4+ keeps accounts in mysql.global_priv as JSON; needs SELECT on it. */
    static final String MARIADB_ACCOUNTS = """
            SELECT User AS user_name, Host AS host_name, JSON_VALUE(Priv, '$.plugin') AS plugin
            FROM mysql.global_priv WHERE User = ?""";

    /** The key of every account's plugin in the session's first read (no statement reads them all alone). */
    private static final String ALL_ACCOUNTS = "every account's plugin";

    /**
     * MariaDB: what a session reads first, in one round trip, as tagged rows (Connector/J sends one statement per
     * query: {@code allowMultiQueries} stays off). The server's identity with the RDS probe, the global variables,
     * the global privileges and the binlog dump threads, then {@link #MARIADB_ACCOUNTS_PART}. Every value is
     * converted to one character set, so that UNION ALL joins columns of different collations.
     */
    static final String MARIADB_SESSION_START = """
            SELECT 'server' AS part, CONVERT(VERSION() USING utf8mb4) AS a, CONVERT(CURRENT_USER() USING utf8mb4) AS b,
                   CONVERT((SELECT COUNT(*) FROM information_schema.ROUTINES
                            WHERE ROUTINE_SCHEMA = 'mysql' AND ROUTINE_NAME = 'rds_show_configuration') USING utf8mb4) AS c,
                   NULL AS d, NULL AS e, NULL AS f
            UNION ALL
            SELECT 'variable', CONVERT(VARIABLE_NAME USING utf8mb4), CONVERT(VARIABLE_VALUE USING utf8mb4),
                   NULL, NULL, NULL, NULL
            FROM information_schema.GLOBAL_VARIABLES
            UNION ALL
            SELECT 'privilege', CONVERT(GRANTEE USING utf8mb4), CONVERT(PRIVILEGE_TYPE USING utf8mb4),
                   NULL, NULL, NULL, NULL
            FROM information_schema.USER_PRIVILEGES
            UNION ALL
            SELECT 'dump_thread', CONVERT(ID USING utf8mb4), CONVERT(USER USING utf8mb4), CONVERT(HOST USING utf8mb4),
                   CONVERT(COMMAND USING utf8mb4), CONVERT(TIME USING utf8mb4), CONVERT(STATE USING utf8mb4)
            FROM information_schema.PROCESSLIST WHERE COMMAND IN (?, ?)""";

    /**
     * Every account's plugin (the account a check asks about is not known yet; the checks filter), the one part of
     * the first read that needs a grant: SELECT on the accounts' table, {@code %s}, mysql.global_priv from 10.4 on.
     */
    static final String MARIADB_ACCOUNTS_PART = """

            UNION ALL
            SELECT 'account', CONVERT(User USING utf8mb4), CONVERT(Host USING utf8mb4),
                   CONVERT(%s USING utf8mb4), NULL, NULL, NULL
            FROM %s""";

    /** MySQL's and MariaDB's "SELECT command denied ... for table": in the first read, only the accounts' table. */
    private static final int TABLE_ACCESS_DENIED = 1142;

    private final SqlSession sql;
    private final MysqlServer server;
    /**
     * Rows the session's first read brought: by the statement that reads them alone (taken once, by the lookup that
     * then remembers them), and {@link #ALL_ACCOUNTS}, which every plugin lookup filters.
     */
    private final Map<String, List<Row>> firstRead;
    private List<Row> dumpThreads;
    private List<Privilege> globalPrivileges;
    /** The server's refusal of the accounts' table in the session's first read: the plugin lookup's answer. */
    private SQLException accountsRefused;

    MysqlCatalog(SqlSession sql, MysqlServer server) {
        this(sql, server, new HashMap<>());
    }

    private MysqlCatalog(SqlSession sql, MysqlServer server, Map<String, List<Row>> firstRead) {
        this.sql = sql;
        this.server = server;
        this.firstRead = firstRead;
    }

    /**
     * The catalog of a new session. On MariaDB, known from the server's greeting (no round trip), the server's facts
     * and the lookups every precheck makes come in one read. When the accounts' table is refused, the rest is read
     * together again and the plugin lookup reports that refusal. When the read fails otherwise (a timeout), nothing of
     * it is kept: the facts are read one by one, and each lookup runs on its own when a check asks, so each check
     * reports its own error.
     */
    static MysqlCatalog open(SqlSession sql) throws SQLException {
        Optional<Version> mariadb = greetingMariadbVersion(sql);
        if (mariadb.isPresent()) {
            try {
                return fromSessionStart(sql,
                        sql.query(MARIADB_SESSION_START + accountsPart(mariadb.get()), DUMP_COMMANDS), null);
            } catch (SQLException e) {
                if (e.getErrorCode() == TABLE_ACCESS_DENIED) {
                    // a CDC account with SELECT on its own schemas only
                    try {
                        return fromSessionStart(sql, sql.query(MARIADB_SESSION_START, DUMP_COMMANDS), e);
                    } catch (SQLException again) {
                        // read one by one below
                    }
                }
            }
        }
        return new MysqlCatalog(sql, MysqlServer.read(sql));
    }

    /** The accounts' table and plugin column of this MariaDB version (10.4 moved accounts to mysql.global_priv). */
    static String accountsPart(Version mariadb) {
        return hasGlobalPriv(Flavour.MARIADB, mariadb)
                ? MARIADB_ACCOUNTS_PART.formatted("JSON_VALUE(Priv, '$.plugin')", "mysql.global_priv")
                : MARIADB_ACCOUNTS_PART.formatted("plugin", "mysql.user");
    }

    private static boolean hasGlobalPriv(Flavour flavour, Version version) {
        return flavour == Flavour.MARIADB && version.atLeast(10, 4);
    }

    /**
     * MariaDB's version as its greeting gives it, which the driver keeps (MariaDB 10 prefixes {@code 5.5.5-} for old
     * replication clients); empty for MySQL, or when the connection does not say.
     */
    private static Optional<Version> greetingMariadbVersion(SqlSession sql) throws SQLException {
        DatabaseMetaData meta = sql.connection().getMetaData();
        String greeting = meta == null ? null : meta.getDatabaseProductVersion();
        if (Flavour.fromVersionText(greeting) != Flavour.MARIADB) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(greeting.replaceFirst("^5\\.5\\.5-", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @param accountsRefused why the accounts were left out of the read, or null when they are in it */
    private static MysqlCatalog fromSessionStart(SqlSession sql, List<Row> rows, SQLException accountsRefused)
            throws SQLException {
        Row identity = null;
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, List<Row>> lookups = new HashMap<>(Map.of(USER_PRIVILEGES, new ArrayList<>(),
                DUMP_THREADS, new ArrayList<>()));
        if (accountsRefused == null) {
            lookups.put(ALL_ACCOUNTS, new ArrayList<>());
        }
        for (Row r : rows) {
            switch (r.string("part")) {
                case "server" -> identity = r;
                case "variable" -> variables.put(r.string("a"), r.string("b"));
                case "privilege" -> lookups.get(USER_PRIVILEGES).add(relabelled(r, "grantee", "privilege_type"));
                case "dump_thread" -> lookups.get(DUMP_THREADS).add(
                        relabelled(r, "id", "user", "host", "command", "time", "state"));
                case "account" -> lookups.get(ALL_ACCOUNTS).add(relabelled(r, "user_name", "host_name", "plugin"));
                default -> throw new SQLException("unexpected part in the session's first read: " + r.string("part"));
            }
        }
        if (identity == null) {
            throw new SQLException("the session's first read returned no server row");
        }
        boolean rdsProcedure = identity.longValue("c") > 0;
        MysqlCatalog catalog = new MysqlCatalog(sql, MysqlServer.of(identity.string("a"), identity.string("b"),
                variables, () -> rdsProcedure), lookups);
        catalog.accountsRefused = accountsRefused;
        return catalog;
    }

    /** The rows of a lookup: from the session's first read when it brought them (once), else read now. */
    private List<Row> rows(String statement, Object... params) throws SQLException {
        List<Row> read = firstRead.remove(statement);
        return read != null ? read : sql.query(statement, params);
    }

    /** A tagged row's values (columns a, b, c...) under the labels the statement read alone gives them. */
    private static Row relabelled(Row tagged, String... labels) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            values.put(labels[i], tagged.get(String.valueOf((char) ('a' + i))));
        }
        return Row.of(values);
    }

    MysqlServer server() {
        return server;
    }

    /** The binlog filters (binlog-do-db, binlog-ignore-db); none when binary logging is off. */
    BinlogFilter binlogFilter() throws SQLException {
        return sql.first(server.binlogStatusStatement()).map(BinlogFilter::of)
                .orElse(new BinlogFilter(List.of(), List.of()));
    }

    /** Every base table as {@code db.table}: read only when a binlog filter is set. */
    List<String> baseTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        for (Row r : sql.query(BASE_TABLES)) {
            tables.add(r.string("table_schema") + "." + r.string("table_name"));
        }
        return tables;
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
            dumpThreads = rows(DUMP_THREADS, DUMP_COMMANDS);
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
            for (Row r : rows(USER_PRIVILEGES)) {
                list.add(new Privilege(MysqlAccount.parse(r.string("grantee")), null, null, r.string("privilege_type")));
            }
            globalPrivileges = List.copyOf(list);
        }
        return globalPrivileges;
    }

    /**
     * The accounts named {@code user}, each with its authentication plugin ({@code user_name}, {@code host_name},
     * {@code plugin}); needs SELECT on the accounts' table.
     */
    List<Row> accounts(String user) throws SQLException {
        if (accountsRefused != null) {
            throw accountsRefused;
        }
        List<Row> all = firstRead.get(ALL_ACCOUNTS);
        if (all != null) {
            return all.stream().filter(r -> user.equals(r.string("user_name"))).toList();
        }
        return sql.query(hasGlobalPriv(server.flavour(), server.version()) ? MARIADB_ACCOUNTS : MYSQL_ACCOUNTS, user);
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
