package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.testing.RecordedCatalog;
import dev.upgradecheck.value.HumanDuration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MySQL server made of answers recorded from MySQL's reference manual (column names and value shapes of
 * SHOW GLOBAL VARIABLES, SHOW BINARY LOG STATUS, SHOW BINARY LOGS, information_schema, mysql.user and RDS's
 * mysql.rds_show_configuration), for versions that cannot run here. Defaults are a healthy 8.4 with GTIDs.
 */
final class RecordedMysql {

    // the statements this database answers, whole (RecordedCatalog matches them white space folded)
    static final String GTID_SETS = """
            SELECT @@GLOBAL.gtid_executed AS executed, @@GLOBAL.gtid_purged AS purged""";

    static final String ACCOUNT_PLUGIN = """
            SELECT User AS user_name, Host AS host_name, plugin FROM mysql.user WHERE User = ?""";

    static final String BINLOG_READERS = """
            SELECT ID, USER, HOST, COMMAND, TIME, STATE FROM information_schema.PROCESSLIST
            WHERE COMMAND IN (?, ?)""";

    static final String RDS_PROCEDURE = """
            SELECT COUNT(*) AS n FROM information_schema.ROUTINES
            WHERE ROUTINE_SCHEMA = 'mysql' AND ROUTINE_NAME = 'rds_show_configuration'""";

    static final String GLOBAL_PRIVILEGES = """
            SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES""";

    static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    final RecordedCatalog db = new RecordedCatalog();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private String version = "8.4.3";
    private String account = "cdc@%";
    private boolean rdsProcedure;
    private final List<List<Object>> privileges = new ArrayList<>();

    RecordedMysql() {
        variables.put("log_bin", "ON");
        variables.put("binlog_format", "ROW");
        variables.put("binlog_row_image", "FULL");
        variables.put("binlog_row_value_options", "");
        variables.put("gtid_mode", "ON");
        variables.put("enforce_gtid_consistency", "ON");
        variables.put("binlog_expire_logs_seconds", "2592000");
        variables.put("binlog_expire_logs_auto_purge", "ON");
        variables.put("server_uuid", UUID);
        variables.put("server_id", "1");
        variables.put("basedir", "/usr/");
        variables.put("innodb_read_only", "OFF");
        for (String p : List.of("SELECT", "RELOAD", "PROCESS", "LOCK TABLES", "REPLICATION SLAVE", "REPLICATION CLIENT")) {
            privileges.add(List.of("'cdc'@'%'", p));
        }
    }

    RecordedMysql version(String v) {
        version = v;
        if (v.startsWith("5.7")) {
            variables.remove("binlog_expire_logs_seconds");
            variables.remove("binlog_expire_logs_auto_purge");
            variables.remove("binlog_row_value_options");
            variables.put("expire_logs_days", "0");
        }
        return this;
    }

    RecordedMysql set(String variable, String value) {
        if (value == null) {
            variables.remove(variable);
        } else {
            variables.put(variable, value);
        }
        return this;
    }

    RecordedMysql rds() {
        rdsProcedure = true;
        variables.put("basedir", "/rdsdbbin/mysql/");
        return this;
    }

    RecordedMysql aurora() {
        variables.put("aurora_version", "3.08.0");
        variables.put("basedir", "/rdsdbbin/oscar/");
        return this;
    }

    RecordedMysql privileges(String grantee, String... names) {
        privileges.removeIf(r -> r.get(0).equals(grantee));
        for (String n : names) {
            privileges.add(List.of(grantee, n));
        }
        return this;
    }

    private final java.util.Set<String> answered = new java.util.HashSet<>();

    /** The values each parameterised statement is sent with; the account lookup is for whichever user is checked. */
    private static final Map<String, List<?>> BOUND = Map.of(
            ACCOUNT_PLUGIN, RecordedCatalog.ANY_BOUND_VALUES,
            BINLOG_READERS, List.of("Binlog Dump", "Binlog Dump GTID"),
            MysqlCatalog.BINLOG_EVENTS, RecordedCatalog.ANY_BOUND_VALUES);

