package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckRunner;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.HumanDuration;
import dev.upgradecheck.value.UserText;
import dev.upgradecheck.value.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only session on one Oracle database. The thin driver treats {@code setReadOnly} as a hint only, so the
 * session also runs in a {@code SET TRANSACTION READ ONLY} transaction (auto-commit off, never committed).
 * Built over any {@link Connection}, so tests drive it with recorded catalog answers.
 */
public final class OracleSession implements InspectionSession {

    static final String READ_ONLY = "SET TRANSACTION READ ONLY";

    private final SqlSession sql;
    private final OracleCatalog catalog;
    private final ServerFacts facts;

    private OracleSession(SqlSession sql, ServerFacts facts) {
        this.sql = sql;
        this.catalog = new OracleCatalog(sql);
        this.facts = facts;
    }

    /** Makes the connection read-only and learns who and where it is; failures are connection failures (exit 3). */
    public static OracleSession over(Connection connection, HumanDuration queryTimeout) {
        SqlSession sql = new SqlSession(connection, queryTimeout);
        try {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            sql.execute(READ_ONLY);
            OracleCatalog catalog = new OracleCatalog(sql);
            Row context = catalog.one(OracleCatalog.SESSION_CONTEXT);
            String version = catalog.query(OracleCatalog.VERSION).stream().findFirst()
                    .map(r -> r.has("version_full") && r.get("version_full") != null
                            ? r.string("version_full") : r.string("version"))
                    .orElseThrow(() -> new SQLException("PRODUCT_COMPONENT_VERSION has no Oracle row"));
            boolean rds = catalog.one(OracleCatalog.RDS_ADMIN).longValue("n") > 0;
            ServerFacts facts = new ServerFacts(version, context.string("session_user"), context.string("con_name"),
                    Integer.parseInt(context.string("con_id").trim()), rds);
            return new OracleSession(sql, facts);
        } catch (SQLException | RuntimeException e) {
            sql.close();
            throw new ConnectionFailedException("connected, but could not start a read-only inspection: "
                    + UserText.firstLine(e.getMessage()), e);
        }
    }

    public ServerFacts facts() {
        return facts;
    }

    @Override
    public ServerInfo server() {
        return facts.serverInfo();
    }

    @Override
    public List<CheckResult> precheck(Inspection inspection) {
        return run(OracleChecks.PRECHECK, inspection, Optional.empty());
    }

    @Override
    public List<CheckResult> verify(Inspection inspection, Optional<Baseline> baseline) {
        return run(OracleChecks.VERIFY, inspection, baseline.map(b -> b.stateAs(OracleBaseline.class)));
    }

    private List<CheckResult> run(List<dev.upgradecheck.check.Check<OracleContext>> checks, Inspection inspection,
                                  Optional<OracleBaseline> baseline) {
        OracleContext context = context(inspection.options(), baseline);
        return new CheckRunner(inspection.selection(), OracleErrors.translator(facts)).run(checks, context);
    }

    @Override
    public Object captureBaseline(TargetOptions options) {
        OracleContext context = context(options, Optional.empty());
        try {
            DatabaseState db = DatabaseState.read(catalog);
            List<RedoGroup> redo = RedoGroup.read(catalog).stream().map(RedoGroup.Online::layout).toList();
            List<TableLogging> tables = new ArrayList<>();
            for (TableName table : context.tables()) {
                tables.add(TableLogging.read(catalog, table));
            }
            return new OracleBaseline(facts.versionText(), db.cdb(), facts.containerName(), facts.platform().id(),
                    db.dbid(), db.currentScn(), db.resetlogsScn(), db.logMode(), db.supplementalMin(),
                    db.supplementalAll(), redo, tables);
        } catch (SQLException e) {
            throw InspectionFailedException.because("cannot record the baseline",
                    OracleErrors.translator(facts).translate(e), e);
        }
    }

