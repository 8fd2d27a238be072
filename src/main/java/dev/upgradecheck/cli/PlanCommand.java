package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.InspectionSession;
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
        PlanRequest request = plan.request(target.options());
        SourceInspector inspector;
        String address = null;
        if (connection.hasUrl()) {
            ResolvedTarget t = Targets.resolve(cli, connection, target, new FleetOptions()).get(0);
            inspector = t.inspector();
            address = t.address();
            try (InspectionSession session = t.open()) {
                request = session.withLiveNames(request);
            }
        } else {
            inspector = cli.engines().find(connection.engine);
        }
        output.write(cli, spec.commandLine().getOut(), RunbookReporter.render(inspector.plan(request), output.format,
                address));
        return ExitCode.OK;
    }
}
