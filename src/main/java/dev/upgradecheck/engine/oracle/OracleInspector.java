package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.engine.jdbc.JdbcConnector;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/** The Oracle engine ({@code --engine oracle}): LogMiner-based CDC sources, self-hosted or on Amazon RDS. */
public final class OracleInspector implements SourceInspector {

    private final Function<ConnectionSpec, Connection> connector;

    public OracleInspector() {
        this(OracleInspector::connect);
    }

    /** With another way to obtain the connection (tests hand over a recorded catalog). */
    public OracleInspector(Function<ConnectionSpec, Connection> connector) {
        this.connector = connector;
    }

    @Override
    public String engine() {
        return "oracle";
    }

    @Override
    public List<DeclaredCheck> checks() {
        return OracleChecks.declared();
    }

    @Override
    public java.util.Set<String> connectorClasses() {
        return ConnectorChecks.CLASSES;
    }

    /**
     * Debezium names the signal table {@code DATABASE.SCHEMA.TABLE}; SQL names it by schema and table, in double
     * quotes as Debezium's names are case-sensitive.
     */
    @Override
    public java.util.Optional<String> snapshotSignal(String signalCollection, String id, java.util.List<String> tables) {
        String[] parts = signalCollection.split("\\.", -1);
        String table = parts.length == 3 ? parts[1] + "." + parts[2] : signalCollection;
        return java.util.Optional.of(dev.upgradecheck.pipeline.SnapshotSignal.insert(
                dev.upgradecheck.pipeline.SnapshotSignal.doubleQuoted(table), id, tables));
    }

    @Override
    public java.util.Optional<dev.upgradecheck.engine.UrlParameters> urlParameters() {
        return java.util.Optional.of(OracleUrl.PARAMETERS);
    }

    @Override
    public void validateUrl(String url) {
        OracleUrl.validate(url);
    }

    @Override
    public InspectionSession open(ConnectionSpec spec) {
        return OracleSession.over(connector.apply(spec), spec.queryTimeout());
    }

    @Override
    public Runbook plan(PlanRequest request) {
        TargetOptions target = request.target() == null ? TargetOptions.NONE : request.target();
        return OracleRunbook.build(request, tables(target),
                target.cdcUser() == null ? null : OracleName.parse(target.cdcUser()));
    }

    @Override
    public SnapshotAdvice adviseOffline(PlanRequest request) {
        TargetOptions target = request.target() == null ? TargetOptions.NONE : request.target();
        return OracleSnapshotRules.offline(request, tables(target));
    }

    private static List<TableName> tables(TargetOptions target) {
        return target.tables().stream().map(TableName::parse).toList();
    }

    /**
     * The thin driver with both time bounds: CONNECT_TIMEOUT for the TCP connect and ReadTimeout for each socket
     * read of the login, both --connect-timeout, so a host that accepts TCP and never answers ends within it. Once
     * logged in, the read bound widens to a backstop behind each statement's query timeout.
     */
    static Connection connect(ConnectionSpec spec) {
        Properties properties = properties(spec);
        Connection connection = JdbcConnector.open(new oracle.jdbc.OracleDriver(), spec.url(), properties,
                OracleErrors::describeConnectFailure);
        try {
            connection.setNetworkTimeout(Runnable::run, JdbcConnector.readBackstopMillis(spec));
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw new ConnectionFailedException(OracleErrors.describeConnectFailure(e), e);
        }
        return connection;
    }

    static Properties properties(ConnectionSpec spec) {
        Properties p = JdbcConnector.credentials(spec);
        long connectMillis = Math.max(1, spec.connectTimeout().duration().toMillis());
        p.setProperty("oracle.net.CONNECT_TIMEOUT", Long.toString(connectMillis));
        p.setProperty("oracle.jdbc.ReadTimeout", Long.toString(connectMillis));
        return p;
    }

    /** Tables read over the inspector's own read-only connection; the canary is not offered here yet. */
    @Override
    public java.util.Optional<dev.upgradecheck.engine.jdbc.SqlAccess> sqlAccess() {
        return java.util.Optional.of(new dev.upgradecheck.engine.jdbc.SqlAccess(OracleDialect.INSTANCE,
                java.util.List.of("jdbc:oracle:"), spec -> {
                    validateUrl(spec.url());
                    var sql = new dev.upgradecheck.engine.jdbc.SqlSession(connector.apply(spec), spec.queryTimeout());
                    try {
                        // as OracleSession does: the thin driver takes setReadOnly as a hint only
                        sql.connection().setReadOnly(true);
                        sql.connection().setAutoCommit(false);
                        sql.execute(OracleSession.READ_ONLY);
                        return sql;
                    } catch (java.sql.SQLException e) {
                        sql.close();
                        throw new dev.upgradecheck.ConnectionFailedException("connected, but could not start a "
                                + "read-only transaction: " + dev.upgradecheck.value.UserText.firstLine(e.getMessage()), e);
                    }
                }, java.util.Optional.empty()));
    }
}
