package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.pipeline.PipelineReading;
import dev.upgradecheck.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "snapshot-advice", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Is a re-snapshot needed, for which tables, and why?",
                "From a baseline plus the live source, or from --from/--to (and --gtid) alone.",
                "Exit code 1 when a snapshot is REQUIRED or RECOMMENDED."})
final class SnapshotAdviceCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    SourcesOptions sources;

    @Mixin
    PlanOptions plan;

    @Option(names = "--baseline", paramLabel = "FILE|DIR",
            description = "The baseline precheck saved before the upgrade (with --inventory: DIR/<target>.json).")
    Path baselineFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        if (!sources.fleet.isFleet() && !sources.connection.hasUrl()) {
            return offline(cli);
        }
        return sources.run(cli, spec, "snapshot-advice", null, t -> {
            Optional<Baseline> baseline = Baselines.read(baselineFile, t);
            Optional<PipelineReading> reading = ConnectorReadings.read(cli, t);
            try (InspectionSession session = t.open()) {
                Inspection inspection = new Inspection(t.options(), CheckSelection.ALL,
                        reading.map(PipelineReading::view).orElse(null));
                SnapshotAdvice advice = settle(t.inspector(), session.adviseSnapshot(inspection, baseline));
                return new Report("snapshot-advice", t.engine(), t.name(), session.server(), List.of(),
                        advice, null);
            }
        });
    }

    /** No connection: the advice follows from the versions and flags alone. */
    private int offline(Cli cli) {
        if (baselineFile != null) {
            throw new BadInputException("--baseline needs --url: the baseline is compared with the live source");
        }
        if (sources.pipeline.url != null || sources.pipeline.debeziumConfig != null) {
            throw new BadInputException("--connect-url and --debezium-config need --url: the connector's offset is compared with the live "
                    + "source");
        }
        SourceInspector inspector = cli.engines().find(sources.connection.engine);
        SnapshotAdvice advice = settle(inspector, inspector.adviseOffline(plan.request(sources.target.options())));
        Report report = new Report("snapshot-advice", inspector.engine(), null, null, List.of(), advice, null);
        return Reports.print(cli, sources.output, spec.commandLine().getOut(), List.of(report));
    }

    /** Where reconcile can read the source's tables, a RECOMMENDED names it as the way to settle the doubt. */
    private static SnapshotAdvice settle(SourceInspector inspector, SnapshotAdvice advice) {
        return inspector.sqlAccess().isPresent() ? advice.settledByReconcile() : advice;
    }
}
