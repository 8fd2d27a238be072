package dev.upgradecheck.cli;

import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.engine.jdbc.SqlAccess;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.reconcile.ReconcileSettings;
import dev.upgradecheck.reconcile.Reconciler;
import dev.upgradecheck.reconcile.Reconciliation;
import dev.upgradecheck.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"After the upgrade: source against destination, table by table.",
                "Exact counts; when they differ (or with --keys) the missing or extra primary-key ranges, found by "
                        + "comparing counts and checksums per key range. Read-only on both sides."})
final class ReconcileCommand implements Callable<Integer> {

    @ParentCommand
    UpgradeCheckCommand root;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DestinationOptions destination;

    @Mixin
    ReconcileOptions reconcile;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli cli = root.cli;
        ReconcileSettings settings = reconcile.settings();
        ResolvedTarget source = Targets.resolve(cli, connection, new TargetOptionsMixin(), new FleetOptions()).get(0);
        SqlAccess sourceAccess = SqlSources.of(source);
        DestinationOptions.Destination dest = destination.resolve(cli, connection);
        try (SqlSession s = sourceAccess.readOnly().apply(source.spec()); SqlSession d = dest.openReadOnly()) {
            Reconciliation result = new Reconciler(new Reconciler.Side(s, sourceAccess.dialect()),
                    new Reconciler.Side(d, dest.access().dialect()), settings).run();
            Report report = new Report("reconcile", source.engine(), null, null, result.checks(), null, FailOn.FAIL,
                    null, result);
            return Reports.print(cli, output, spec.commandLine().getOut(), List.of(report));
        }
    }
}
