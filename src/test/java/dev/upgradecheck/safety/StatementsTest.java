package dev.upgradecheck.safety;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule behind "it never writes": what each engine's allow-list lets through, and what it must not. */
class StatementsTest {

    private static final Map<String, Statements> ENGINES = Map.of("postgres", Statements.POSTGRES,
            "mysql", Statements.MYSQL, "oracle", Statements.ORACLE, "sqlserver", Statements.SQLSERVER);

    /** Statements the engines send (from the safety suites' server logs and recorded catalogs). */
    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("postgres", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"),
                Arguments.of("postgres", " SET statement_timeout = 10000"),
                Arguments.of("postgres", "SELECT name, setting FROM pg_settings WHERE name = ANY ($1)"),
                Arguments.of("postgres", "WITH pos AS (SELECT pg_current_wal_lsn() AS lsn) SELECT s.slot_name, s.plugin,"
                        + " p.pubinsert, p.pubupdate, p.pubdelete FROM pg_replication_slots s, pos"),
                Arguments.of("mysql", "/* mysql-connector-j-9.4.0 */SELECT @@session.auto_increment_increment AS a"),
                Arguments.of("mysql", "SET SESSION TRANSACTION READ ONLY"),
                Arguments.of("mysql", "SET autocommit=1"),
                Arguments.of("mysql", "SHOW GLOBAL VARIABLES"),
                Arguments.of("mysql", "SHOW BINARY LOGS"),
                Arguments.of("mysql", "SHOW BINLOG EVENTS IN 'binlog.000001' FROM 2508 LIMIT 200000"),
                Arguments.of("mysql", "CALL mysql.rds_show_configuration"),
                Arguments.of("mysql", "SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES"),
                Arguments.of("oracle", "SET TRANSACTION READ ONLY"),
                Arguments.of("oracle", "SELECT THREAD#, SEQUENCE#, FIRST_CHANGE# FROM V$ARCHIVED_LOG WHERE DELETED = 'NO'"),
                Arguments.of("sqlserver", "SELECT HAS_PERMS_BY_NAME(N'cdc', N'SCHEMA', N'SELECT') AS can_select"));
    }

    /** The counter-examples, and their cousins: each must be refused by every engine's list. */
    static Stream<Arguments> writesOrWorse() {
        return ENGINES.keySet().stream().sorted().flatMap(engine -> Stream.of(
                "SET @@GLOBAL.binlog_format = 'MIXED'",
                "SET @@global.read_only = 0",
                "SET GLOBAL binlog_format = 'MIXED'",
                "SET PERSIST binlog_expire_logs_seconds = 60",
                "SET ROLE admin",
                "SET ROLE ALL",
                "SET SESSION AUTHORIZATION postgres",
                "SET x = 1; DELETE FROM orders",
                "SET statement_timeout = 10000; DELETE FROM orders",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                "SET TRANSACTION READ WRITE",
                "SET PASSWORD = 'x'",
                "SELECT * FROM orders INTO OUTFILE '/tmp/orders.csv'",
                "SELECT id INTO new_table FROM orders",
                "SELECT * FROM orders FOR UPDATE",
                "SELECT * FROM orders FOR SHARE",
                "SELECT * FROM orders LOCK IN SHARE MODE",
                "SELECT 1; DROP TABLE orders",
                "SELECT 1 /* ; */ ",
                "WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone",
                "SELECT pg_create_logical_replication_slot('s', 'pgoutput')",
                "SELECT pg_terminate_backend(42)",
                "SELECT GET_LOCK('x', 10)",
                "DELETE FROM orders",
                "UPDATE orders SET total = 0",
                "CALL mysql.rds_set_configuration('binlog retention hours', 1)",
                "EXEC sys.sp_cdc_disable_db",
                "FLUSH BINARY LOGS",
                "PURGE BINARY LOGS TO 'binlog.000001'",
                "SHOW GRANTS; DROP USER cdc",
                "BEGIN; DELETE FROM orders; COMMIT")
                .map(sql -> Arguments.of(engine, sql)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("reads")
    void theStatementsEnginesSendAreReads(String engine, String sql) {
        assertThat(ENGINES.get(engine).isRead(sql)).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("writesOrWorse")
    void anythingThatCanWriteOrHideAStatementIsRefused(String engine, String sql) {
        assertThat(ENGINES.get(engine).isRead(sql)).isFalse();
    }

    static Stream<Arguments> sessionStatements() {
        return reads().filter(a -> ((String) a.get()[1]).strip().matches("(SET|SHOW) .*"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("sessionStatements")
    void oneEnginesSessionStatementIsNotAnothers(String engine, String sql) {
        ENGINES.forEach((other, statements) -> {
            if (!other.equals(engine)) {
                assertThat(statements.isRead(sql)).as(other).isFalse();
            }
        });
    }
}
