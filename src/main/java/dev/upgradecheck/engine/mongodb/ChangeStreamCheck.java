package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;

import java.util.List;

/** The pipeline's own first step: can a change stream be opened on each captured scope? Opened and closed at once. */
final class ChangeStreamCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.change_streams",
            "Change streams open on each captured collection or database", ChangeStreamCheck::evaluate);

    private ChangeStreamCheck() {
    }

    static Outcome evaluate(MongoContext ctx) {
        List<StreamScope> scopes = ctx.captureScopes();
        if (scopes.isEmpty()) {
            return Outcome.skip("the user can read no database besides admin, local and config, so there is nothing "
                    + "to open a change stream on: name the captured collections with --collections db.coll");
        }
        Findings findings = new Findings();
        for (StreamScope scope : scopes) {
            ChangeStreams.Result result = ChangeStreams.open(ctx, scope, null);
            if (result instanceof ChangeStreams.Refused r) {
                findings.fail(scope + ": refused", "change streams need a replica set or sharded cluster with "
                        + "majority read concern (see mongo.topology)").detail(scope + ": " + r.message());
            } else {
                findings.pass(scope + ": opened and closed");
            }
        }
        return findings.outcome("a change stream opens on " + scopes.size() + " scope(s)");
    }
}