    @Override
    public SnapshotAdvice adviseSnapshot(Inspection inspection, Optional<Baseline> baseline) {
        TargetOptions options = inspection.options();
        OracleContext context = context(options, baseline.map(b -> b.stateAs(OracleBaseline.class)));
        try {
            Optional<ReaderScn> reader = inspection.reader()
                    .map(v -> ReaderScn.of(v, "the connector's committed offset"))
                    .orElseGet(() -> baseline.map(Baseline::pipeline).flatMap(v -> ReaderScn.of(v,
                            "the connector's committed offset recorded in the baseline")));
            return OracleSnapshotRules.advise(context, reader);
        } catch (SQLException e) {
            throw InspectionFailedException.because("cannot judge the snapshot",
                    OracleErrors.translator(facts).translate(e), e);
        }
    }

    @Override
    public List<CheckResult> connectorChecks(PipelineView view, Inspection inspection) {
        return new CheckRunner(inspection.selection(), OracleErrors.translator(facts)).run(ConnectorChecks.ALL,
                new ConnectorChecks.Context(context(inspection.options(), Optional.empty()), view));
    }

    /** Oracle's SCN advances without user writes: no SCN distance proves a drain, so drain says what it sees. */
    @Override
    public DrainStatus drainStatus(Optional<PipelineView> view, TargetOptions options) {
        Optional<ReaderScn> reader = view.flatMap(v -> ReaderScn.of(v, "the connector's committed offset"));
        if (reader.isEmpty()) {
            return DrainStatus.unknown("Oracle keeps no record of a LogMiner reader's committed position: give "
                    + "--connect-url and --connector");
        }
        try {
            return DrainStatus.unknown(ConnectorChecks.behind(context(options, Optional.empty()), reader.get())
                    + ": no SCN distance proves a drain; with writes stopped, the connector's commit_scn must stop "
                    + "moving and snapshot-advice with --connect-url must say NOT_NEEDED");
        } catch (SQLException e) {
            Outcome outcome = OracleErrors.translator(facts).translate(e);
            throw new InspectionFailedException("cannot read the current SCN: " + outcome.detail(), e);
        }
    }

    @Override
    public PlanRequest withLiveNames(PlanRequest request) {
        TargetOptions target = request.target() == null ? TargetOptions.NONE : request.target();
        if (target.tables().isEmpty()) {
            try {
                target = target.withTables(catalog.query(OracleCatalog.LOGGED_TABLES).stream()
                        .map(r -> quoteIfNeeded(r.string("owner")) + "." + quoteIfNeeded(r.string("table_name")))
                        .toList());
            } catch (SQLException e) {
                throw InspectionFailedException.because("connected, but cannot read the live names",
                        OracleErrors.translator(facts).translate(e), e);
            }
        }
        if (target.cdcUser() == null) {
            target = target.with(TargetOptions.CDC_USER, facts.sessionUser());
        }
        Platform platform = facts.rds() ? Platform.RDS : request.platform();
        String from = request.fromVersion() == null ? facts.versionText() : request.fromVersion();
        return new PlanRequest(from, request.toVersion(), platform, request.gtid(), target);
    }

    /** A name as --tables would take it back: upper-case simple names bare, anything else in double quotes. */
    static String quoteIfNeeded(String name) {
        return name.matches("[A-Z][A-Z0-9_$#]*") ? name : "\"" + name + "\"";
    }

    private OracleContext context(TargetOptions options, Optional<OracleBaseline> baseline) {
        TargetOptions o = options == null ? TargetOptions.NONE : options;
        List<TableName> tables = o.tables().stream().map(TableName::parse).toList();
        OracleName cdcUser = o.cdcUser() == null ? new OracleName(facts.sessionUser()) : OracleName.parse(o.cdcUser());
        Optional<Version> target = Optional.ofNullable(o.targetVersion())
                .map(v -> OracleRunbook.version(v, "--target-version"));
        return new OracleContext(catalog, facts, tables, cdcUser, target, o.window(), baseline);
    }

    @Override
    public void close() {
        try {
            // end the read-only transaction; nothing was written, so there is nothing to keep
            sql.connection().rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        sql.close();
    }
}
