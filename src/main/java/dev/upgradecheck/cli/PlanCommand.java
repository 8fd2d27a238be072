package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.Redactor;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.pipeline.ConnectTarget;
import dev.upgradecheck.pipeline.ConnectorSteps;
import dev.upgradecheck.pipeline.PipelineReading;
import dev.upgradecheck.pipeline.WorkerVersion;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.RunbookSource;
import dev.upgradecheck.report.RunbookReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The runbook for this upgrade: numbered steps with the exact statements.",
                "Works offline; with --url it fills in the live slot, publication and table names;",
                "with --connect-url and --connector it adds the curl steps that stop, record and resume the connector."})
final class PlanCommand implements Callable<Integer> {

    /** The signal's id: Debezium only logs it, so one fixed, recognisable value serves every plan. */
    private static final String SIGNAL_ID = "upgrade-check-resnapshot";

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlanOptions plan;

    @Mixin
    TargetOptionsMixin target;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    /** What the shared option mixins bring that plan has no use for: refused, rather than silently ignored. */
    private static final Set<String> UNUSED = Set.of("--max-lag", "--collections", "--quiet", "--verbose", "--color");

    /** Removes the options plan does not use; --target-version stays, hidden, as the old name of --to. */
    static void offerOnlyUsedOptions(CommandSpec spec) {
        for (OptionSpec option : List.copyOf(spec.options())) {
            if (!Collections.disjoint(UNUSED, List.of(option.names()))) {
                spec.remove(option);
            } else if (option.longestName().equals("--target-version")) {
                spec.remove(option);
                spec.addOption(OptionSpec.builder(option).hidden(true).build());
            }
        }
    }

    @Override
    public Integer call() {
        Cli cli = root.cli;
        PlanRequest request = plan.request(target.options());
        SourceInspector inspector;
        String address = null;
        ConnectTarget connector;
        if (connection.hasUrl()) {
            ResolvedTarget t = Targets.resolve(cli, connection, target, new FleetOptions(), pipeline).get(0);
            inspector = t.inspector();
            address = t.address();
            connector = t.pipeline();
            try (InspectionSession session = t.open()) {
                request = session.withLiveNames(request);
            }
            Redactor.Credentialless url = Redactor.withoutCredentials(t.spec().url());
            request = request.withSource(new RunbookSource(url.url(), t.spec().user() != null ? t.spec().user() : url.user()));
        } else {
            inspector = cli.engines().find(connection.engine);
            connector = pipeline.settings().resolve(cli, connection.connectTimeout, connection.queryTimeout);
        }
        Runbook runbook = inspector.plan(request);
        if (connector != null) {
            runbook = withConnector(cli, runbook, inspector, connector, request.target().tables());
        }
        output.write(cli, spec.commandLine().getOut(), RunbookReporter.render(runbook, output.format, address));
        return ExitCode.OK;
    }

    /** Reads the connector (GET only) for its worker's version and signal table, and adds its steps. */
    private static Runbook withConnector(Cli cli, Runbook runbook, SourceInspector inspector, ConnectTarget connector,
                                         List<String> tables) {
        PipelineReading reading = ConnectorReadings.read(cli, inspector, connector);
        String signalTable = reading.view().config().get("signal.data.collection");
        Optional<String> signal = Optional.empty();
        String noSignal;
        if (signalTable == null || signalTable.isBlank()) {
            noSignal = "The connector has no signal table: set signal.data.collection (Debezium's signalling) to "
                    + "re-snapshot single tables.";
        } else if (tables.isEmpty()) {
            noSignal = "Name the tables (--tables) to get the exact signal for the connector's signal table "
                    + signalTable + ".";
        } else {
            signal = inspector.snapshotSignal(signalTable, SIGNAL_ID, tables);
            noSignal = "This engine has no signal statement for its connector.";
        }
        return ConnectorSteps.add(runbook, connector, WorkerVersion.of(reading.workerVersion()), signal, noSignal);
    }
}
