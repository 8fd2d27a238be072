package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.util.Optional;

/** If the oldest oplog entry is newer than the baseline's newest, everything written in between is gone. */
final class OplogReachesBaselineCheck {

    static final Check<BaselineContext> CHECK = Check.of("mongo.verify.oplog",
            "The oplog still reaches back to the baseline position", OplogReachesBaselineCheck::evaluate)
            .formerly("mongo.oplog.baseline");

    private OplogReachesBaselineCheck() {
    }

    static Outcome evaluate(BaselineContext bc) {
        if (bc.baseline() == null) {
            return Outcome.skip("no --baseline");
        }
        OplogTime recorded = bc.baseline().lastOplogTime();
        if (recorded == null) {
            return Outcome.skip("the baseline recorded no oplog position (see its notes)");
        }
        if (bc.live().topology() == Hello.Topology.SHARDED) {
            return Outcome.skip("mongos has no oplog");
        }
        Optional<OplogTime> oldest = OplogWindowCheck.entry(bc.live(), OplogWindowCheck.FIRST);
        String expected = "oldest entry at or before " + recorded;
        if (oldest.isEmpty()) {
            return Outcome.fail("local.oplog.rs is empty or missing", expected, null, null);
        }
        if (oldest.get().compareTo(recorded) > 0) {
            return Outcome.fail("oldest entry " + oldest.get(), expected,
                    "the oplog was truncated past the baseline: changes after it are no longer in the oplog",
                    "re-snapshot the captured collections (see snapshot-advice)");
        }
        return Outcome.pass("oldest entry " + oldest.get()).expecting(expected);
    }
}
