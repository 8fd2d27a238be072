package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineReading;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.value.HumanDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
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
                "Exit 0 when drained, 1 when --timeout passes first (saying how far behind), 3 when it cannot connect."})
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

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (interval.duration().isZero()) {
            throw new BadInputException("--interval must be longer than zero");
        }
        Cli cli = root.cli;
        PrintWriter out = spec.commandLine().getOut();
        ResolvedTarget t = Targets.resolve(cli, connection, target, new FleetOptions(), pipeline).get(0);
        Optional<PipelineView> view = ConnectorReadings.read(cli, t).map(PipelineReading::view);
        UnaryOperator<PipelineView> refresh = ConnectorReadings.refresher(cli, t);
        try (InspectionSession session = t.open(); Progress progress = Progress.waiting("drain", spec.commandLine().getErr())) {
            long deadline = System.nanoTime() + timeout.duration().toNanos();
            DrainStatus shown = null;
            while (true) {
                DrainStatus status = session.drainStatus(view, t.options());
                if (shown == null && view.isEmpty()) {
                    say(cli, out, "without --connect-url the measure is what the server alone can see (" + status.basis()
                            + "): weaker than the connector's own committed offset");
                }
                if ("none".equals(status.basis())) {
                    say(cli, out, "cannot measure the reader's position: " + status.behind());
                    return ExitCode.CHECK_FAILED;
                }
                if (status.drained()) {
                    say(cli, out, "drained: reader at " + status.reader() + ", head at " + status.head() + " ("
                            + status.basis() + ")");
                    return ExitCode.OK;
                }
                if (shown == null || !sameMeasure(shown, status)) {
                    String line = "behind: " + status.behind() + " (reader " + status.reader() + ", head "
                            + status.head() + ")";
                    if (progress.shown()) {
                        progress.say(cli.redact(line));
                    } else {
                        say(cli, out, line);
                    }
                    shown = status;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    say(cli, out, "not drained after " + timeout + ": still " + status.behind() + " behind (reader "
                            + status.reader() + ", head " + status.head() + "; " + status.basis() + ")");
                    return ExitCode.CHECK_FAILED;
                }
                Thread.sleep(Math.min(interval.duration().toMillis(), Duration.ofNanos(left).toMillis() + 1));
                view = view.map(refresh);
            }
        }
    }

    private static boolean sameMeasure(DrainStatus a, DrainStatus b) {
        return Objects.equals(a.reader(), b.reader()) && Objects.equals(a.head(), b.head())
                && Objects.equals(a.behind(), b.behind());
    }

    private static void say(Cli cli, PrintWriter out, String line) {
        out.println(cli.redact("upgrade-check drain: " + line));
        out.flush();
    }
}
