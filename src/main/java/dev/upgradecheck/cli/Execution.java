package dev.upgradecheck.cli;

import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.UpgradeCheckException;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.SourceAddress;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.report.Report;
import dev.upgradecheck.report.Reporter;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Runs one command's work over its targets. A single --url fails the whole run on a bad connection (exit 3), after
 * writing its report with the failure as an ERROR line (a CI job's report publisher must find one); a fleet reports
 * each target's failure as an ERROR line and goes on, and exits 3 only when no target could be reached.
 */
final class Execution {

    /**
     * What a command does with one target. It takes the session itself ({@link ResolvedTarget#open()}), after reading
     * its own inputs: a single source's is then already being opened.
     */
    @FunctionalInterface
    interface TargetWork {
        Report run(ResolvedTarget target);
    }

    private Execution() {
    }

    static int run(Cli cli, List<ResolvedTarget> targets, FleetOptions fleet, OutputOptions output,
                   FailOn failOn, String command, PrintWriter out, PrintWriter err, TargetWork work) {
        // made before the work: its classes (Jackson's for JSON) load while a single source's session is being opened
        Reporter reporter = Reports.reporter(cli, output);
        if (!fleet.isFleet()) {
            ResolvedTarget target = targets.get(0);
            Report report;
            try {
                report = work.run(target).withAddress(target.address());
            } catch (ConnectionFailedException | InspectionFailedException e) {
                Reports.print(cli, output, reporter, out, List.of(failed(target, command, failOn, e)));
                throw e;  // its one line on stderr and its exit code, as without the report
            }
            return Reports.print(cli, output, reporter, out, List.of(report));
        }
        List<TargetOutcome> outcomes = runAll(targets, fleet, command, failOn, work, err);
        List<Report> reports = outcomes.stream().map(TargetOutcome::report).toList();
        int code = Reports.print(cli, output, reporter, out, reports);
        boolean noneReached = outcomes.stream().allMatch(TargetOutcome::unreachable);
        return noneReached && !outcomes.isEmpty() ? ExitCode.CONNECTION_FAILED : code;
    }

    private record TargetOutcome(Report report, boolean unreachable) {
    }

    /**
     * A target, its place in the inventory (reports keep the inventory's order whatever finishes first) and its
     * server: host and port from its URL, read once; a URL without them shares its limit with no other target.
     */
    private record Placed(int index, ResolvedTarget target, String server) {
        Placed(int index, ResolvedTarget target) {
            this(index, target, SourceAddress.fromUrl(target.spec().url()).map(SourceAddress::host).orElse("#" + index));
        }
    }

    private static List<TargetOutcome> runAll(List<ResolvedTarget> targets, FleetOptions fleet, String command,
                                              FailOn failOn, TargetWork work, PrintWriter err) {
        List<ResolvedTarget> inRun = forThisRun(targets);
        List<Placed> placed = IntStream.range(0, inRun.size()).mapToObj(i -> new Placed(i, inRun.get(i))).toList();
        ServerQueue<Placed> queue = new ServerQueue<>(placed, Placed::server, fleet.perServer);
        TargetOutcome[] outcomes = new TargetOutcome[targets.size()];
        int workers = Math.min(fleet.parallel, Math.max(1, targets.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "upgrade-check-target");
            t.setDaemon(true);
            return t;
        });
        try (Progress progress = Progress.start(targets.size(), err)) {
            List<Future<Void>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    for (Optional<Placed> next = queue.take(); next.isPresent(); next = queue.take()) {
                        Placed p = next.get();
                        progress.started(p.target().name());
                        try {
                            outcomes[p.index()] = runOne(p.target(), command, failOn, work);
                        } finally {
                            queue.done(p);
                            progress.step(p.target().name());
                        }
                    }
                    return null;
                }));
            }
            futures.forEach(Execution::await);
            return List.of(outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each engine's instance for this run, so that its sessions may share what their targets have in common; an
     * engine with one target keeps its own (nothing to share, nothing extra to ask the server).
     */
    private static List<ResolvedTarget> forThisRun(List<ResolvedTarget> targets) {
        Map<SourceInspector, Long> counts = targets.stream().collect(Collectors.groupingBy(ResolvedTarget::inspector,
                IdentityHashMap::new, Collectors.counting()));
        Map<SourceInspector, SourceInspector> forRun = new IdentityHashMap<>();
        counts.forEach((inspector, n) -> forRun.put(inspector, n > 1 ? inspector.forFleetRun() : inspector));
        return targets.stream().map(t -> t.withInspector(forRun.get(t.inspector()))).toList();
    }

    private static TargetOutcome runOne(ResolvedTarget target, String command, FailOn failOn, TargetWork work) {
        try {
            return new TargetOutcome(work.run(target).withAddress(target.address()), false);
        } catch (RuntimeException e) {
            return new TargetOutcome(failed(target, command, failOn, e), e instanceof ConnectionFailedException);
        }
    }

    /** The report of a target whose work failed: one ERROR line saying why. */
    private static Report failed(ResolvedTarget target, String command, FailOn failOn, RuntimeException e) {
        String id;
        String title;
        String message = e.getMessage();
        if (e instanceof ConnectionFailedException) {
            id = "connection";
            title = "could not connect";
        } else if (e instanceof InspectionFailedException) {
            id = "inspection";
            title = "could not inspect";
        } else if (e instanceof UpgradeCheckException) {
            id = "input";
            title = "bad input for this target";
        } else {
            id = "internal";
            title = "internal error (a bug: please report it)";
            message = e.getClass().getSimpleName() + ": " + Cli.oneLine(e.getMessage());
        }
        CheckResult line = CheckResult.of(target.inspector().checkIdPrefix() + "." + id, title, Outcome.error(Cli.oneLine(message), null));
        return new Report(command, target.engine(), target.name(), null, List.of(line), null, failOn, target.address(),
                null);
    }

    private static void await(Future<Void> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for targets", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
