package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.baseline.Baseline;
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
import dev.upgradecheck.value.Version;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A read-only session on one MySQL or MariaDB server. */
final class MysqlSession implements InspectionSession {

    private final SqlSession sql;
    private final MysqlServer server;
    private final MysqlCatalog catalog;
    private final MysqlPrivilegeErrors errors;

    private MysqlSession(SqlSession sql, MysqlCatalog catalog) {
        this.sql = sql;
        this.server = catalog.server();
        this.catalog = catalog;
        this.errors = new MysqlPrivilegeErrors(server.connectingAccount());
    }

    /**
     * Makes the session read-only (the driver's flag and the server's transaction mode), then reads the server's
     * facts ({@link MysqlCatalog#open}). Used by the inspector on a fresh connection and by tests on a recorded one.
     */
    static MysqlSession start(SqlSession sql) throws SQLException {
        sql.connection().setReadOnly(true);
        sql.execute("SET SESSION TRANSACTION READ ONLY");
        return new MysqlSession(sql, MysqlCatalog.open(sql));
    }

    MysqlServer facts() {
        return server;
    }

    SqlSession sql() {
        return sql;
    }

    @Override
    public ServerInfo server() {
        return server.info();
    }

    @Override
    public List<CheckResult> precheck(Inspection inspection) {
        return configurationResults(inspection);
    }

    private List<CheckResult> configurationResults(Inspection inspection) {
        MysqlContext ctx = validated(inspection.options());
        return new CheckRunner(inspection.selection(), errors).run(MysqlChecks.PRECHECK, ctx);
    }

