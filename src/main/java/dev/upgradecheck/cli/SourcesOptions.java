package dev.upgradecheck.cli;

import dev.upgradecheck.check.FailOn;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * What every command that inspects live sources shares: one source (--url) or a fleet (--inventory),
 * the CDC objects and thresholds, the connector that reads the source, and the report's format and destination.
 */
public final class SourcesOptions {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TargetOptionsMixin target;

    @Mixin
    FleetOptions fleet;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    OutputOptions output;

    /** Resolves the targets, runs the command's work on each, prints the reports, returns the exit code. */
    int run(Cli cli, CommandSpec spec, String command, FailOn failOn, Execution.TargetWork work) {
        try (EarlySession.Started started = EarlySession.startFor(
                Targets.resolve(cli, connection, target, fleet, pipeline), fleet)) {
            List<ResolvedTarget> targets = started.targets();
            // input that would only fail after the checks ran fails now, before the session is used
            SelectionOptions.of(spec).ifPresent(s -> s.requireKnown(targets.stream().map(t -> t.inspector().checks())
                    .toList(), spec.commandLine().getErr()));
            output.prepare();
            return Execution.run(cli, targets, fleet, output, failOn, command,
                    spec.commandLine().getOut(), spec.commandLine().getErr(), work);
        }
    }
}
