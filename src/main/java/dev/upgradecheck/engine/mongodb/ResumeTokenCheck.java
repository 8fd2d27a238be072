package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;

import java.util.List;

/**
 * The question verify exists for: does a change stream resume from where the pipeline stopped? A major upgrade may
 * change the oplog format or outlast the oplog window; ChangeStreamHistoryLost (286) or any refusal means no.
 */
final class ResumeTokenCheck {

    static final Check<BaselineContext> CHECK = Check.of("mongo.verify.resume_token",
            "Change streams resume from the baseline's tokens (resumeAfter)", ResumeTokenCheck::evaluate)
            .formerly("mongo.resume_token");

    private static final String EXPECTED = "every baseline token resumes";

    private ResumeTokenCheck() {
    }

    static Outcome evaluate(BaselineContext bc) {
        if (bc.baseline() == null) {
            return Outcome.skip("no --baseline: nothing to resume from (save one with precheck --save-baseline)");
        }
        if (bc.baseline().streams().isEmpty()) {
            return Outcome.skip("the baseline recorded no change stream scope");
        }
        List<ResumeProbe.ScopeResult> results = ResumeProbe.probe(bc.live(), bc.baseline());
        String upgraded = "baseline " + bc.baseline().version() + ", now " + bc.live().version();
        boolean broken = results.stream().anyMatch(r -> r.verdict() == ResumeProbe.Verdict.HISTORY_LOST
                || r.verdict() == ResumeProbe.Verdict.FAILED);
        List<String> missing = results.stream().filter(r -> r.verdict() == ResumeProbe.Verdict.NO_TOKEN)
                .map(r -> r.scope() + ": " + r.message()).toList();
        if (!broken && !missing.isEmpty()) {
            return Outcome.error("cannot test " + String.join("; ", missing),
                    "take the baseline from a server that returns postBatchResumeToken (4.0.7+)");
        }
        Findings findings = new Findings().pass(upgraded);
        for (ResumeProbe.ScopeResult r : results) {
            switch (r.verdict()) {
                case RESUMES -> findings.pass(r.scope() + ": resumes");
                case HISTORY_LOST, FAILED -> findings.fail(r.scope() + ": token invalid", "the pipeline cannot "
                        + "resume: restart it from now and re-snapshot the captured collections (see snapshot-advice)")
                        .detail(r.scope() + ": " + r.message());
                case NO_TOKEN -> findings.detail(r.scope() + ": not tested, " + r.message());
            }
        }
        return findings.outcome(EXPECTED);
    }
}
