package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.pipeline.DrainCheck;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineReading;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.report.Report;
import dev.upgradecheck.value.HumanDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

@Command(name = "drain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"In the window, with writes stopped: wait until the reader's committed position reaches the "
                + "source's head.",
                "With --connect-url and --connector, the connector's own committed offset (read again on every poll);",
                "with --debezium-config, the offsets file of a Debezium engine without Kafka Connect, likewise;",
                "without, what the server alone can see, which is weaker.",
                "Progress goes to standard error; the report (--format) holds one check, drain: PASS when drained,",
                "FAIL when --timeout passes first (saying how far behind), ERROR when the reader cannot be measured.",
                "Exit 0 when drained, 1 otherwise, 3 when it cannot connect."})
final class DrainCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TargetOptionsMixin target;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    HumanDuration timeout;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s",
            description = "Time between two measures (default: ${DEFAULT-VALUE}).")
    HumanDuration interval;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (interval.duration().isZero()) {
            throw new BadInputException("--interval must be longer than zero");
        }
        Cli cli = root.cli;
        FleetOptions single = new FleetOptions();
        try (EarlySession.Started started = EarlySession.startFor(
                Targets.resolve(cli, connection, target, single, pipeline), single)) {
            output.prepare();
            return Execution.run(cli, started.targets(), single, output, FailOn.FAIL, "drain",
                    spec.commandLine().getOut(), spec.commandLine().getErr(), t -> drain(cli, t));
        }
    }

    /** Measures until drained or --timeout; the report holds the last measure as its one check. */
    private Report drain(Cli cli, ResolvedTarget t) {
        PrintWriter err = spec.commandLine().getErr();
        Optional<PipelineView> view = ConnectorReadings.read(cli, t).map(PipelineReading::view);
        UnaryOperator<PipelineView> refresh = ConnectorReadings.refresher(cli, t);
        try (InspectionSession session = t.open(); Progress progress = Progress.waiting("drain", err)) {
            DrainStatus status = waitForDrain(cli, session, view, refresh, t, progress, err);
            return new Report("drain", t.engine(), t.name(), session.server(),
                    List.of(DrainCheck.of(status, view.isPresent(), timeout.toString())), null, FailOn.FAIL);
        }
    }

    private DrainStatus waitForDrain(Cli cli, InspectionSession session, Optional<PipelineView> view,
                                     UnaryOperator<PipelineView> refresh, ResolvedTarget t, Progress progress,
                                     PrintWriter err) {
        long deadline = System.nanoTime() + timeout.duration().toNanos();
        DrainStatus shown = null;
        while (true) {
            DrainStatus status = session.drainStatus(view, t.options());
            if (shown == null && view.isEmpty()) {
                say(cli, err, "without --connect-url or --debezium-config the measure is what the server alone can "
                        + "see (" + status.basis() + "): weaker than the reader's own committed offset");
            }
            long left = deadline - System.nanoTime();
            if (!status.measurable() || status.drained() || left <= 0) {
                return status;
            }
            if (shown == null || !sameMeasure(shown, status)) {
                String line = "behind: " + status.behind() + " (reader " + status.reader() + ", head "
                        + status.head() + ")";
                if (progress.shown()) {
                    progress.say(cli.redact(line));
                } else {
                    say(cli, err, line);
                }
                shown = status;
            }
            try {
                Thread.sleep(Math.min(interval.duration().toMillis(), Duration.ofNanos(left).toMillis() + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InspectionFailedException("drain was interrupted before the reader drained", e);
            }
            view = view.map(refresh);
        }
    }

    private static boolean sameMeasure(DrainStatus a, DrainStatus b) {
        return Objects.equals(a.reader(), b.reader()) && Objects.equals(a.head(), b.head())
                && Objects.equals(a.behind(), b.behind());
    }

    /** Progress goes to standard error: standard output holds the report alone. */
    private static void say(Cli cli, PrintWriter err, String line) {
        err.println(cli.redact("upgrade-check drain: " + line));
        err.flush();
    }
}
