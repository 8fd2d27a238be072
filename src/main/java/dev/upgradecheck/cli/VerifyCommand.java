package dev.upgradecheck.cli;

import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
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
            try (InspectionSession session = t.open()) {
                var results = session.verify(new Inspection(t.options(), selection.selection()), baseline);
                if (baseline.isEmpty()) {
                    results = MissingBaseline.mark(results, t.inspector().checks(), selection.selection(),
                            selection.failOn);
                }
                return new Report("verify", t.engine(), t.name(), session.server(), results, null,
                        selection.failOn);
            }
        });
    }
}
