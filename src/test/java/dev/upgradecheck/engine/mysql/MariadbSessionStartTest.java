package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.value.HumanDuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A MariaDB session's first read (issue 17: round trips across a network) against a real MariaDB: one SELECT for the
 * server's facts and the lookups of every precheck, the same answers as the reads one by one, and the plugin check's
 * own error when the accounts' table is refused. What the tool sent is read from the server's general log.
 */
class MariadbSessionStartTest {

    /** Sees every table (the accounts' too), as a DBA's account would. */
    private static final String SEES_ALL = "uc_sees_all";
    /** A least-privilege CDC account: the binlog and one schema, not the mysql schema. */
    private static final String NO_MYSQL_SCHEMA = "uc_no_mysql";
    private static final String PASSWORD = "start-pw-7";

    private static MariadbTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = MariadbTestServer.start();
        server.adminExecute("CREATE USER '" + SEES_ALL + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, RELOAD, LOCK TABLES, PROCESS, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO '"
                        + SEES_ALL + "'@'%'",
                "CREATE USER '" + NO_MYSQL_SCHEMA + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT RELOAD, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO '" + NO_MYSQL_SCHEMA + "'@'%'",
                "GRANT SELECT ON shop.* TO '" + NO_MYSQL_SCHEMA + "'@'%'",
                "SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = ON");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPrecheckSendsTheDriversQueryTheReadOnlySetOneSelectAndTheBinlogStatus() throws Exception {
        sentBy(SEES_ALL);
        CliRun.Result run = precheck(SEES_ALL);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().path("summary").path("error").asInt()).as(run.toString()).isZero();
        List<String> sent = sentBy(SEES_ALL);
        assertThat(sent).as("statements, one round trip each").hasSize(4);
        assertThat(sent.get(0)).as("Connector/J's own variables query on connect")
                .startsWith("/* mysql-connector-j").contains("@@session.auto_increment_increment");
        assertThat(sent.get(1)).isEqualTo("SET SESSION TRANSACTION READ ONLY");
        assertThat(sent.get(2)).startsWith("SELECT 'server' AS part");
        assertThat(sent.get(3)).isEqualTo("SHOW BINLOG STATUS");
    }

    @Test
    void theFirstReadAnswersWhatTheReadsOneByOneAnswer() throws Exception {
        sentBy(SEES_ALL);
        try (MysqlSession session = open(SEES_ALL)) {
            SqlSession sql = session.sql();
            MysqlServer combined = session.facts();
            MysqlCatalog started = MysqlCatalog.open(sql);
            assertThat(sentBy(SEES_ALL)).as("the session's start and a second start, each one read")
                    .doesNotContain(MysqlServer.GLOBAL_VARIABLES)
                    .filteredOn(s -> s.startsWith("SELECT 'server' AS part")).hasSize(2);
            MysqlServer alone = MysqlServer.read(sql);
            MysqlCatalog oneByOne = new MysqlCatalog(sql, alone);

            assertThat(combined.versionText()).isEqualTo(alone.versionText());
            assertThat(combined.flavour()).isEqualTo(Flavour.MARIADB);
            assertThat(combined.platform()).isEqualTo(alone.platform());
            assertThat(combined.connectingAccount()).isEqualTo(alone.connectingAccount());
            assertThat(combined.variables()).hasSizeGreaterThan(100).isEqualTo(alone.variables());
            assertThat(started.globalPrivileges()).isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(oneByOne.globalPrivileges());
            assertThat(started.dumpThreads()).isEqualTo(oneByOne.dumpThreads());
            for (String user : List.of(MariadbTestServer.CDC, SEES_ALL, "no_such_user")) {
                assertThat(values(started.accounts(user))).as(user)
                        .containsExactlyInAnyOrderElementsOf(values(oneByOne.accounts(user)));
            }
            assertThat(started.accounts(MariadbTestServer.CDC)).singleElement()
                    .satisfies(r -> assertThat(r.string("plugin")).isEqualTo("mysql_native_password"));
        }
    }

    @Test
    void anAccountWithoutTheMysqlSchemaReadsTheRestTogetherAndThePluginCheckNamesTheGrant() throws Exception {
        sentBy(NO_MYSQL_SCHEMA);
        CliRun.Result poor = precheck(NO_MYSQL_SCHEMA);
        CliRun.Result rich = precheck(SEES_ALL);

        List<String> sent = sentBy(NO_MYSQL_SCHEMA);
        assertThat(sent).as("the first read, refused, then again without the accounts; nothing one by one")
                .doesNotContain(MysqlServer.GLOBAL_VARIABLES)
                .filteredOn(s -> s.startsWith("SELECT 'server' AS part")).hasSize(2);
        assertThat(poor.status("mysql.cdc_user_auth_plugin")).as(poor.toString()).isEqualTo("ERROR");
        assertThat(poor.check("mysql.cdc_user_auth_plugin").path("remedy").asText())
                .contains("GRANT SELECT ON `mysql`.`global_priv` TO");
        for (String id : List.of("mysql.log_bin", "mysql.binlog_format", "mysql.binlog_status",
                "mysql.cdc_user_grants")) {
            assertThat(poor.status(id)).as(id + ": " + poor.check(id)).isNotEqualTo("ERROR");
            assertThat(rich.status(id)).as(id).isNotEqualTo("ERROR");
        }
        assertThat(poor.check("mysql.cdc_user_grants").path("observed").asText()).contains("REPLICATION SLAVE");
        assertThat(poor.check("mysql.binlog_status").path("observed").asText())
                .isEqualTo(rich.check("mysql.binlog_status").path("observed").asText());
    }

    private static CliRun.Result precheck(String user) {
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", PASSWORD)).run("precheck", "--engine", "mariadb",
                "--url", server.url(), "--user", user, "--cdc-user", user, "--tables", "shop.orders",
                "--format", "json");
    }

    private static MysqlSession open(String user) {
        ConnectionSpec spec = new ConnectionSpec("mariadb", server.url(), user, Secret.of(PASSWORD),
                HumanDuration.parse("5s"), HumanDuration.parse("5s"));
        return (MysqlSession) new MysqlInspector().open(spec);
    }

    /** Rows by value: the combined read returns every value as text, a read alone some as numbers. */
    private static List<List<String>> values(List<Row> rows) {
        return rows.stream().map(r -> r.asMap().values().stream().map(v -> v == null ? null : v.toString()).toList())
                .toList();
    }

    /** The statements this account sent since the last call, in order (the log is then emptied). */
    private static List<String> sentBy(String account) throws Exception {
        List<String> statements = new ArrayList<>();
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            // neither logged nor binlogged: emptying the log must not move the GTID position the tests compare
            s.execute("SET SESSION sql_log_off = ON, sql_log_bin = OFF");
            try (ResultSet rs = s.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log "
                    + "WHERE user_host LIKE '" + account + "[%' AND command_type = 'Query' ORDER BY event_time")) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            }
            s.execute("TRUNCATE TABLE mysql.general_log");
        }
        return statements;
    }
}
