package dev.upgradecheck.cli;

import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.BaselineFile;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"After the upgrade: re-runs the configuration checks and, with --baseline,",
                "says what the upgrade dropped, reset or changed and whether the pipeline can resume."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TargetOptionsMixin target;

    @Mixin
    SelectionOptions selection;

    @Mixin
    OutputOptions output;

    @Option(names = "--baseline", paramLabel = "FILE", description = "The baseline precheck saved before the upgrade.")
    Path baselineFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        String engine = Source.engine(cli, connection).engine();
        // read the baseline first: a bad file is a usage error, found before any connection is made
        Optional<Baseline> baseline = Optional.ofNullable(baselineFile).map(f -> BaselineFile.read(f, engine));
        try (Source source = Source.connect(cli, connection)) {
            List<CheckResult> results = source.session()
                    .verify(new Inspection(target.options(), selection.selection()), baseline);
            Report report = new Report("verify", engine, null, source.session().server(), results, null,
                    selection.failOn);
            return Reports.print(cli, output, spec.commandLine().getOut(), List.of(report));
        }
    }
}
