package dev.upgradecheck.engine;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;
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

    /**
     * The connector seen from this source: its class and configuration point at this database, and its committed
     * offset can resume without a gap (ids {@code connect.*}). Called only when the user gave --connect-url.
     */
    default List<CheckResult> connectorChecks(PipelineView view, Inspection inspection) {
        return List.of(CheckResult.of("connect.offset", "Connector offset against the source",
                Outcome.skip("this engine does not interpret connector offsets yet")));
    }

    /**
     * As {@link #connectorChecks(PipelineView, Inspection)}, in {@code verify} with the baseline: an engine whose
     * upgrade replaces the reader's position (a recreated slot) judges the offset against what the baseline proves.
     */
    default List<CheckResult> connectorChecks(PipelineView view, Inspection inspection, Optional<Baseline> baseline) {
        return connectorChecks(view, inspection);
    }

    /**
     * For {@code drain}: how far the reader is from the source's head, from the connector's committed offset when
     * a view is given, else from what the server alone can see (saying that this is weaker).
     */
    default DrainStatus drainStatus(Optional<PipelineView> view, TargetOptions options) {
        return DrainStatus.unknown("this engine cannot measure its reader's position yet");
    }

    /** The request with the live names (slot, publication, tables, current version) filled in where unset. */
    PlanRequest withLiveNames(PlanRequest request);

    @Override
    void close();
}
