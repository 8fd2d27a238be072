package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.jdbc.SqlAccess;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.value.UserText;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The PostgreSQL engine (pgjdbc): {@code --engine postgres} (or {@code postgresql}). */
public final class PostgresInspector implements SourceInspector {

    /** The cluster-wide rows this instance's sessions share: present only in the instance of one fleet run. */
    private final Optional<ClusterFacts> shared;

    public PostgresInspector() {
        this(Optional.empty());
    }

    private PostgresInspector(Optional<ClusterFacts> shared) {
        this.shared = shared;
    }

    /** Targets on one server read its settings, slots, roles and archiver once per run. */
    @Override
    public SourceInspector forFleetRun() {
        return new PostgresInspector(Optional.of(new ClusterFacts()));
    }

    @Override
    public String engine() {
        return "postgres";
    }

    @Override
    public java.util.Set<String> connectorClasses() {
        return java.util.Set.of("io.debezium.connector.postgresql.PostgresConnector");
    }

    /** The offset's ts_usec: a row carries no LSN, but a change column can be compared with a time. */
    @Override
    public Optional<java.time.Instant> deliveredUpTo(dev.upgradecheck.pipeline.PipelineView view) {
        return DebeziumOffset.of(view).map(DebeziumOffset::committedAt);
    }

    @Override
    public String checkIdPrefix() {
        return "pg";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("postgresql");
    }

    @Override
    public List<dev.upgradecheck.engine.TargetOption<?>> options() {
        return PgOptions.ALL;
    }

    @Override
    public List<DeclaredCheck> checks() {
        return PostgresChecks.declared();
    }

    @Override
    public String canonicalUrl(String typed) {
        return PostgresUrl.canonical(typed);
    }

    @Override
    public ConnectionSpec withEnvironment(ConnectionSpec given, java.util.function.Function<String, String> env) {
        return PgEnvironment.apply(given, env);
    }

    @Override
    public java.util.Optional<dev.upgradecheck.engine.UrlParameters> urlParameters() {
        return java.util.Optional.of(PostgresUrl.PARAMETERS);
    }

    @Override
    public void validateUrl(String url) {
        PostgresUrl.validate(url);
    }

    @Override
    public InspectionSession open(ConnectionSpec spec) {
        Connection connection = PostgresConnect.open(spec);
        SqlSession sql = new SqlSession(connection, spec.queryTimeout());
        try {
            return new PostgresSession(sql, shared.isPresent() ? PgServer.readIdentified(sql) : PgServer.read(sql),
                    shared);
        } catch (SQLException e) {
            sql.close();
            throw new ConnectionFailedException("connected, but could not read the server's version: "
                    + UserText.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public Runbook plan(PlanRequest request) {
        return PostgresRunbook.build(request);
    }

    @Override
    public SnapshotAdvice adviseOffline(PlanRequest request) {
        return PgSnapshotRules.offline(request);
    }

    @Override
    public Optional<SqlAccess> sqlAccess() {
        return Optional.of(new SqlAccess(PostgresDialect.INSTANCE, List.of("jdbc:postgresql:"),
                spec -> new SqlSession(PostgresConnect.open(spec, true), spec.queryTimeout()),
                Optional.of(spec -> new SqlSession(PostgresConnect.open(spec, false), spec.queryTimeout()))));
    }
}
