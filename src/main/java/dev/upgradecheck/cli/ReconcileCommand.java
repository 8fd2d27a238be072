package dev.upgradecheck.cli;

import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.engine.jdbc.SqlAccess;
import dev.upgradecheck.engine.jdbc.SessionPair;
import dev.upgradecheck.fleet.InventoryTarget;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.reconcile.ReconcileSettings;
import dev.upgradecheck.reconcile.Reconciler;
import dev.upgradecheck.reconcile.Reconciliation;
import dev.upgradecheck.report.Report;
import dev.upgradecheck.value.UserText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"After the upgrade: source against destination, table by table.",
                "Exact counts; when they differ (or with --keys) the missing or extra primary-key ranges, found by "
                        + "comparing counts and checksums per key range. Read-only on both sides."})
final class ReconcileCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DestinationOptions destination;

    @Mixin
    ReconcileOptions reconcile;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One source's reconciliation, its input all checked. */
    private record Job(SqlAccess source, DestinationOptions.Destination destination, ReconcileSettings settings) {
    }

    @Override
    public Integer call() {
        Cli cli = root.cli;
        List<ResolvedTarget> targets = Targets.resolve(cli, connection, new TargetOptionsMixin(), fleet, pipeline);
        // by inventory entry (null for the one --url target): the run may hand the work a copy of the target
        Map<InventoryTarget, Job> jobs = new IdentityHashMap<>();
        for (ResolvedTarget t : targets) {
            jobs.put(t.entry(), Targets.inContext(t, () -> new Job(SqlSources.of(t), destination.resolve(cli, t),
                    reconcile.settings(t))));
        }
        output.prepare();
        return Execution.run(cli, targets, fleet, output, FailOn.FAIL, "reconcile", spec.commandLine().getOut(),
                spec.commandLine().getErr(), t -> {
                    Job job = jobs.get(t.entry());
                    try (SessionPair sessions = SessionPair.open(() -> job.source().readOnly().apply(t.spec()),
                            job.destination()::openReadOnly)) {
                        Reconciliation result = new Reconciler(
                                new Reconciler.Side(sessions.source(), job.source().dialect()),
                                new Reconciler.Side(sessions.destination(), job.destination().access().dialect()),
                                withConnectorCutOff(cli, t, job.settings())).run();
                        return new Report("reconcile", t.engine(), t.name(), null, result.checks(), null, FailOn.FAIL,
                                null, result);
                    }
                });
    }

    /**
     * With the connector in view (and a change column to compare with), the time its committed offset has read up
     * to, read just before the tables are (GET only): rows changed after it are in flight.
     */
    private static ReconcileSettings withConnectorCutOff(Cli cli, ResolvedTarget t, ReconcileSettings settings) {
        if (t.connector().isEmpty() || settings.asOfColumn() == null) {
            return settings;
        }
        PipelineView view = ConnectorReadings.read(cli, t).orElseThrow().view();
        String connector = "connector '" + UserText.shown(view.connector(), 100) + "'";
        return t.inspector().deliveredUpTo(view)
                .map(time -> settings.asOf(time, time + " (the commit time of the last change " + connector
                        + " has committed)"))
                .orElseGet(() -> settings.noting(connector + " has committed no offset that says when its last change "
                        + "was made (none yet, or not read for this engine): changes still in flight cannot be told "
                        + "from gaps"));
    }
}
