package dev.upgradecheck.engine.toy;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.engine.TargetOption;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.Step;

import java.util.List;

/**
 * A test-only engine, the worked example of docs/architecture.md: one package, one line in
 * src/test/resources/META-INF/services/dev.upgradecheck.engine.SourceInspector, its own option ({@code --queues}),
 * and a safety fixture ({@code ToySafetyFixture}) through which the safety suite runs it like every other engine.
 */
public final class ToyInspector implements SourceInspector {

    static final TargetOption<List<String>> QUEUES =
            TargetOption.names("queues", "NAME", "Queues (the test-only toy engine).");

    @Override
    public String engine() {
        return "toy";
    }

    @Override
    public List<TargetOption<?>> options() {
        return List.of(QUEUES);
    }

    @Override
    public List<DeclaredCheck> checks() {
        return DeclaredCheck.of(ToySession.PRECHECK, ToySession.VERIFY);
    }

    /** toy://host:port and nothing more: the toy's client takes no parameters. */
    @Override
    public void validateUrl(String url) {
        if (url == null || !url.matches("toy://[A-Za-z0-9.-]+:\\d{1,5}")) {
            throw new BadInputException("a toy URL is toy://HOST:PORT, with no parameters");
        }
    }

    @Override
    public InspectionSession open(ConnectionSpec spec) {
        return new ToySession(ToyConnection.open(spec));
    }

    @Override
    public Runbook plan(PlanRequest request) {
        return new Runbook("toy", "Toy " + request.fromVersion() + " -> " + request.toVersion(), List.of(),
                List.of(Step.of(Step.Phase.UPGRADE, "Upgrade the toy", "Nothing to stop: the toy keeps no position.")));
    }

    @Override
    public SnapshotAdvice adviseOffline(PlanRequest request) {
        return SnapshotAdvice.builder().overall(Verdict.NOT_NEEDED, "a toy loses nothing")
                .missingEvidence("a baseline (precheck --save-baseline) to compare the queues' positions with")
                .build();
    }
}
