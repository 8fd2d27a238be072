package dev.upgradecheck.cli;

import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.pipeline.ConnectorStateChecks;
import dev.upgradecheck.pipeline.PipelineReading;
import dev.upgradecheck.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"After the upgrade: re-runs the checks; with --baseline, compares with before.",
                "With --baseline: what the upgrade dropped, reset or changed, and whether the pipeline can resume."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    SourcesOptions sources;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--baseline", paramLabel = "FILE|DIR",
            description = "The baseline precheck saved before the upgrade (with --inventory: DIR/<target>.json).")
    Path baselineFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        return sources.run(cli, spec, "verify", selection.failOn, t -> {
            // the baseline first: a bad file is a usage error, found before any connection is made
            Optional<Baseline> baseline = Baselines.read(baselineFile, t);
            Optional<PipelineReading> reading = ConnectorReadings.read(cli, t);
            try (InspectionSession session = t.open()) {
                Inspection inspection = new Inspection(t.options(), selection.selection(),
                        reading.map(PipelineReading::view).orElse(null));
                List<CheckResult> results = new ArrayList<>(session.verify(inspection, baseline));
                reading.ifPresent(r -> results.addAll(ConnectorReadings.checks(t, r, session, inspection,
                        ConnectorStateChecks.Moment.IN_WINDOW, baseline)));
                return new Report("verify", t.engine(), t.name(), session.server(), baseline.isPresent() ? results
                        : MissingBaseline.mark(results, t.inspector().checks(), selection.selection(),
                        selection.failOn), null, selection.failOn);
            }
        });
    }
}
