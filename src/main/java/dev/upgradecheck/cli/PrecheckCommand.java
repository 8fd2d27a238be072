package dev.upgradecheck.cli;

import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.pipeline.ConnectorStateChecks;
import dev.upgradecheck.pipeline.PipelineReading;
import dev.upgradecheck.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "precheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Before the window: is CDC healthy and configured as the target version will need it?",
                "With --save-baseline, records the pipeline position and CDC configuration for verify."})
final class PrecheckCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    SourcesOptions sources;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--save-baseline", paramLabel = "FILE|DIR",
            description = "Record the pipeline position and CDC configuration (JSON, no secrets) to FILE; "
                    + "with --inventory, to DIR/<target>.json.")
    Path saveBaseline;

    @Option(names = "--force", description = "Replace an existing baseline file (without it, --save-baseline refuses).")
    boolean force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        PrintWriter err = spec.commandLine().getErr();
        return sources.run(cli, spec, "precheck", selection.failOn, t -> {
            if (saveBaseline != null) {
                Baselines.prepareSave(saveBaseline, t, force);
            }
            Optional<PipelineReading> reading = ConnectorReadings.read(cli, t);
            try (InspectionSession session = t.open()) {
                Inspection inspection = new Inspection(t.options(), selection.selection(),
                        reading.map(PipelineReading::view).orElse(null));
                var results = new java.util.ArrayList<>(session.precheck(inspection));
                reading.ifPresent(r -> results.addAll(ConnectorReadings.checks(t, r, session, inspection,
                        ConnectorStateChecks.Moment.BEFORE_WINDOW, Optional.empty())));
                if (saveBaseline != null) {
                    try {
                        err.println("upgrade-check: baseline saved to "
                                + Baselines.save(saveBaseline, t, session, inspection.pipeline()));
                    } catch (InspectionFailedException e) {
                        // the checklist explains the refusal: keep it, and say the baseline is missing
                        err.println(cli.redact("upgrade-check: baseline not saved: " + Cli.oneLine(e.getMessage())));
                        results.add(CheckResult.of(t.engine() + ".baseline", "Save the baseline",
                                Outcome.error(Cli.oneLine(e.getMessage()), null)));
                    }
                }
                return new Report("precheck", t.engine(), t.name(), session.server(), results, null,
                        selection.failOn);
            }
        });
    }
}
