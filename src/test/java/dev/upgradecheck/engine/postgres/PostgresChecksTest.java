package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import dev.upgradecheck.value.HumanDuration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** precheck and verify against one real 16.x cluster; each test works in its own database with its own slot. */
class PostgresChecksTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    static String database(String name, String... statements) {
        return PgServers.database(pg, name, statements);
    }

    static CliRun.Result cli(String command, String url, String... more) {
        return PgServers.cli(command, url, more);
    }

    @Test
    void checkSelectionAndFailOnWarnDecideWhatRunsAndWhatFails() {
        String url = database("selection_db",
                "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE PUBLICATION sel_pub FOR TABLE public.orders",
                "SELECT pg_create_logical_replication_slot('sel_slot', 'pgoutput')");

        CliRun.Result slotsOnly = cli("precheck", url, "--only", "pg.slot", "--skip", "pg.slot.lag");
        assertThat(slotsOnly.statuses().keySet()).allMatch(id -> id.startsWith("pg.slot."))
                .contains("pg.slot.exists", "pg.slot.active").doesNotContain("pg.slot.lag");
        assertThat(slotsOnly.status("pg.slot.active")).as("no reader connected").isEqualTo("WARN");
        assertThat(slotsOnly.exitCode()).as("a warning alone passes by default").isZero();

        CliRun.Result strict = cli("precheck", url, "--only", "pg.slot", "--fail-on", "warn");
        assertThat(strict.exitCode()).as("--fail-on warn turns the inactive slot into a failed run").isEqualTo(1);
    }

    @Test
    void verifyNamesATableDroppedFromThePublicationAndAdviceRequiresItsSnapshot(@TempDir Path dir) {
        String url = database("dropped_db",
                "CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.items (id int PRIMARY KEY)",
                "CREATE PUBLICATION drop_pub FOR TABLE public.orders, public.items",
                "SELECT pg_create_logical_replication_slot('drop_slot', 'pgoutput')");
        Path baseline = dir.resolve("b.json");
        CliRun.Result precheck = cli("precheck", url, "--slot", "drop_slot", "--save-baseline", baseline.toString());
        assertThat(precheck.exitCode()).as(precheck.toString()).isZero();
        DebeziumAtSlot.intoBaseline(baseline, url, "dropped_db", "drop_slot");

        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("ALTER PUBLICATION drop_pub DROP TABLE public.items");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }

        CliRun.Result verify = cli("verify", url, "--baseline", baseline.toString());

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.status("pg.verify.publications")).isEqualTo("FAIL");
        assertThat(verify.check("pg.verify.publications").get("observed").asText()).contains("public.items")
                .doesNotContain("public.orders");
        assertThat(verify.check("pg.verify.publications").get("remedy").asText())
                .isEqualTo("ALTER PUBLICATION \"drop_pub\" ADD TABLE \"public\".\"items\";");
        assertThat(verify.status("pg.verify.slots")).as("same cluster, slot kept").isEqualTo("PASS");
        assertThat(verify.status("pg.verify.cluster")).isEqualTo("PASS");

        CliRun.Result advice = cli("snapshot-advice", url, "--baseline", baseline.toString());
        assertThat(advice.exitCode()).isEqualTo(1);
        assertThat(advice.table("public.items").get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.table("public.orders").get("verdict").asText()).isEqualTo("NOT_NEEDED");

        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("ALTER PUBLICATION drop_pub ADD TABLE public.items");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        CliRun.Result readded = cli("snapshot-advice", url, "--baseline", baseline.toString());
        assertThat(readded.table("public.items").get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(readded.table("public.items").get("reasons").toString()).contains("re-added");
        // published again, but what was written while it was out never was (the scenario long run found verify at 0)
        CliRun.Result readdedVerify = cli("verify", url, "--baseline", baseline.toString());
        assertThat(readdedVerify.status("pg.verify.publications")).as(readdedVerify.toString()).isEqualTo("FAIL");
        assertThat(readdedVerify.check("pg.verify.publications").get("observed").asText())
                .contains("removed and added back since the baseline: public.items");
    }

    @Test
    void publishedTableWithoutPrimaryKeyIsFlagged() {
        String url = database("nopk_db", "CREATE TABLE public.audit (at timestamptz, what text)",
                "CREATE TABLE public.keyed (id int PRIMARY KEY)",
                "CREATE PUBLICATION nopk_pub FOR TABLE public.audit, public.keyed",
                "SELECT pg_create_logical_replication_slot('nopk_slot', 'pgoutput')");

        CliRun.Result run = cli("precheck", url, "--slot", "nopk_slot", "--only", "pg.replica_identity");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.status("pg.replica_identity")).isEqualTo("FAIL");
        assertThat(run.check("pg.replica_identity").get("observed").asText()).contains("public.audit")
                .doesNotContain("public.keyed");
        assertThat(run.check("pg.replica_identity").get("remedy").asText())
                .contains("ALTER TABLE \"public\".\"audit\" REPLICA IDENTITY FULL");
    }

    @Test
    void laggingSlotIsReportedWithItsByteLag() {
        String url = database("lag_db", "CREATE TABLE public.t (id int PRIMARY KEY, pad text)",
                "CREATE PUBLICATION lag_pub FOR TABLE public.t",
                "SELECT pg_create_logical_replication_slot('lag_slot', 'pgoutput')",
                "INSERT INTO public.t SELECT g, repeat('x', 200) FROM generate_series(1, 2000) g");

        CliRun.Result run = cli("precheck", url, "--slot", "lag_slot", "--max-lag", "64kB");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.status("pg.slot.lag")).isEqualTo("FAIL");
        String observed = run.check("pg.slot.lag").get("observed").asText();
        assertThat(observed).matches("lag_slot: \\d+ bytes.*behind");
        long bytes = Long.parseLong(observed.replaceAll("lag_slot: (\\d+) bytes.*", "$1"));
        assertThat(bytes).isGreaterThan(64 * 1024);
        assertThat(run.status("pg.slot.active")).as("nobody reads the slot").isEqualTo("WARN");
        assertThat(run.status("pg.slot.wal_status")).isEqualTo("PASS");

        CliRun.Result relaxed = cli("precheck", url, "--slot", "lag_slot", "--max-lag", "1GB", "--only", "pg.slot.lag");
        assertThat(relaxed.status("pg.slot.lag")).isEqualTo("PASS");
    }

    @Test
    void privilegePoorRoleGetsErrorWithTheGrantNotPass() throws Exception {
        String url = database("poor_db", "CREATE TABLE public.t (id int PRIMARY KEY)",
                "CREATE PUBLICATION poor_pub FOR TABLE public.t",
                "SELECT pg_create_logical_replication_slot('poor_slot', 'pgoutput')",
                "CREATE ROLE poor LOGIN");
        try (Connection replication = replicationConnection(url);
             PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI()
                     .replicationStream().logical().withSlotName("poor_slot")
                     .withSlotOption("proto_version", 1).withSlotOption("publication_names", "poor_pub").start()) {
            stream.readPending();
            waitUntilStreaming();

            CliRun.Result poor = new CliRun().run("precheck", "--engine", "postgres", "--url", url, "--user", "poor",
                    "--slot", "poor_slot", "--format", "json");
            CliRun.Result superuser = cli("precheck", url, "--slot", "poor_slot");

            assertThat(poor.exitCode()).isEqualTo(1);
            assertThat(poor.status("pg.reader")).isEqualTo("ERROR");
            assertThat(poor.check("pg.reader").get("remedy").asText()).isEqualTo("GRANT pg_read_all_stats TO \"poor\";");
            assertThat(poor.status("pg.cdc_role")).isEqualTo("FAIL");
            assertThat(poor.check("pg.cdc_role").get("remedy").asText()).contains("ALTER ROLE \"poor\" REPLICATION;")
                    .contains("GRANT SELECT ON \"public\".\"t\" TO \"poor\";");
            assertThat(superuser.status("pg.reader")).as(superuser.toString()).isEqualTo("PASS");
            assertThat(superuser.status("pg.slot.active")).isEqualTo("PASS");
        }
    }

    private static Connection replicationConnection(String url) throws SQLException {
        return PgoutputWitness.replicationConnection(url);
    }

    private static void waitUntilStreaming() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replication stream never reached streaming");
    }

    @Test
    void wrongPasswordExitsThreeWithoutEchoingThePassword() throws Exception {
        PgServers.sql(pg, "CREATE ROLE pwuser LOGIN PASSWORD 'right-password'");
        String hba;
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW hba_file")) {
            rs.next();
            hba = rs.getString(1);
        }
        Path file = Path.of(hba);
        Files.writeString(file, "host all pwuser 127.0.0.1/32 scram-sha-256\nhost all pwuser ::1/128 scram-sha-256\n"
                + Files.readString(file));
        PgServers.sql(pg, "SELECT pg_reload_conf()");
        Thread.sleep(300);

        CliRun.Result wrong = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "s3cret-Wrong")).run("precheck", "--engine", "postgres",
                "--url", PgServers.url(pg), "--user", "pwuser", "--format", "json");
        CliRun.Result right = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "right-password")).run("precheck", "--engine", "postgres",
                "--url", PgServers.url(pg), "--user", "pwuser", "--format", "json", "--only", "pg.wal_level");

        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.err()).contains("28P01").doesNotContain("s3cret-Wrong").hasLineCount(1);
        assertThat(right.exitCode()).as(right.toString()).isZero();
    }

    @Test
    void unreachablePortExitsThreeWithinTheConnectTimeout() throws Exception {
        int port = Ports.unused();
        long start = System.nanoTime();
        CliRun.Result run = new CliRun().run("precheck", "--engine", "postgres", "--url", "jdbc:postgresql://localhost:" + port + "/x",
                "--connect-timeout", "2s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("localhost:" + port).hasLineCount(1);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L + 1_500_000_000L);
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
        // accepts the TCP connection (backlog) but never speaks the protocol
        try (ServerSocket silent = new ServerSocket(0)) {
            long start = System.nanoTime();
            CliRun.Result run = new CliRun().run("precheck", "--engine", "postgres", "--url",
                    "jdbc:postgresql://localhost:" + silent.getLocalPort() + "/x", "--connect-timeout", "1s");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.err()).hasLineCount(1);
            assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L + 2_500_000_000L);
        }
    }

    @Test
    void unknownDatabaseIsOneLineExitThree() {
        CliRun.Result run = new CliRun().run("precheck", "--engine", "postgres", "--user", "postgres", "--url",
                "jdbc:postgresql://localhost:" + pg.getPort() + "/no_such_db");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no_such_db").contains("3D000").hasLineCount(1);
    }

    @Test
    void hostileSlotNameIsBoundInQueriesAndQuotedInRemedies() {
        String url = database("hostile_db", "CREATE TABLE public.victim (id int PRIMARY KEY)");
        String slot = "x'); DROP TABLE public.victim; --\"";

        CliRun.Result run = cli("precheck", url, "--slot", slot, "--only", "pg.slot.exists");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.check("pg.slot.exists").get("remedy").asText())
                .isEqualTo("SELECT pg_create_logical_replication_slot('x''); DROP TABLE public.victim; --\"', 'pgoutput');");
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM public.victim")) {
            assertThat(rs.next()).isTrue();
        } catch (SQLException e) {
            throw new AssertionError("the table was dropped", e);
        }
    }

    @Test
    void sessionIsReadOnly() throws Exception {
        var spec = new dev.upgradecheck.engine.ConnectionSpec("postgres", PgServers.url(pg), "postgres",
                dev.upgradecheck.engine.Secret.NONE, dev.upgradecheck.value.HumanDuration.parse("5s"),
                dev.upgradecheck.value.HumanDuration.parse("5s"));
        try (Connection c = PostgresConnect.open(spec); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SHOW transaction_read_only");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("CREATE TABLE public.nope (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
            rs = s.executeQuery("SHOW statement_timeout");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("5s");
        }
    }

    @Test
    void aUrlThatBringsItsOwnSessionOptionsIsRefusedBeforeConnecting() {
        // pgjdbc lets URL parameters win over properties: options here would replace read-only and the timeout
        var spec = new ConnectionSpec("postgres",
                PgServers.url(pg) + "?options=-c%20default_transaction_read_only%3Doff%20-c%20statement_timeout%3D0",
                "postgres", Secret.NONE, HumanDuration.parse("5s"),
                HumanDuration.parse("7s"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostgresConnect.open(spec))
                .isInstanceOf(dev.upgradecheck.BadInputException.class)
                .hasMessageContaining("URL parameter 'options' is refused");
    }

    @Test
    void readsSentInOneFlightAnswerEachWithItsOwnBoundValuesAndAFailingOneFailsTheFlight() throws Exception {
        var spec = new ConnectionSpec("postgres", PgServers.url(pg), "postgres",
                Secret.NONE, HumanDuration.parse("5s"),
                HumanDuration.parse("5s"));
        try (var sql = new SqlSession(PostgresConnect.open(spec), spec.queryTimeout())) {
            var answers = sql.queryAll(List.of(
                    new SqlSession.Read("SELECT ?::text AS a, ?::int AS b", "x';--", 2),
                    new SqlSession.Read("SELECT n FROM generate_series(1, 3) n WHERE n > ?", 1),
                    new SqlSession.Read("SELECT 1 AS one WHERE false")));

            assertThat(answers).hasSize(3);
            assertThat(answers.get(0).get(0).string("a")).isEqualTo("x';--");
            assertThat(answers.get(0).get(0).longValue("b")).isEqualTo(2L);
            assertThat(answers.get(1)).extracting(r -> r.longValue("n")).containsExactly(2L, 3L);
            assertThat(answers.get(2)).isEmpty();
            assertThatThrownBy(() -> sql.queryAll(List.of(
                            new SqlSession.Read("SELECT 1 AS one"),
                            new SqlSession.Read("SELECT 1 / 0 AS boom"))))
                    .isInstanceOf(SQLException.class).hasMessageContaining("division by zero");
            assertThat(sql.one("SELECT 42 AS still").longValue("still")).as("the session survives").isEqualTo(42L);
        }
    }
}
