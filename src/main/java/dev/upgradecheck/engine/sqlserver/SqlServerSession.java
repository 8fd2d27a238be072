package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckRunner;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.HumanDuration;
import dev.upgradecheck.value.UserText;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only session on one SQL Server database. It sends only SELECTs of catalog views, DMVs and
 * built-in functions; it can be built over any {@link Connection} (tests hand it a recorded one).
 */
public final class SqlServerSession implements InspectionSession {

    private final SqlSession sql;
    private final SqlServerFacts facts;
    private final SqlServerErrors errors;

    /** Takes ownership of the connection: it is closed with the session. */
    public SqlServerSession(Connection connection, HumanDuration queryTimeout) {
        this.sql = new SqlSession(connection, queryTimeout);
        try {
            this.facts = SqlServerFacts.load(sql);
        } catch (SQLException e) {
            sql.close();
            throw new ConnectionFailedException("connected, but could not read the server's properties: "
                    + UserText.firstLine(e.getMessage()), e);
        }
        this.errors = new SqlServerErrors(facts);
    }

    @Override
    public ServerInfo server() {
        return facts.serverInfo();
    }

    @Override
    public List<CheckResult> precheck(Inspection inspection) {
        return new CheckRunner(inspection.selection(), errors).run(SqlServerChecks.PRECHECK, context(inspection.options()));
    }

    @Override
    public Object captureBaseline(TargetOptions options) {
        SqlServerCatalog catalog = new SqlServerCatalog(sql);
        try {
            boolean enabled = catalog.databaseCdcEnabled();
            List<SqlServerBaseline.Instance> instances = new ArrayList<>();
            for (CaptureInstance c : catalog.captureInstances()) {
                instances.add(new SqlServerBaseline.Instance(c.name(), c.table().display(), c.changeTableId(),
                        c.startLsn() == null ? null : c.startLsn().toString()));
            }
            String maxLsn = catalog.maxLsn().map(Lsn::toString).orElse(null);
            return new SqlServerBaseline(facts.productVersion(), facts.database(), facts.platform().id(), enabled, maxLsn,
                    instances);
        } catch (SQLException e) {
            throw failed("could not record the baseline", e);
        }
    }

    @Override
    public List<CheckResult> verify(Inspection inspection, Optional<Baseline> baseline) {
        SqlServerContext live = context(inspection.options());
        CheckRunner runner = new CheckRunner(inspection.selection(), errors);
        List<CheckResult> results = new ArrayList<>(runner.run(SqlServerChecks.VERIFY, live));
        baseline.map(this::state).ifPresent(state -> results.addAll(runner.run(SqlServerChecks.BASELINE,
                new VerifyContext(live, state))));
        return results;
    }

    @Override
    public SnapshotAdvice adviseSnapshot(Inspection inspection, Optional<Baseline> baseline) {
        TargetOptions options = inspection.options();
        Optional<SqlServerBaseline> state = baseline.map(this::state);
        try {
            Optional<ReaderOffset> reader = inspection.reader()
                    .map(v -> ReaderOffset.of(v, facts.database(), "the connector's committed offset"))
                    .orElseGet(() -> baseline.map(Baseline::pipeline).flatMap(v -> ReaderOffset.of(v,
                            facts.database(), "the connector's committed offset recorded in the baseline")));
            return SqlServerSnapshotRules.live(context(options), state, reader);
        } catch (SQLException e) {
            throw failed("could not read the CDC state", e);
        }
    }

    @Override
    public List<CheckResult> connectorChecks(PipelineView view, Inspection inspection) {
        return new CheckRunner(inspection.selection(), errors).run(ConnectorChecks.ALL,
                new ConnectorChecks.Context(context(inspection.options()), view));
    }

    @Override
    public DrainStatus drainStatus(Optional<PipelineView> view, TargetOptions options) {
        if (view.isEmpty()) {
            return DrainStatus.unknown("SQL Server keeps no record of where a CDC reader stands: give --connect-url "
                    + "and --connector to measure the connector's committed offset");
        }
        try {
            return ConnectorChecks.drain(context(options),
                    ReaderOffset.of(view.get(), facts.database(), "the connector's committed offset"));
        } catch (SQLException e) {
            throw failed("could not read the max LSN", e);
        }
    }

    @Override
    public PlanRequest withLiveNames(PlanRequest request) {
        TargetOptions target = request.target();
        List<String> tables = target.tables();
        try {
            if (tables.isEmpty()) {
                tables = new SqlServerCatalog(sql).trackedTables().stream()
                        .map(t -> t.inDatabase(facts.database()).toString()).toList();
            } else {
                tables = SqlServerContext.requestedTables(target, facts.database()).stream()
                        .map(t -> t.inDatabase(facts.database()).toString()).toList();
            }
        } catch (SQLException e) {
            throw failed("connected, but cannot read the live names", e);
        }
        String from = request.fromVersion() == null ? facts.productVersion() : request.fromVersion();
        Platform platform = request.platform() == Platform.SELF_HOSTED ? facts.platform() : request.platform();
        return new PlanRequest(from, request.toVersion(), platform, request.gtid(), target.withTables(tables));
    }

    private InspectionFailedException failed(String what, SQLException e) {
        return InspectionFailedException.because(what, errors.translate(e), e);
    }

    @Override
    public void close() {
        sql.close();
    }

    private SqlServerContext context(TargetOptions options) {
        // bad --tables are a usage error (exit 2), found before any check runs
        SqlServerContext.requestedTables(options, facts.database());
        return new SqlServerContext(new SqlServerCatalog(sql), facts, options, errors);
    }

    private SqlServerBaseline state(Baseline baseline) {
        SqlServerBaseline state = baseline.stateAs(SqlServerBaseline.class);
        state.maxLsnValue();
        state.captureInstances().forEach(i -> {
            SqlServerBaseline.lsn(i.startLsn());
            if (i.name() == null || i.table() == null) {
                throw new BadInputException("baseline is not a valid sqlserver baseline: a capture instance "
                        + "without name or table");
            }
            state.tableOf(i);
        });
        if (state.database() != null && !state.database().equalsIgnoreCase(facts.database())) {
            throw new BadInputException("the baseline was saved for database " + state.database()
                    + " but --url connects to " + facts.database());
        }
        return state;
    }
}
