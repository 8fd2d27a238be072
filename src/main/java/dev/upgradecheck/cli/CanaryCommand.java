package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.canary.Canary;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.jdbc.SqlAccess;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.fleet.InventoryTarget;
import dev.upgradecheck.reconcile.TableMapping;
import dev.upgradecheck.reconcile.TableName;
import dev.upgradecheck.report.Report;
import dev.upgradecheck.value.HumanDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "canary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The one command that writes, and only with --allow-write: inserts one marked row into the "
                + "canary table at the source, waits for it at the destination, deletes it, reports the latency.",
                "Exit 1 when it did not arrive within --timeout."})
final class CanaryCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DestinationOptions destination;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", required = true,
            description = "The canary table at the source (columns marker and written_at only; plan prints it).")
    String table;

    @Option(names = "--dest-table", paramLabel = "SCHEMA.TABLE",
            description = "The canary table at the destination (default: the same name; an inventory target's "
                    + "tableMap entry for --table wins).")
    String destTable;

    @Option(names = "--allow-write", description = "Allow the one INSERT and one DELETE into --table.")
    boolean allowWrite;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for the row at the destination (default: ${DEFAULT-VALUE}).")
    HumanDuration timeout;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One source's canary, its input all checked. */
    private record Job(SqlAccess source, Function<ConnectionSpec, SqlSession> writable,
                       DestinationOptions.Destination destination, TableName destinationTable) {
    }

    @Override
    public Integer call() {
        Cli cli = root.cli;
        if (!allowWrite) {
            throw new BadInputException("canary writes one row into --table at the source and deletes it: add "
                    + "--allow-write to allow that");
        }
        TableName sourceTable = TableName.parse(table, "--table");
        List<String> destFlag = destTable == null ? List.of() : List.of(table + "=" + destTable);
        List<ResolvedTarget> targets = Targets.resolve(cli, connection, new TargetOptionsMixin(), fleet);
        // by inventory entry (null for the one --url target): the run may hand the work a copy of the target
        Map<InventoryTarget, Job> jobs = new IdentityHashMap<>();
        for (ResolvedTarget t : targets) {
            jobs.put(t.entry(), Targets.inContext(t, () -> {
                SqlAccess access = SqlSources.of(t);
                var writable = access.writable().orElseThrow(() -> new BadInputException(
                        "the " + t.engine() + " engine has no canary yet: it needs a session that may write"));
                TableName there = TableMapping.of(DestinationOptions.tableMap(t, destFlag), TableMapping.Preset.SAME,
                        null).destinationOf(sourceTable);
                return new Job(access, writable, destination.resolve(cli, t), there);
            }));
        }
        output.prepare();
        return Execution.run(cli, targets, fleet, output, FailOn.FAIL, "canary", spec.commandLine().getOut(),
                spec.commandLine().getErr(), t -> {
                    Job job = jobs.get(t.entry());
                    try (SqlSession s = job.writable().apply(t.spec()); SqlSession d = job.destination().openReadOnly()) {
                        var result = new Canary(new Canary.End(s, job.source().dialect(), sourceTable),
                                new Canary.End(d, job.destination().access().dialect(), job.destinationTable()),
                                timeout.duration()).run();
                        return new Report("canary", t.engine(), t.name(), null, List.of(result), null, FailOn.FAIL);
                    }
                });
    }
}
