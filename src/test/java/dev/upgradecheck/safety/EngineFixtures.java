package dev.upgradecheck.safety;

import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.engine.mongodb.MongoPeer;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.engine.oracle.RecordedOracleSource;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.engine.sqlserver.RecordedSqlServerSource;
import dev.upgradecheck.testing.RecordedCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The safety fixtures of the five shipped engines (registered in META-INF/services, as an engine is). */
public final class EngineFixtures {

    private EngineFixtures() {
    }

    /** A real PostgreSQL 16 with every statement in its CSV log; the embedded server trusts local logins. */
    public static final class Postgres implements SafetyFixture {
        @Override
        public String engine() {
            return "postgres";
        }

        @Override
        public String urlAt(int port) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/orders";
        }

        @Override
        public Source start(String password, Path dir) {
            EmbeddedPostgres pg = PgServers.start(16, "logical", PgServerLog.settings(dir));
            PgServerLog log = new PgServerLog(pg, dir);
            log.next();
            return new Running(EngineRegistry.load(), List.of("--url", PgServers.url(pg), "--user", "postgres"),
                    () -> SafetyFixture.Recorded.of(log.next().stream()
                            .filter(e -> e.application().equals("upgrade-check")).map(PgServerLog.Entry::sql).toList(),
                            Statements.POSTGRES::isRead), pg);
        }
    }

    /** A real MariaDB (skipped where it is not installed) with its general query log in a table. */
    public static final class Mariadb implements SafetyFixture {
        private static final String TOOL = "uc_fixture";

        @Override
        public String engine() {
            return "mysql";
        }

        @Override
        public String urlAt(int port) {
            return "jdbc:mysql://127.0.0.1:" + port + "/orders";
        }

        @Override
        public Source start(String password, Path dir) throws Exception {
            MariadbTestServer server = MariadbTestServer.start();
            server.adminExecute("CREATE USER '" + TOOL + "'@'%' IDENTIFIED BY '" + password.replace("\\", "\\\\")
                            .replace("'", "''") + "'", "GRANT ALL PRIVILEGES ON *.* TO '" + TOOL + "'@'%'",
                    "SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = ON");
            return new Running(EngineRegistry.load(), List.of("--url", server.url(), "--user", TOOL),
                    () -> SafetyFixture.Recorded.of(generalLog(server, TOOL), Statements.MYSQL::isRead), server);
        }

        /** What this account ran since the last call, from the general log (which is then emptied). */
        public static List<String> generalLog(MariadbTestServer server, String account) {
            List<String> statements = new ArrayList<>();
            try (Connection c = server.admin(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log "
                        + "WHERE user_host LIKE '" + account + "[%' AND command_type IN ('Query', 'Execute', 'Prepare') "
                        + "ORDER BY event_time")) {
                    while (rs.next()) {
                        statements.add(rs.getString(1));
                    }
                }
                s.execute("SET SESSION sql_log_off = ON");
                s.execute("TRUNCATE TABLE mysql.general_log");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return statements;
        }
    }

    /** SQL Server over its recorded catalog: what was sent is what the catalog was asked. */
    public static final class SqlServer extends Recorded {
        public SqlServer() {
            super("sqlserver", port -> "jdbc:sqlserver://127.0.0.1:" + port + ";databaseName=sales;encrypt=false",
                    "jdbc:sqlserver://db1.internal:1433;databaseName=sales;encrypt=true", Statements.SQLSERVER,
                    RecordedSqlServerSource::healthy);
        }
    }

    /** Oracle over its recorded catalog. */
    public static final class Oracle extends Recorded {
        public Oracle() {
            super("oracle", port -> "jdbc:oracle:thin:@//127.0.0.1:" + port + "/ORCL",
                    "jdbc:oracle:thin:@//db.example:1521/ORCL", Statements.ORACLE, RecordedOracleSource::healthy);
        }
    }

    /** MongoDB over an in-memory wire-protocol peer, which has no authentication and records no commands. */
    public static final class Mongodb implements SafetyFixture {
        @Override
        public String engine() {
            return "mongodb";
        }

        @Override
        public String urlAt(int port) {
            return "mongodb://127.0.0.1:" + port + "/?directConnection=true";
        }

        @Override
        public Source start(String password, Path dir) {
            MongoPeer peer = new MongoPeer(true);
            // the peer cannot log in: the password travels unused, and must still never show
            return new Running(EngineRegistry.load(), List.of("--url", peer.url),
                    () -> SafetyFixture.Recorded.unavailable("the wire-protocol peer records no commands"), peer);
        }
    }

    /** An engine answered by a recorded catalog (which records every statement it is asked). */
    abstract static class Recorded implements SafetyFixture {
        private final String engine;
        private final Function<Integer, String> urlAt;
        private final String url;
        private final Statements statements;
        private final Function<List<RecordedCatalog>, dev.upgradecheck.engine.SourceInspector> inspector;

        Recorded(String engine, Function<Integer, String> urlAt, String url, Statements statements,
                 Function<List<RecordedCatalog>, dev.upgradecheck.engine.SourceInspector> inspector) {
            this.engine = engine;
            this.urlAt = urlAt;
            this.url = url;
            this.statements = statements;
            this.inspector = inspector;
        }

        @Override
        public String engine() {
            return engine;
        }

        @Override
        public String urlAt(int port) {
            return urlAt.apply(port);
        }

        @Override
        public Source start(String password, Path dir) {
            List<RecordedCatalog> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
            int[] seen = {0};
            return new Running(new EngineRegistry(List.of(inspector.apply(opened))),
                    List.of("--url", url, "--user", "cdc"), () -> {
                        List<String> all = opened.stream().flatMap(c -> c.sent().stream()).toList();
                        List<String> since = all.subList(seen[0], all.size());
                        seen[0] = all.size();
                        return SafetyFixture.Recorded.of(since, statements::isRead);
                    }, () -> { });
        }
    }

    /** A started source and what stops it. */
    record Running(EngineRegistry engines, List<String> connection,
                   java.util.function.Supplier<SafetyFixture.Recorded> log, AutoCloseable stop)
            implements SafetyFixture.Source {
        @Override
        public SafetyFixture.Recorded sent() {
            return log.get();
        }

        @Override
        public void close() throws Exception {
            stop.close();
        }
    }
}
