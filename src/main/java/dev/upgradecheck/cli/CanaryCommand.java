package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.canary.Canary;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.engine.jdbc.SqlAccess;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.reconcile.TableName;
import dev.upgradecheck.report.Report;
import dev.upgradecheck.value.HumanDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

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
            description = "The canary table at the destination (default: the same name).")
    String destTable;

    @Option(names = "--allow-write", description = "Allow the one INSERT and one DELETE into --table.")
    boolean allowWrite;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for the row at the destination (default: ${DEFAULT-VALUE}).")
    HumanDuration timeout;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        if (!allowWrite) {
            throw new BadInputException("canary writes one row into --table at the source and deletes it: add "
                    + "--allow-write to allow that");
        }
        TableName sourceTable = TableName.parse(table, "--table");
        TableName destinationTable = destTable == null ? sourceTable : TableName.parse(destTable, "--dest-table");
        ResolvedTarget source = Targets.resolve(cli, connection, new TargetOptionsMixin(), new FleetOptions()).get(0);
        SqlAccess access = SqlSources.of(source);
        var writable = access.writable().orElseThrow(() -> new BadInputException(
                "the " + source.engine() + " engine has no canary yet: it needs a session that may write"));
        DestinationOptions.Destination dest = destination.resolve(cli, connection);
        try (SqlSession s = writable.apply(source.spec()); SqlSession d = dest.openReadOnly()) {
            var result = new Canary(new Canary.End(s, access.dialect(), sourceTable),
                    new Canary.End(d, dest.access().dialect(), destinationTable), timeout.duration()).run();
            Report report = new Report("canary", source.engine(), null, null, List.of(result), null, FailOn.FAIL);
            return Reports.print(cli, output, spec.commandLine().getOut(), List.of(report));
        }
    }
}
