package dev.upgradecheck.engine.toy;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckRunner;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.plan.PlanRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One read-only session to a toy server: each check is a small function of the session and the options. */
final class ToySession implements InspectionSession {

    /** What precheck --save-baseline records: each queue's position. */
    record ToyBaseline(Map<String, Long> positions) {
    }

    /** The checks' context: the session and what the user asked for. */
    record Context(ToySession session, TargetOptions options, ToyBaseline baseline) {
    }

    static final List<Check<Context>> PRECHECK = List.of(Check.of("toy.queues", "Queues have a position",
            c -> Outcome.pass(c.session().positions(c.options()).toString())));

    static final List<Check<Context>> VERIFY = List.of(Check.of("toy.baseline.queues", "Queues kept their position",
            c -> c.baseline() == null ? Outcome.skip("no baseline given")
                    : c.baseline().positions().equals(c.session().positions(c.options()))
                    ? Outcome.pass("every queue where it was")
                    : Outcome.fail("positions moved", c.baseline().positions().toString(), null, null)));

    private final ToyConnection connection;
    private final ServerInfo server;

    ToySession(ToyConnection connection) {
        this.connection = connection;
        this.server = new ServerInfo("Toy", read("version").substring("VERSION ".length()), "self-hosted", Map.of());
    }

    private String read(String request) {
        try {
            return connection.read(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Long> positions(TargetOptions options) {
        List<String> queues = options.get(ToyInspector.QUEUES).isEmpty() ? List.of("default")
                : options.get(ToyInspector.QUEUES);
        Map<String, Long> positions = new java.util.TreeMap<>();
        queues.forEach(q -> positions.put(q, Long.parseLong(read("queue " + q).substring("POSITION ".length()))));
        return positions;
    }

    @Override
    public ServerInfo server() {
        return server;
    }

    @Override
    public List<CheckResult> precheck(Inspection inspection) {
        return run(PRECHECK, new Context(this, inspection.options(), null), inspection);
    }

    @Override
    public Object captureBaseline(TargetOptions options) {
        return new ToyBaseline(positions(options));
    }

    @Override
    public List<CheckResult> verify(Inspection inspection, Optional<Baseline> baseline) {
        Context context = new Context(this, inspection.options(),
                baseline.map(b -> b.stateAs(ToyBaseline.class)).orElse(null));
        List<CheckResult> results = new ArrayList<>(run(PRECHECK, context, inspection));
        results.addAll(run(VERIFY, context, inspection));
        return results;
    }

    @Override
    public SnapshotAdvice adviseSnapshot(Inspection inspection, Optional<Baseline> baseline) {
        return SnapshotAdvice.builder().overall(Verdict.NOT_NEEDED, "the toy keeps its queues")
                .missingEvidence("the toy has no reader whose position could prove continuity").build();
    }

    @Override
    public PlanRequest withLiveNames(PlanRequest request) {
        return request;
    }

    private static List<CheckResult> run(List<Check<Context>> checks, Context context, Inspection inspection) {
        return new CheckRunner(inspection.selection(), e -> Outcome.error(e.getMessage(), null)).run(checks, context);
    }

    @Override
    public void close() {
        connection.close();
    }
}
