package dev.upgradecheck.safety;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.mongodb.MongoPeer;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.engine.postgres.PgServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.upgradecheck.engine.oracle.RecordedOracleSource;
import dev.upgradecheck.engine.sqlserver.RecordedSqlServerSource;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.RecordedCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password inside the URL, in each engine's own URL forms, never appears in anything the tool writes: stdout,
 * stderr (with --debug), the --output report or the saved baseline, in every output format. The engines run for
 * real over recorded catalogs (SQL Server, Oracle) or a wire-protocol peer (MongoDB). The other ways of giving the
 * password run for every engine in {@link EngineSafetyTest}.
 */
@ExtendWith(RecordedCatalog.EveryQueryAnswered.class) // one command per engine: the engines' own tests ask every answer
class SecretsTest {

    /** Distinctive, and safe to write inside any URL. */
    static final String URL_PASSWORD = "Kestrel7Zq4411pw";

    static MongoPeer mongo;
    static EmbeddedPostgres postgres;
    static MariadbTestServer mariadb;

    @TempDir
    Path dir;

    /** Real PostgreSQL and MariaDB too: the drivers' own logging and error paths are the ones that echo secrets. */
    @BeforeAll
    static void startServers() throws Exception {
        mongo = new MongoPeer(true);
        postgres = PgServers.start(16, "logical");
        if (MariadbTestServer.installed()) {
            mariadb = MariadbTestServer.start();
            // the URL's password must be the one that logs in
            mariadb.adminExecute("CREATE USER 'secret_url'@'%' IDENTIFIED BY " + sqlLiteral(URL_PASSWORD),
                    "GRANT ALL PRIVILEGES ON *.* TO 'secret_url'@'%'");
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        mongo.close();
        postgres.close();
        if (mariadb != null) {
            mariadb.close();
        }
    }

    /** A MariaDB string literal: backslashes and quotes escaped. */
    private static String sqlLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * A password inside the URL, in each engine's own URL form. The other password sources (environment, file,
     * prompt) run for every engine the registry finds in {@link EngineSafetyTest}.
     */
    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (String engine : List.of("postgres", "mysql", "sqlserver", "oracle", "mongodb")) {
            for (String format : List.of("text", "json", "junit", "markdown")) {
                all.add(Arguments.of(engine, format));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void aPasswordInTheUrlAppearsInNoOutputReportOrBaseline(String engine, String format) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!engine.equals("mysql") || mariadb != null,
                "MariaDB is not installed here");
        List<RecordedCatalog> opened = new ArrayList<>();
        EngineRegistry engines = registry(engine, opened);
        List<String> connection = new ArrayList<>(List.of("--engine", engine, "--url", url(engine)));
        // the peer has no authentication: logging in would fail, so mongodb runs with the password but no user
        switch (engine) {
            case "mongodb" -> { }
            case "postgres" -> connection.addAll(List.of("--user", "postgres"));
            case "mysql" -> connection.addAll(List.of("--user", "secret_url"));
            default -> connection.addAll(List.of("--user", "cdc"));
        }

        Path report = dir.resolve("report." + format);
        Path baseline = dir.resolve("baseline.json");
        List<String> precheck = new ArrayList<>(List.of("--debug", "precheck"));
        precheck.addAll(connection);
        precheck.addAll(List.of("--format", format, "--output", report.toString(),
                "--save-baseline", baseline.toString()));
        CliRun.Result first = run(engines, Map.of(), "", precheck);

        List<String> verify = new ArrayList<>(List.of("--debug", "verify"));
        verify.addAll(connection);
        verify.addAll(List.of("--format", format, "--baseline", baseline.toString()));
        CliRun.Result second = run(engines, Map.of(), "", verify);

        if (engine.equals("mongodb")) {
            // user:password@ makes the driver log in, which the peer cannot do: the failure must not echo it
            assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
        } else {
            assertThat(first.exitCode()).as(first.toString()).isIn(0, 1);
            assertThat(report).exists();
            assertThat(baseline).exists();
            assertThat(second.exitCode()).as(second.toString()).isIn(0, 1);
            assertThat(second.out()).as("verify printed its report").isNotBlank();
        }
        for (String written : List.of(first.out(), first.err(), second.out(), second.err(), read(report), read(baseline))) {
            assertNoSecret(written, URL_PASSWORD);
        }
    }