    /** SHOW BINLOG EVENTS as MySQL 8 documents it: one transaction in row format (written from the manual). */
    static final RecordedCatalog.Rows ROW_EVENTS = RecordedCatalog.rows(
            List.of("Log_name", "Pos", "Event_type", "Server_id", "End_log_pos", "Info"),
            List.of("binlog.000002", 157L, "Gtid", 1L, 236L, "SET @@SESSION.GTID_NEXT= '" + UUID + ":5'"),
            List.of("binlog.000002", 236L, "Query", 1L, 311L, "BEGIN"),
            List.of("binlog.000002", 311L, "Table_map", 1L, 369L, "table_id: 90 (shop.orders)"),
            List.of("binlog.000002", 369L, "Write_rows", 1L, 413L, "table_id: 90 flags: STMT_END_F"),
            List.of("binlog.000002", 413L, "Xid", 1L, 444L, "COMMIT /* xid=21 */"));

    /** An answer for this test; it wins over the defaults of a healthy server. */
    RecordedMysql answer(String statement, RecordedCatalog.Rows rows) {
        answered.add(statement);
        db.answer(statement, BOUND.getOrDefault(statement, List.of()), rows);
        return this;
    }

    RecordedMysql fail(String statement, SQLException e) {
        answered.add(statement);
        db.fail(statement, BOUND.getOrDefault(statement, List.of()), () -> e);
        return this;
    }

    private void byDefault(String statement, RecordedCatalog.Rows rows) {
        if (!answered.contains(statement)) {
            db.answer(statement, BOUND.getOrDefault(statement, List.of()), rows);
        }
    }

    /** Opens a session the way the inspector does: read-only first, then the server's facts. */
    MysqlSession session() throws SQLException {
        byDefault("SET SESSION TRANSACTION READ ONLY", RecordedCatalog.rows(List.of("ok")));
        byDefault("SELECT VERSION() AS version, CURRENT_USER() AS account",
                RecordedCatalog.rows(List.of("version", "account"), List.of(version, account)));
        List<List<?>> vars = new ArrayList<>();
        variables.forEach((k, v) -> vars.add(List.of(k, v)));
        byDefault("SHOW GLOBAL VARIABLES", RecordedCatalog.rows(List.of("Variable_name", "Value"),
                vars.toArray(List<?>[]::new)));
        byDefault(RDS_PROCEDURE,
                RecordedCatalog.rows(List.of("n"), List.of(rdsProcedure ? 1L : 0L)));
        byDefault(GLOBAL_PRIVILEGES, RecordedCatalog.rows(List.of("GRANTEE", "PRIVILEGE_TYPE"),
                privileges.toArray(List<?>[]::new)));
        byDefault(BINLOG_READERS, RecordedCatalog.rows(
                List.of("ID", "USER", "HOST", "COMMAND", "TIME", "STATE"),
                List.of(42L, "cdc", "10.0.0.7:51234", "Binlog Dump GTID", 1200L,
                        "Source has sent all binlog to replica; waiting for more updates")));
        byDefault(ACCOUNT_PLUGIN, RecordedCatalog.rows(List.of("user_name", "host_name", "plugin"),
                List.of("cdc", "%", "caching_sha2_password")));
        byDefault("SHOW BINARY LOGS", RecordedCatalog.rows(List.of("Log_name", "File_size", "Encrypted"),
                List.of("binlog.000001", 3221L, "No"), List.of("binlog.000002", 157L, "No")));
        // MySQL 8.2+ only: recording just the new statement makes an old one fail the test
        if (Flavour.MYSQL == Flavour.fromVersionText(version) && dev.upgradecheck.value.Version.parse(version).atLeast(8, 2)) {
            byDefault("SHOW BINARY LOG STATUS", binlogStatus());
        } else {
            byDefault("SHOW MASTER STATUS", binlogStatus());
        }
        byDefault(MysqlCatalog.BINLOG_EVENTS, ROW_EVENTS);
        byDefault(GTID_SETS, RecordedCatalog.rows(List.of("executed", "purged"),
                List.of(UUID + ":1-5", "")));
        return MysqlSession.start(new SqlSession(db.connection(), HumanDuration.parse("5s")));
    }

    private RecordedCatalog.Rows binlogStatus() {
        return RecordedCatalog.rows(List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB", "Executed_Gtid_Set"),
                List.of("binlog.000002", 157L, "", "", UUID + ":1-5"));
    }
}
