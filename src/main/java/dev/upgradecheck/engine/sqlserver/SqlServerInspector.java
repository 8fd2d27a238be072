package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.jdbc.JdbcConnector;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.value.UserText;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.List;

/** {@code --engine sqlserver}: SQL Server CDC (Microsoft JDBC Driver), self-hosted, RDS, Cloud SQL and Azure. */
public final class SqlServerInspector implements SourceInspector {

    private final Function<ConnectionSpec, Connection> connector;

    public SqlServerInspector() {
        this(SqlServerInspector::connect);
    }

    /** For tests: sessions over connections the caller provides. */
    SqlServerInspector(Function<ConnectionSpec, Connection> connector) {
        this.connector = connector;
    }

    @Override
    public String engine() {
        return "sqlserver";
    }

    @Override
    public java.util.Set<String> connectorClasses() {
        return ConnectorChecks.CLASSES;
    }

    /** Debezium names the signal table {@code database.schema.table}; T-SQL takes each part in brackets. */
    @Override
    public java.util.Optional<String> snapshotSignal(String signalCollection, String id, java.util.List<String> tables) {
        String table = java.util.Arrays.stream(signalCollection.split("\\.", -1)).map(TSql::bracket)
                .collect(java.util.stream.Collectors.joining("."));
        return java.util.Optional.of(dev.upgradecheck.pipeline.SnapshotSignal.insert(table, id, tables));
    }

    @Override
    public String checkIdPrefix() {
        return "mssql";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mssql");
    }

    @Override
    public List<DeclaredCheck> checks() {
        return SqlServerChecks.declared();
    }

    @Override
    public java.util.Optional<dev.upgradecheck.engine.UrlParameters> urlParameters() {
        return java.util.Optional.of(SqlServerUrl.PARAMETERS);
    }

    @Override
    public void validateUrl(String url) {
        SqlServerUrl.parse(url).requireSafe();
    }

    @Override
    public InspectionSession open(ConnectionSpec spec) {
        validateUrl(spec.url());
        return new SqlServerSession(connector.apply(spec), spec.queryTimeout());
    }

    @Override
    public Runbook plan(PlanRequest request) {
        return SqlServerRunbook.plan(request);
    }

    @Override
    public SnapshotAdvice adviseOffline(PlanRequest request) {
        return SqlServerSnapshotRules.offline(request);
    }

    private static Connection connect(ConnectionSpec spec) {
        Properties props = JdbcConnector.credentials(spec);
        long connectSeconds = Math.max(1, (spec.connectTimeout().duration().toMillis() + 999) / 1000);
        // The driver lets these properties win over the same names in the URL, so the bounds always hold.
        props.setProperty("loginTimeout", String.valueOf(Math.min(connectSeconds, Integer.MAX_VALUE)));
        // socketTimeout is a backstop behind each statement's query timeout, for a server that stops answering
        props.setProperty("socketTimeout", String.valueOf(JdbcConnector.readBackstopMillis(spec)));
        props.setProperty("applicationName", "upgrade-check");
        Connection connection = JdbcConnector.open(new com.microsoft.sqlserver.jdbc.SQLServerDriver(), spec.url(), props, SqlServerInspector::describe);
        try {
            // a hint only: the driver does not enforce it, so safety rests on sending nothing but SELECTs
            connection.setReadOnly(true);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw new ConnectionFailedException(describe(e), e);
        }
        return connection;
    }

    /** One line per way a login fails; the driver's SQLState 08S01 means the host was not reached. */
    static String describe(SQLException e) {
        int code = e.getErrorCode();
        if (code == SqlServerErrors.LOGIN_FAILED) {
            return "login failed (error 18456): wrong user or password, or the login may not use this database";
        }
        if (code == 4060) {
            return "cannot open the database named in --url (error 4060): it does not exist or the login has no "
                    + "user in it";
        }
        if ("08S01".equals(e.getSQLState())) {
            return "cannot reach the server: " + UserText.firstLine(e.getMessage());
        }
        return "could not connect: " + UserText.firstLine(e.getMessage()) + " (SQLState " + e.getSQLState()
                + ", error " + code + ")";
    }

    /** Tables read over the inspector's own read-only connection; the canary is not offered here yet. */
    @Override
    public java.util.Optional<dev.upgradecheck.engine.jdbc.SqlAccess> sqlAccess() {
        return java.util.Optional.of(new dev.upgradecheck.engine.jdbc.SqlAccess(SqlServerDialect.INSTANCE,
                java.util.List.of("jdbc:sqlserver:"), spec -> {
                    validateUrl(spec.url());
                    return new dev.upgradecheck.engine.jdbc.SqlSession(connector.apply(spec), spec.queryTimeout());
                }, java.util.Optional.empty()));
    }
}
