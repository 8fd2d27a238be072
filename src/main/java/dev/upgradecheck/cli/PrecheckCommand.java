package dev.upgradecheck.cli;

import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.BaselineFile;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "precheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Before the window: is CDC healthy and configured as the target version will need it?",
                "With --save-baseline, records the pipeline position and CDC configuration for verify."})
final class PrecheckCommand implements Callable<Integer> {

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

    @Option(names = "--save-baseline", paramLabel = "FILE",
            description = "Record the pipeline position and CDC configuration to FILE (JSON, no secrets).")
    Path saveBaseline;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        TargetOptions options = target.options();
        try (Source source = Source.connect(cli, connection)) {
            List<CheckResult> results = source.session().precheck(new Inspection(options, selection.selection()));
            if (saveBaseline != null) {
                Baseline baseline = new Baseline(Baseline.SCHEMA_VERSION, source.inspector().engine(),
                        ToolVersion.current(), Instant.now(), source.session().server(),
                        Json.mapper().valueToTree(source.session().captureBaseline(options)));
                BaselineFile.write(saveBaseline, baseline);
                spec.commandLine().getErr().println("upgrade-check: baseline saved to " + saveBaseline);
            }
            Report report = new Report("precheck", source.inspector().engine(), null, source.session().server(),
                    results, null, selection.failOn);
            return Reports.print(cli, output, spec.commandLine().getOut(), List.of(report));
        }
    }
}