    /**
     * Drivers put the URL into their error messages; whatever the engine's URL form for a password, the line the user
     * sees has it masked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("urlsWithPasswords")
    void connectionErrorsThatEchoTheUrlAreRedacted(String engine, String url, String password) {
        SourceInspector real = EngineRegistry.load().find(engine);
        SourceInspector echoing = new EchoingInspector(real);
        CliRun.Result r = run(new EngineRegistry(List.of(echoing)), Map.of(), "",
                List.of("precheck", "--engine", engine, "--url", url, "--format", "json"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as("the URL was echoed at all").contains("could not open");
        assertNoSecret(r.out() + r.err(), password);
    }

    static Stream<Arguments> urlsWithPasswords() {
        String p = URL_PASSWORD;
        return Stream.of(
                Arguments.of("sqlserver", "jdbc:sqlserver://db1:1433;databaseName=sales;user=cdc;password=" + p, p),
                Arguments.of("sqlserver", "jdbc:sqlserver://db1:1433;databaseName=sales;password={" + p + "}", p),
                Arguments.of("sqlserver", "jdbc:sqlserver://db1:1433;databaseName=sales;password={a;" + p + "}", p),
                Arguments.of("sqlserver", "jdbc:sqlserver://db1:1433;PassWord=" + p + ";databaseName=sales", p),
                Arguments.of("oracle", "jdbc:oracle:thin:cdc/" + p + "@//db1:1521/ORCL", p),
                Arguments.of("oracle", "jdbc:oracle:thin:cdc/\"" + p + "\"@//db1:1521/ORCL", p),
                Arguments.of("oracle", "jdbc:oracle:thin:cdc/" + p + "@db1:1521:ORCL", p),
                Arguments.of("mongodb", "mongodb://cdc:" + p + "@db1:27017/?authSource=admin", p),
                Arguments.of("mongodb", "mongodb+srv://cdc:" + p + "@cluster0.example.net/", p),
                Arguments.of("mongodb", "mongodb://cdc:" + enc("p@ss:" + p) + "@db1:27017/", p));
    }

    static void assertNoSecret(String written, String password) {
        assertThat(written).doesNotContain(password);
        assertThat(written).doesNotContain(enc(password));
        // a password cut in two by a masker that stops at ';' or '&' still leaks its tail
        String tail = password.substring(password.length() / 2);
        assertThat(written).doesNotContain(tail);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The source's URL with the password inside it, in the engine's own form. */
    private String url(String engine) {
        return switch (engine) {
            case "sqlserver" -> "jdbc:sqlserver://db1.internal:1433;databaseName=sales;encrypt=true;user=cdc;password={"
                    + URL_PASSWORD + "}";
            case "oracle" -> "jdbc:oracle:thin:cdc/" + URL_PASSWORD + "@//db.example:1521/ORCL";
            case "mongodb" -> mongo.url.replace("mongodb://", "mongodb://cdc:" + URL_PASSWORD + "@");
            // the embedded server trusts local connections: the password travels, and must still never show
            case "postgres" -> PgServers.url(postgres) + "?password=" + URL_PASSWORD;
            case "mysql" -> mariadb.url() + (mariadb.url().contains("?") ? "&" : "?") + "password=" + URL_PASSWORD;
            default -> throw new IllegalArgumentException(engine);
        };
    }

    private static EngineRegistry registry(String engine, List<RecordedCatalog> opened) {
        return switch (engine) {
            case "sqlserver" -> new EngineRegistry(List.of(RecordedSqlServerSource.healthy(opened)));
            case "oracle" -> new EngineRegistry(List.of(RecordedOracleSource.healthy(opened)));
            default -> EngineRegistry.load();
        };
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static CliRun.Result run(EngineRegistry engines, Map<String, String> env, String stdin, List<String> args) {
        return CliRun.withEnv(env).engines(engines).stdin(stdin).run(args);
    }

    /** The real engine's URL rules, and a connection failure whose message carries the whole URL, as drivers do. */
    private record EchoingInspector(SourceInspector real) implements SourceInspector {
        @Override
        public String engine() {
            return real.engine();
        }

        @Override
        public List<dev.upgradecheck.check.DeclaredCheck> checks() {
            return real.checks();
        }

        @Override
        public void validateUrl(String url) {
            real.validateUrl(url);
        }

        @Override
        public InspectionSession open(ConnectionSpec spec) {
            throw new ConnectionFailedException("could not open " + spec.url() + ": Connection refused", null);
        }

        @Override
        public Runbook plan(PlanRequest request) {
            return real.plan(request);
        }

        @Override
        public SnapshotAdvice adviseOffline(PlanRequest request) {
            return real.adviseOffline(request);
        }
    }
}
