package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.BaselineFile;
import dev.upgradecheck.engine.SourceInspector;
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
    ConnectionOptions connection;

    @Mixin
    TargetOptionsMixin target;

    @Mixin
    PlanOptions plan;

    @Mixin
    OutputOptions output;

    @Option(names = "--baseline", paramLabel = "FILE", description = "The baseline precheck saved before the upgrade.")
    Path baselineFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        SourceInspector inspector = Source.engine(cli, connection);
        Optional<Baseline> baseline = Optional.ofNullable(baselineFile)
                .map(f -> BaselineFile.read(f, inspector.engine()));
        Report report;
        if (connection.hasUrl()) {
            try (Source source = Source.connect(cli, connection)) {
                SnapshotAdvice advice = source.session().adviseSnapshot(target.options(), baseline);
                report = new Report("snapshot-advice", inspector.engine(), null, source.session().server(),
                        List.of(), advice, null);
            }
        } else {
            if (baseline.isPresent()) {
                throw new BadInputException("--baseline needs --url: the baseline is compared with the live source");
            }
            SnapshotAdvice advice = inspector.adviseOffline(plan.request(target.options()));
            report = new Report("snapshot-advice", inspector.engine(), null, null, List.of(), advice, null);
        }
        return Reports.print(cli, output, spec.commandLine().getOut(), List.of(report));
    }
}
