package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckRunner;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.engine.postgres.PgCatalog.Table;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.UserText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A read-only session on one PostgreSQL server; every query goes through {@link SqlSession} with its timeout. */
final class PostgresSession implements InspectionSession {

    private final SqlSession sql;
    private final PgServer server;
    private final Optional<ClusterFacts> shared;
    private final PgErrors errors;

    /** @param shared the fleet run's cluster-wide rows, empty outside a fleet */
    PostgresSession(SqlSession sql, PgServer server, Optional<ClusterFacts> shared) {
        this.sql = sql;
        this.server = server;
        this.shared = shared;
        this.errors = new PgErrors(server.user());
    }

    @Override
    public ServerInfo server() {
        return server.info();
    }

    /** A fresh context per command: catalog reads are remembered within one command only. */
    private PgContext context(TargetOptions options) {
        return context(options, Optional.empty());
    }

    private PgContext context(TargetOptions options, Optional<Baseline> baseline) {
        return context(options, baseline, Optional.empty());
    }

    private PgContext context(TargetOptions options, Optional<Baseline> baseline, Optional<PipelineView> reader) {
        if (options.targetVersion() != null) {
            PostgresRunbook.version(options.targetVersion(), "--target-version");
        }
        return new PgContext(server, new PgCatalog(sql, server, shared), options,
                baseline.map(b -> b.stateAs(PostgresBaseline.class)).orElse(null),
                baseline.map(Baseline::pipeline).orElse(null), reader.orElse(null));
    }

    @Override
    public List<CheckResult> precheck(Inspection inspection) {
        return run(PostgresChecks.PRECHECK, prefetched(context(inspection.options())), inspection.selection());
    }

    /** The configuration checks' shared reads, in one round trip before the checks ask for them one by one. */
    private static PgContext prefetched(PgContext context) {
        context.catalog().prefetchChecks(context.cdcRole());
        return context;
    }

    @Override
    public Object captureBaseline(TargetOptions options) {
        try {
            return PostgresBaseline.capture(context(options));
        } catch (MissingPrivilege e) {
            throw new InspectionFailedException("cannot save the baseline: " + e.getMessage() + "; " + e.grant(), e);
        } catch (Exception e) {
            throw new InspectionFailedException("cannot save the baseline: " + errors.translate(e).detail(), e);
        }
    }

    @Override
    public List<CheckResult> verify(Inspection inspection, Optional<Baseline> baseline) {
        PgContext context = prefetched(context(inspection.options(), baseline, inspection.reader()));
        List<CheckResult> results = new ArrayList<>(run(PostgresChecks.VERIFY, context, inspection.selection()));
        if (context.baseline() != null) {
            results.addAll(run(PostgresChecks.BASELINE, context, inspection.selection()));
        }
        return results;
    }

    @Override
    public SnapshotAdvice adviseSnapshot(Inspection inspection, Optional<Baseline> baseline) {
        TargetOptions options = inspection.options();
        try {
            return PgSnapshotRules.live(context(options, baseline, inspection.reader()), inspection.reader());
        } catch (MissingPrivilege e) {
            throw new InspectionFailedException("connected, but cannot read what the advice needs: " + e.getMessage() + "; " + e.grant(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new InspectionFailedException("connected, but cannot read what the advice needs: " + errors.translate(e).detail(), e);
        }
    }

    @Override
    public List<CheckResult> connectorChecks(PipelineView view, Inspection inspection) {
        return connectorChecks(view, inspection, Optional.empty());
    }

    @Override
    public List<CheckResult> connectorChecks(PipelineView view, Inspection inspection, Optional<Baseline> baseline) {
        ConnectorChecks.Target target = new ConnectorChecks.Target(context(inspection.options(), baseline), view);
        return new CheckRunner(inspection.selection(), errors).run(ConnectorChecks.ALL, target);
    }

    @Override
    public DrainStatus drainStatus(Optional<PipelineView> view, TargetOptions options) {
        try {
            return DrainMeter.measure(context(options), view);
        } catch (MissingPrivilege e) {
            throw new InspectionFailedException("connected, but cannot measure the drain: " + e.getMessage() + "; "
                    + e.grant(), e);
        } catch (Exception e) {
            throw new InspectionFailedException("connected, but cannot measure the drain: "
                    + errors.translate(e).detail(), e);
        }
    }

    /** Fills what the user left out from the live server: slots, publications, their tables, plugin, version, platform. */
    @Override
    public PlanRequest withLiveNames(PlanRequest request) {
        PgContext c = context(request.target());
        try {
            TargetOptions t = request.target();
            boolean named = !t.get(PgOptions.SLOT).isEmpty();
            List<Slot> slots = c.slots().stream().filter(Slot::logical)
                    .filter(s -> named || server.database().equals(s.database())).toList();
            if (t.get(PgOptions.SLOT).isEmpty()) {
                t = t.with(PgOptions.SLOT, slots.stream().map(Slot::name).toList());
            }
            List<Publication> pubs = c.publications();
            if (t.get(PgOptions.PUBLICATION).isEmpty()) {
                t = t.with(PgOptions.PUBLICATION, pubs.stream().map(Publication::name).toList());
            }
            if (t.tables().isEmpty()) {
                Set<String> tables = new LinkedHashSet<>();
                pubs.forEach(p -> p.tables().forEach(x -> tables.add(x.table().toString())));
                t = t.withTables(List.copyOf(tables));
            }
            if (t.get(PgOptions.PLUGIN) == null && !slots.isEmpty()) {
                t = t.with(PgOptions.PLUGIN, slots.get(0).plugin());
            }
            String from = request.fromVersion() == null ? server.shortVersion() : request.fromVersion();
            String to = request.toVersion() != null ? request.toVersion() : t.targetVersion();
            Platform platform = request.platform() == Platform.SELF_HOSTED ? server.platform() : request.platform();
            Map<String, List<String>> members = new LinkedHashMap<>();
            pubs.forEach(p -> members.put(p.name(), p.tableNames().stream().map(Table::toString).toList()));
            return new PlanRequest(from, to, platform, request.gtid(), t).withPublicationTables(members);
        } catch (Exception e) {
            throw new InspectionFailedException("connected, but cannot read the live names: "
                    + (e instanceof MissingPrivilege m ? m.getMessage() + "; " + m.grant() : UserText.firstLine(e.getMessage())), e);
        }
    }

    private List<CheckResult> run(List<Check<PgContext>> checks, PgContext context, CheckSelection selection) {
        return new CheckRunner(selection, errors).run(checks, context);
    }

    @Override
    public void close() {
        sql.close();
    }
}
