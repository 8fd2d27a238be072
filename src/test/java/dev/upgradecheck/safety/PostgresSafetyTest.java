package dev.upgradecheck.safety;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL engine against a real PostgreSQL 16 that logs every statement ({@code log_statement = 'all'}):
 * what the server says the tool ran is the evidence.
 */
class PostgresSafetyTest {

    static final List<Hostile.Name> HOSTILE = Hostile.NAMES;

    static EmbeddedPostgres pg;
    static PgServerLog log;
    static String url;
    static Path logDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        logDir = Files.createTempDirectory("pg-safety-log");
        pg = PgServers.start(16, "logical", PgServerLog.settings(logDir));
        log = new PgServerLog(pg, logDir);
        PgServers.sql(pg, "CREATE DATABASE shop", "CREATE ROLE cdc LOGIN REPLICATION", "CREATE ROLE poor LOGIN");
        url = "jdbc:postgresql://localhost:" + pg.getPort() + "/shop";
        as("postgres", "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "INSERT INTO public.orders VALUES (1, 'a')",
                "CREATE PUBLICATION cdc_pub FOR TABLE public.orders",
                "GRANT SELECT ON public.orders TO cdc",
                "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')",
                // the default, stated: only superusers and roles granted it may read the control file
                "REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC");
        log.next();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void everyCommandSendsOnlyReadsAndSessionSettings() {
        Path baseline = dir.resolve("baseline.json");
        List<CliRun.Result> runs = List.of(
                tool("precheck", "--slot", "cdc_slot", "--publication", "cdc_pub", "--tables", "public.orders",
                        "--cdc-user", "cdc", "--target-version", "17", "--save-baseline", baseline.toString()),
                tool("verify", "--slot", "cdc_slot", "--publication", "cdc_pub", "--baseline", baseline.toString()),
                tool("snapshot-advice", "--baseline", baseline.toString()),
                tool("snapshot-advice", "--tables", "public.orders"),
                tool("plan", "--from", "16", "--to", "17"));
        runs.forEach(r -> assertThat(r.exitCode()).as(r.toString()).isIn(0, 1));

        List<PgServerLog.Entry> sent = ours(log.next());

        assertThat(sent).as("the server logged the tool's statements").isNotEmpty();
        assertThat(sent).anyMatch(e -> e.sql().contains("pg_replication_slots"));
        assertThat(sent).allSatisfy(e -> assertThat(Statements.POSTGRES.isRead(e.sql())).as(e.sql()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("HOSTILE")
    void hostileNamesAreBoundValuesThatNeverChangeTheSql(Hostile.Name name) throws Exception {
        Set<String> benign = benignStatements();
        String v = name.value();

        CliRun.Result flags = tool("precheck", "--slot", v, "--publication", v, "--tables", "public." + v,
                "--cdc-user", v);
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                targets:
                  - name: hostile
                    engine: postgres
                    user: postgres
                    url: %s
                    slot: %s
                    publication: %s
                    tables: [%s]
                    cdcUser: %s
                """.formatted(url, yaml(v), yaml(v), yaml("public." + v), yaml(v)));
        CliRun.Result fleet = new CliRun().run("precheck", "--inventory", inventory.toString(), "--format", "json");

        for (CliRun.Result r : List.of(flags, fleet)) {
            assertThat(r.exitCode()).as(r.toString()).isIn(0, 1, 2);
            assertThat(r.err().strip().lines().count()).as(r.toString()).isLessThanOrEqualTo(1);
        }
        List<PgServerLog.Entry> sent = ours(log.next());
        assertThat(sent).allSatisfy(e -> {
            assertThat(e.sql()).as("a name leaked into the SQL text").doesNotContain(name.tell());
            assertThat(benign).as("SQL that benign names never cause").contains(normalise(e.sql()));
        });
        assertThat(scalar("SELECT count(*) FROM public.orders")).isEqualTo("1");
    }

    /** The statements benign names cause: existing names and missing ones, by flags. */
    private static Set<String> benignCache;

    private Set<String> benignStatements() {
        if (benignCache == null) {
            tool("precheck", "--slot", "cdc_slot", "--publication", "cdc_pub", "--tables", "public.orders",
                    "--cdc-user", "cdc");
            tool("precheck", "--slot", "no_slot", "--publication", "no_pub", "--tables", "public.no_table",
                    "--cdc-user", "no_user");
            Set<String> texts = new HashSet<>();
            ours(log.next()).forEach(e -> texts.add(normalise(e.sql())));
            benignCache = texts;
        }
        return benignCache;
    }

    @Test
    void aQueryBlockedByALockEndsAsErrorWithinTheQueryTimeout() throws Exception {
        try (Connection holder = DriverManager.getConnection(url, "postgres", "");
             Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE pg_catalog.pg_publication IN ACCESS EXCLUSIVE MODE");

            long start = System.nanoTime();
            CliRun.Result r = tool("precheck", "--publication", "cdc_pub", "--query-timeout", "2s");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            holder.rollback();

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            JsonNode publication = r.check("pg.publication.exists");
            assertThat(publication.get("status").asText()).isEqualTo("ERROR");
            assertThat(publication.get("detail").asText()).contains("--query-timeout");
            assertThat(elapsed).as(r.toString()).isLessThan(Duration.ofSeconds(30));
        }
        log.next();
    }

    @Test
    void aServerThatDiesMidFleetRunErrorsThatTargetAndTheFleetGoesOn() throws Exception {
        EmbeddedPostgres doomed = PgServers.start(16, "logical");
        try {
            String doomedUrl = "jdbc:postgresql://localhost:" + doomed.getPort() + "/postgres";
            Path inventory = dir.resolve("fleet.yaml");
            Files.writeString(inventory, """
                    defaults: {engine: postgres, user: postgres, publication: cdc_pub, queryTimeout: 60s}
                    targets:
                      - {name: alpha, url: "%s"}
                      - {name: doomed, url: "%s"}
                      - {name: omega, url: "%s"}
                    """.formatted(url, doomedUrl, url));
            try (Connection holder = doomed.getPostgresDatabase().getConnection();
                 Statement s = holder.createStatement()) {
                holder.setAutoCommit(false);
                s.execute("LOCK TABLE pg_catalog.pg_publication IN ACCESS EXCLUSIVE MODE");

                long start = System.nanoTime();
                CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> new CliRun().run("precheck",
                        "--inventory", inventory.toString(), "--parallel", "1", "--format", "json"));
                awaitBlockedQuery(doomed);
                doomed.close(); // fast shutdown: the tool's session is terminated mid-query
                CliRun.Result r = run.get(60, TimeUnit.SECONDS);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

                assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
                assertThat(elapsed).as("long before the 60s query timeout").isLessThan(Duration.ofSeconds(45));
                Map<String, List<String>> statuses = new HashMap<>();
                for (JsonNode target : r.json().get("targets")) {
                    List<String> s2 = new ArrayList<>();
                    target.get("checks").forEach(c -> s2.add(c.get("status").asText()));
                    statuses.put(target.get("target").asText(), s2);
                }
                assertThat(statuses.keySet()).containsExactlyInAnyOrder("alpha", "doomed", "omega");
                // checks that ran before the server died may have passed; the rest are ERROR, none is lost
                assertThat(statuses.get("doomed")).contains("ERROR");
                assertThat(statuses.get("alpha")).contains("PASS").doesNotContain("ERROR");
                assertThat(statuses.get("omega")).contains("PASS").doesNotContain("ERROR");
            }
        } finally {
            try {
                doomed.close();
            } catch (Exception ignored) {
                // already stopped by the test
            }
        }
        log.next();
    }

    @Test
    void aPrivilegePoorRoleGetsErrorWithTheGrantNeverAPassItCouldNotSee() throws Exception {
        Path baseline = dir.resolve("b.json");
        String[] options = {"--slot", "cdc_slot", "--publication", "cdc_pub", "--tables", "public.orders",
                "--cdc-user", "poor"};
        CliRun.Result superuser = tool("precheck", options);
        CliRun.Result poor = new CliRun().run(concat(List.of("precheck", "--engine", "postgres", "--url", url,
                "--user", "poor", "--format", "json", "--save-baseline", baseline.toString()), options));

        assertThat(poor.exitCode()).as(poor.toString()).isEqualTo(1);
        assertThat(poor.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(poor.err().strip().lines().count()).as(poor.toString()).isLessThanOrEqualTo(1);
        Map<String, String> privileged = statuses(superuser);
        for (JsonNode c : poor.json().get("checks")) {
            String id = c.get("id").asText();
            String status = c.get("status").asText();
            if (status.equals("PASS")) {
                assertThat(privileged.get(id)).as(id + " passed for the poor role only").isEqualTo("PASS");
            }
            if (status.equals("ERROR") && c.get("detail").asText().matches("(?is).*(privilege|permission|may not).*")) {
                assertThat(c.get("remedy").asText() + " | " + c.get("detail").asText()).as(id)
                        .containsPattern("(GRANT|ALTER ROLE) .*\"poor\"");
            }
        }
        assertThat(poor.check("pg.reader").get("status").asText()).isIn("ERROR", "SKIP");
        assertThat(poor.check("pg.cdc_role").get("status").asText()).isEqualTo("FAIL");
        // the baseline needs pg_control_system(): the checklist stays, with an ERROR line that names the GRANT
        assertThat(baseline).doesNotExist();
        assertThat(poor.check("postgres.baseline").get("status").asText()).isEqualTo("ERROR");
        assertThat(poor.check("postgres.baseline").get("detail").asText())
                .contains("GRANT EXECUTE ON FUNCTION pg_control_system() TO \"poor\";");
        log.next();
    }

    // --- helpers

    @Test
    void baselineStateOfTheWrongShapeExitsTwoInOneLine() throws Exception {
        CliRun.Result r = tool("verify", "--baseline", BrokenBaselines.wrongShapeState("postgres", dir).toString());

        BrokenBaselines.assertRefusedInOneLine(r);
    }

    private static CliRun.Result tool(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "postgres", "--format", "json"));
        if (!command.equals("plan") || List.of(more).contains("--from")) {
            args.addAll(List.of("--url", url, "--user", "postgres"));
        }
        args.addAll(List.of(more));
        return new CliRun().run(args);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    private static Map<String, String> statuses(CliRun.Result r) {
        Map<String, String> all = new HashMap<>();
        r.json().get("checks").forEach(c -> all.put(c.get("id").asText(), c.get("status").asText()));
        return all;
    }

    private static List<PgServerLog.Entry> ours(List<PgServerLog.Entry> entries) {
        return entries.stream().filter(e -> e.application().equals("upgrade-check")).toList();
    }

    /** pgjdbc names server-prepared statements after a few uses; the SQL is what matters. */
    private static String normalise(String sql) {
        return sql.strip();
    }

    private static String yaml(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void as(String user, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void awaitBlockedQuery(EmbeddedPostgres server) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                         + "'upgrade-check' AND wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the tool never blocked on the held lock");
    }
}
