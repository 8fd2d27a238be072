package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.report.RunbookReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The runbook for this upgrade: numbered steps with the exact statements.",
                "Works offline; with --url it fills in the live slot, publication and table names."})
final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlanOptions plan;

    @Mixin
    TargetOptionsMixin target;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        SourceInspector inspector = Source.engine(cli, connection);
        PlanRequest request = plan.request(target.options());
        if (connection.hasUrl()) {
            try (Source source = Source.connect(cli, connection)) {
                request = source.session().withLiveNames(request);
            }
        }
        output.write(cli, spec.commandLine().getOut(), RunbookReporter.render(inspector.plan(request), output.format));
        return ExitCode.OK;
    }
}
