package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.jdbc.JdbcConnector;
import dev.upgradecheck.engine.jdbc.SqlAccess;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.value.UserText;
import dev.upgradecheck.value.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** MySQL (5.7, 8.0, 8.4, 9.x) and MariaDB (10.x, 11.x) through MySQL Connector/J; {@code --engine mariadb} is an alias. */
public final class MysqlInspector implements SourceInspector {

    @Override
    public String engine() {
        return "mysql";
    }

    @Override
    public java.util.Set<String> connectorClasses() {
        return java.util.Set.of("io.debezium.connector.mysql.MySqlConnector",
                "io.debezium.connector.mariadb.MariaDbConnector");
    }

    /** Debezium names the signal table {@code db.table}; MySQL reads backslashes in literals as escapes. */
    @Override
    public java.util.Optional<String> snapshotSignal(String signalCollection, String id, java.util.List<String> tables) {
        return java.util.Optional.of(dev.upgradecheck.pipeline.SnapshotSignal.insert(
                MysqlIdentifiers.quoteQualified(signalCollection), id, tables, true));
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mariadb");
    }

    @Override
    public List<DeclaredCheck> checks() {
        return MysqlChecks.declared();
    }

    @Override
    public String canonicalUrl(String typed) {
        return MysqlUrlPolicy.canonical(typed);
    }

    @Override
    public ConnectionSpec withEnvironment(ConnectionSpec given, java.util.function.Function<String, String> env) {
        return MysqlOptionFile.apply(given, env);
    }

    @Override
    public java.util.Optional<dev.upgradecheck.engine.UrlParameters> urlParameters() {
        return java.util.Optional.of(MysqlUrlPolicy.PARAMETERS);
    }

    @Override
    public void validateUrl(String url) {
        MysqlUrlPolicy.validate(url);
    }

    /** Connector/J itself, not through DriverManager: only the engine in use loads its driver. */
    private static java.sql.Driver driver() {
        try {
            return new com.mysql.cj.jdbc.NonRegisteringDriver();
        } catch (SQLException e) {
            throw new IllegalStateException("Connector/J cannot start", e);
        }
    }

    @Override
    public InspectionSession open(ConnectionSpec spec) {
        SqlSession sql = connect(spec);
        try {
            return MysqlSession.start(sql);
        } catch (SQLException e) {
            sql.close();
            throw new ConnectionFailedException("connected, but could not start a read-only session: "
                    + UserText.firstLine(e.getMessage()), e);
        }
    }

    /** A logged-in session with both time bounds, not yet read-only. */
    private static SqlSession connect(ConnectionSpec spec) {
        MysqlUrlPolicy.validate(spec.url());
        Connection connection;
        try {
            connection = JdbcConnector.open(driver(), MysqlUrlPolicy.driverUrl(spec.url()),
                    MysqlUrlPolicy.properties(spec), MysqlConnectionErrors::describe);
        } catch (ConnectionFailedException e) {
            // S1009: the driver rejected a property value from the URL before talking to any server
            if (e.getCause() instanceof SQLException sql && "S1009".equals(sql.getSQLState())) {
                throw new BadInputException("invalid URL parameter: " + UserText.firstLine(sql.getMessage()));
            }
            throw e;
        }
        SqlSession sql = new SqlSession(connection, spec.queryTimeout());
        try {
            connection.setNetworkTimeout(Runnable::run, JdbcConnector.readBackstopMillis(spec));
            return sql;
        } catch (SQLException e) {
            sql.close();
            throw new ConnectionFailedException("connected, but could not bound the session's reads: "
                    + UserText.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public Optional<SqlAccess> sqlAccess() {
        return Optional.of(new SqlAccess(MysqlDialect.INSTANCE, List.of("jdbc:mysql:", "jdbc:mariadb:"), spec -> {
            SqlSession sql = connect(spec);
            try {
                sql.connection().setReadOnly(true);
                sql.execute("SET SESSION TRANSACTION READ ONLY");
                return sql;
            } catch (SQLException e) {
                sql.close();
                throw new ConnectionFailedException("connected, but could not start a read-only session: "
                        + UserText.firstLine(e.getMessage()), e);
            }
        }, Optional.of(MysqlInspector::connect)));
    }

    @Override
    public Runbook plan(PlanRequest request) {
        return MysqlRunbook.build(request);
    }

    @Override
    public SnapshotAdvice adviseOffline(PlanRequest request) {
        Version from = parse(request.fromVersion());
        Version to = parse(request.toVersion());
        Version known = from != null ? from : to;
        Flavour flavour = known == null ? Flavour.MYSQL : Flavour.fromVersionNumber(known);
        return MysqlSnapshotRules.forecast(MysqlSnapshotRules.fromPlan(flavour, from, to, request.gtid()),
                request.target() == null ? java.util.List.of() : request.target().tables());
    }

    private static Version parse(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Version.parse(v);
        } catch (IllegalArgumentException e) {
            throw new dev.upgradecheck.BadInputException(e.getMessage());
        }
    }
}
