package dev.upgradecheck.engine;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.plan.PlanRequest;

import java.util.List;
import java.util.Optional;

/**
 * A live, read-only connection to one source, opened by its {@link SourceInspector}.
 * Every query it sends is bounded by the query timeout; nothing it does writes to the source.
 */
public interface InspectionSession extends AutoCloseable {

    ServerInfo server();

    /** Is CDC healthy and configured as the target version will need it? */
    List<CheckResult> precheck(Inspection inspection);

    /**
     * The engine's record of the pipeline position and CDC configuration, as a Jackson-serialisable
     * object. It must hold no secret.
     */
    Object captureBaseline(TargetOptions options);

    /** The configuration checks again, plus, with a baseline, what the upgrade dropped, reset or changed. */
    List<CheckResult> verify(Inspection inspection, Optional<Baseline> baseline);

    /**
     * Whether a re-snapshot is needed, from the live source, the baseline (if given) and the connector's own
     * committed position (if the inspection carries one). NOT_NEEDED only with positive evidence of continuity.
     */
    SnapshotAdvice adviseSnapshot(Inspection inspection, Optional<Baseline> baseline);

    /** The request with the live names (slot, publication, tables, current version) filled in where unset. */
    PlanRequest withLiveNames(PlanRequest request);

    @Override
    void close();
}