    @Override
    public Object captureBaseline(TargetOptions options) {
        try {
            MysqlCatalog.BinlogPosition position = catalog.binlogStatus().orElse(null);
            List<String> files = position == null ? List.of() : catalog.binaryLogs();
            String executed = null;
            String purged = null;
            String mariadbBinlogPos = null;
            String mariadbCurrentPos = null;
            if (server.isMariadb()) {
                MysqlCatalog.MariadbGtids gtids = catalog.mariadbGtids();
                mariadbBinlogPos = gtids.binlogPos().toString();
                mariadbCurrentPos = gtids.currentPos().toString();
            } else if (server.gtidOn()) {
                MysqlCatalog.MysqlGtids gtids = catalog.mysqlGtids();
                executed = gtids.executed().toString();
                purged = gtids.purged().toString();
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (String name : MysqlBaseline.SETTINGS) {
                server.variable(name).ifPresent(v -> settings.put(name, v));
            }
            String gtidAtPosition = server.isMariadb() && position != null
                    ? catalog.mariadbGtidAt(position.file(), position.position()).map(Object::toString).orElse(null)
                    : null;
            List<String> readers = BinlogReaderCheck.visibleReaders(catalog)
                    .map(list -> list.stream().map(Object::toString).toList()).orElse(null);
            return new MysqlBaseline(server.flavour().name(), server.versionText(), server.platform().id(),
                    server.variable("server_uuid").orElse(null), server.variable("server_id").orElse(null),
                    position == null ? null : position.file(), position == null ? null : position.position(), files,
                    !server.isMariadb() && server.gtidOn(), executed, purged, mariadbBinlogPos, mariadbCurrentPos,
                    settings, gtidAtPosition, readers);
        } catch (SQLException e) {
            throw unusable("cannot record the baseline", e);
        }
    }

    @Override
    public List<CheckResult> verify(Inspection inspection, Optional<Baseline> baseline) {
        List<CheckResult> results = new ArrayList<>(configurationResults(inspection));
        baseline.ifPresent(b -> {
            BaselineComparison comparison = new BaselineComparison(server, catalog, state(b),
                    readerOffset(inspection, baseline));
            results.addAll(new CheckRunner(inspection.selection(), errors).run(MysqlChecks.BASELINE, comparison));
        });
        return results;
    }

    /**
     * The connector's offset is the evidence; the baseline's position is the server's. With an offset (live, else
     * the one saved in the baseline) the baseline's position rules give way to it, except a restarted history and,
     * for a file/position reader, another server or a major upgrade.
     */
    @Override
    public SnapshotAdvice adviseSnapshot(Inspection inspection, Optional<Baseline> baseline) {
        TargetOptions options = inspection.options();
        MysqlBaseline state = baseline.map(this::state).orElse(null);
        Optional<ReaderOffset> offset = readerOffset(inspection, baseline);
        List<MysqlSnapshotRules.Finding> findings = new ArrayList<>();
        try {
            ResumeAssessment resume = state == null ? null : ResumeAssessment.of(server, catalog, state);
            findings.addAll(MysqlSnapshotRules.rowEvents(server, state,
                    state == null ? null : BaselineComparison.writtenSince(server, catalog, state)));
            findings.addAll(binlogFilter(inspection, baseline));
            if (offset.isPresent()) {
                findings.addAll(MysqlSnapshotRules.fromOffset(OffsetAssessment.of(offset.get(), server, catalog),
                        resume != null));
                if (resume != null && resume.historyRestart() != null) {
                    findings.add(new MysqlSnapshotRules.Finding(Verdict.REQUIRED, resume.historyRestart()));
                }
                if (resume != null && !resume.gtidTracked() && offset.get().gtids() == null) {
                    findings.addAll(MysqlSnapshotRules.positionNotPortable(resume));
                }
            } else if (resume != null) {
                findings.addAll(MysqlSnapshotRules.fromBaseline(resume, server.isMariadb()));
            } else {
                Version target = UpgradePathCheck.target(validated(options)).orElse(null);
                findings.addAll(MysqlSnapshotRules.fromPlan(server.flavour(), target == null ? null : server.version(),
                        target, server.gtidOn()));
            }
        } catch (SQLException e) {
            throw unusable("cannot judge the reader's position", e);
        }
        findings.addAll(statementLogged(offset, state));
        String missing = offset.isEmpty() ? MysqlSnapshotRules.READER_UNKNOWN + readersAt(state)
                : state == null ? MysqlSnapshotRules.NO_HISTORY : null;
        return MysqlSnapshotRules.advice(findings, options.tables(), missing);
    }

    /** The connector's tables (live, else as the baseline saved it) and --tables, against the binlog's filters. */
    private List<MysqlSnapshotRules.Finding> binlogFilter(Inspection inspection, Optional<Baseline> baseline)
            throws SQLException {
        BinlogFilter filter = catalog.binlogFilter();
        Optional<PipelineView> view = inspection.reader().or(() -> baseline.map(Baseline::pipeline));
        List<String> tables = inspection.options().tables();
        Set<String> leftOut = filter.leftOut(catalog, t -> tables.stream().anyMatch(t::equalsIgnoreCase)
                || view.map(v -> ConnectorChecks.included(v, t)).orElse(false));
        return MysqlSnapshotRules.binlogFilter(filter, leftOut, view.isPresent() || !tables.isEmpty());
    }

    /** Changes logged as statements since the reader's place; a binlog the account cannot read rules none out. */
    private List<MysqlSnapshotRules.Finding> statementLogged(Optional<ReaderOffset> offset, MysqlBaseline state) {
        Optional<MysqlCatalog.BinlogPosition> place = StatementLoggedChanges.readerPlace(offset, state);
        if (place.isEmpty()) {
            return List.of();
        }
        try {
            return StatementLoggedChanges.since(place.get(), catalog).map(MysqlSnapshotRules::statementLogged)
                    .orElse(List.of());
        } catch (SQLException e) {
            Outcome denied = errors.translate(e);
            return List.of(new MysqlSnapshotRules.Finding(Verdict.RECOMMENDED, "cannot read the binlog's events "
                    + "since " + place.get() + " to rule out changes logged as statements: " + denied.detail()
                    + (denied.remedy() == null ? "" : " (" + denied.remedy() + ")")));
        }
    }

    /** The connector's committed offset: read now with --connect-url, else as saved in the baseline. */
    private static Optional<ReaderOffset> readerOffset(Inspection inspection, Optional<Baseline> baseline) {
        return inspection.reader().flatMap(ReaderOffset::of)
                .or(() -> baseline.map(Baseline::pipeline).flatMap(ReaderOffset::of));
    }

    /** What the baseline saw of dump threads: said, but never taken as the reader's position. */
    private static String readersAt(MysqlBaseline state) {
        if (state == null || state.readers() == null) {
            return "";
        }
        return state.readers().isEmpty() ? ". At the baseline no binlog dump thread was connected"
                : ". At the baseline the server showed " + String.join("; ", state.readers()) + " (server-side only: "
                + "an idle thread may belong to a reader that had already exited)";
    }

    @Override
    public List<CheckResult> connectorChecks(PipelineView view, Inspection inspection) {
        return new CheckRunner(inspection.selection(), errors).run(ConnectorChecks.all(),
                new ConnectorChecks.Context(server, catalog, view, inspection.options()));
    }

    @Override
    public DrainStatus drainStatus(Optional<PipelineView> view, TargetOptions options) {
        try {
            return ReaderDrain.of(view, server, catalog);
        } catch (SQLException e) {
            Outcome o = errors.translate(e);
            return DrainStatus.unknown(o.detail() + (o.remedy() == null ? "" : "; fix: " + o.remedy()));
        }
    }

    @Override
    public PlanRequest withLiveNames(PlanRequest request) {
        String from = request.fromVersion() != null ? request.fromVersion() : server.version().toString();
        Boolean gtid = request.gtid() != null ? request.gtid() : server.gtidOn();
        Platform platform = server.platform().isAws() && request.platform() == Platform.SELF_HOSTED
                ? server.platform() : request.platform();
        TargetOptions target = request.target() == null ? TargetOptions.NONE : request.target();
        if (target.cdcUser() == null) {
            target = target.with(TargetOptions.CDC_USER, server.connectingAccount().quoted());
        }
        return new PlanRequest(from, request.toVersion(), platform, gtid, target);
    }

    /** Options every check reads are checked once, so that a bad one is exit 2, not an ERROR in each check. */
    private MysqlContext validated(TargetOptions options) {
        MysqlContext ctx = new MysqlContext(server, catalog, options);
        UpgradePathCheck.target(ctx);
        try {
            CdcUserGrantsCheck.cdcAccount(ctx);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--cdc-user: " + e.getMessage() + "; write user or user@host");
        }
        return ctx;
    }

    /** The baseline's state, refused when it was taken from the other flavour. */
    private MysqlBaseline state(Baseline baseline) {
        MysqlBaseline state = baseline.stateAs(MysqlBaseline.class);
        if (state.isMariadb() != server.isMariadb()) {
            throw new BadInputException("the baseline was taken from " + (state.isMariadb() ? "MariaDB" : "MySQL")
                    + " but this server is " + server.flavour().product() + ": is it the right baseline?");
        }
        try {
            Version.parse(state.version());
            GtidSet.parse(state.gtidExecuted());
            GtidSet.parse(state.gtidPurged());
            MariadbGtidPosition.parse(state.mariadbGtidBinlogPos());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the baseline is not a valid mysql baseline: " + e.getMessage());
        }
        return state;
    }

    /** A lookup the command cannot do without: one line naming the privilege and its GRANT (exit 2). */
    /** Connected, but what the command needs could not be read (a missing grant): exit 1, never a pass. */
    private InspectionFailedException unusable(String what, SQLException e) {
        return InspectionFailedException.because(what, errors.translate(e), e);
    }

    @Override
    public void close() {
        sql.close();
    }
}
