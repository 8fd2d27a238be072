package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.DeclaredCheck;

import java.util.List;

/**
 * The MongoDB checklist, in report order: what precheck runs, what verify runs again, and the comparisons verify adds
 * with a baseline. Every engine lists its checks this way; {@link #declared()} is what --only/--skip are judged
 * against.
 */
final class MongoChecks {

    /**
     * The configuration checks, run by precheck and again by verify. The reader check runs before the change-stream
     * check so that the server shows the pipeline's cursors, never the one this tool opens and closes.
     */
    static final List<Check<MongoContext>> PRECHECK = List.of(
            TopologyCheck.CHECK, ReplicaSetHealthCheck.CHECK, ReplicaSetLagCheck.CHECK, OplogWindowCheck.CHECK,
            FeatureCompatibilityCheck.CHECK, CdcUserCheck.CHECK, ChangeStreamReaderCheck.CHECK, ChangeStreamCheck.CHECK);

    static final List<Check<MongoContext>> VERIFY = PRECHECK;

    /** What verify adds with a baseline. */
    static final List<Check<BaselineContext>> BASELINE = List.of(
            ResumeTokenCheck.CHECK, OplogReachesBaselineCheck.CHECK);

    private MongoChecks() {
    }

    static List<DeclaredCheck> declared() {
        return DeclaredCheck.of(PRECHECK, BASELINE);
    }
}
