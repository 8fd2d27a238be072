package dev.upgradecheck.engine.mongodb;

import com.mongodb.MongoException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.UserText;

import java.util.List;
import java.util.Optional;

/**
 * When MongoDB CDC needs a re-snapshot: only when the pipeline cannot resume its change stream. A token that resumes
 * means no event was lost; a token the server refuses (ChangeStreamHistoryLost or any other refusal) means it was.
 */
final class MongoSnapshotRules {

    private MongoSnapshotRules() {
    }

    static SnapshotAdvice live(MongoContext ctx, MongoBaseline baseline) {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        if (baseline == null) {
            return advice.overall(Verdict.RECOMMENDED, "no baseline: nothing shows where the pipeline stopped, so it "
                    + "cannot be shown that its resume token survived the upgrade; without proof, re-snapshot "
                    + "(next time save one with precheck --save-baseline)").build();
        }
        if (baseline.streams().isEmpty()) {
            return advice.overall(Verdict.RECOMMENDED, "the baseline holds no change stream scope to test").build();
        }
        // A baseline token that resumes proves the oplog reaches back to the baseline, not to the reader.
        advice.missingEvidence("the reader's own resume token is not known: the baseline's token is the server's at "
                + "baseline time, and a reader that was behind it needs older oplog entries (give --connect-url so "
                + "the connector's committed resume token is tested)");
        try {
            for (ResumeProbe.ScopeResult r : ResumeProbe.probe(ctx, baseline)) {
                switch (r.verdict()) {
                    case RESUMES -> advice.tableUnaffected(r.scope(), "the baseline resume token still resumes");
                    case HISTORY_LOST -> advice.table(r.scope(), Verdict.REQUIRED,
                            "resume token invalid: the oplog no longer holds its position (" + r.message() + ")");
                    case FAILED -> advice.table(r.scope(), Verdict.REQUIRED, "resume token invalid: " + r.message());
                    case NO_TOKEN -> advice.table(r.scope(), Verdict.RECOMMENDED,
                            "no resume token was recorded (" + r.message() + "): it cannot be shown that nothing was lost");
                }
            }
        } catch (MissingPrivilege e) {
            advice.overall(Verdict.RECOMMENDED, "could not test the resume tokens: not authorized (" + e.getMessage()
                    + "); grant " + e.role() + " on " + e.roleDb() + " and ask again");
        } catch (MongoException e) {
            advice.overall(Verdict.RECOMMENDED, "could not test the resume tokens: " + UserText.firstLine(e.getMessage()));
        }
        return advice.build();
    }

    /**
     * From the connector's own committed position: the strongest evidence there is. Still in the oplog, its change
     * stream resumes with nothing lost; older than the oplog's first entry, it cannot.
     */
    static SnapshotAdvice fromReader(MongoContext ctx, ReaderPosition reader) {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        List<String> scopes;
        Optional<String> lost;
        try {
            scopes = ctx.captureScopes().stream().map(StreamScope::toString).toList();
            lost = ConnectorChecks.historyLost(ctx, reader);
        } catch (MissingPrivilege e) {
            return advice.overall(Verdict.RECOMMENDED, "could not read the oplog to place the connector's " + reader
                    + ": not authorized (" + e.getMessage() + "); grant " + e.role() + " on " + e.roleDb()
                    + " and ask again").build();
        } catch (MongoException e) {
            return advice.overall(Verdict.RECOMMENDED, "could not read the oplog to place the connector's " + reader
                    + ": " + UserText.firstLine(e.getMessage())).build();
        }
        if (lost.isPresent()) {
            advice.overall(Verdict.REQUIRED, "the connector's " + reader + " cannot resume: " + lost.get());
            scopes.forEach(s -> advice.table(s, Verdict.REQUIRED, lost.get()));
            return advice.build();
        }
        String kept = "the connector's " + reader + " is still in the oplog: its change stream resumes with every "
                + "event after it";
        scopes.forEach(s -> advice.tableUnaffected(s, kept));
        return advice.overall(Verdict.NOT_NEEDED, kept).continuity(kept).build();
    }

    /** From --from/--to alone: a major series change may invalidate tokens; a patch release does not. */
    static SnapshotAdvice offline(PlanRequest request) {
        SnapshotAdvice.Builder advice = SnapshotAdvice.builder();
        if (request.fromVersion() == null || request.toVersion() == null) {
            return advice.overall(Verdict.RECOMMENDED, "no baseline and no --from/--to: it cannot be shown that the "
                    + "pipeline's resume token survives; pass --url with --baseline, or --from and --to").build();
        }
        ReleaseSeries from = ReleaseSeries.of(request.fromVersion());
        ReleaseSeries to = ReleaseSeries.of(request.toVersion());
        if (from.equals(to)) {
            String patch = "a patch upgrade within " + from + " keeps the oplog and "
                    + "resume token format; the pipeline resumes if the oplog window covers the stop";
            return advice.overall(Verdict.NOT_NEEDED, patch).continuity("forecast from the versions alone: " + patch)
                    .build();
        }
        return advice.overall(Verdict.RECOMMENDED, "a major upgrade (" + from + " to " + to + ") may invalidate the "
                + "resume token; with a baseline, snapshot-advice --url --baseline tests it and says for sure").build();
    }
}
