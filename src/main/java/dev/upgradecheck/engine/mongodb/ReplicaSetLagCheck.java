package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A lagging secondary becomes primary after the step-down without the latest writes (they roll back) or falls off
 * the oplog while it is restarted. Lag is the primary's optimeDate minus each secondary's.
 */
final class ReplicaSetLagCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.replset.lag",
            "Secondaries keep up with the primary (replSetGetStatus optimeDate)", ReplicaSetLagCheck::evaluate);

    /** Above this a step-down waits for catch-up (rs.stepDown's default secondaryCatchUpPeriodSecs is 10s). */
    static final Duration MAX_LAG = Duration.ofSeconds(10);

    private ReplicaSetLagCheck() {
    }

    static Outcome evaluate(MongoContext ctx) {
        var skip = ReplicaSetStatus.notApplicable(ctx);
        if (skip.isPresent()) {
            return skip.get();
        }
        List<Document> members = ReplicaSetStatus.members(ctx);
        Date primary = members.stream().filter(m -> "PRIMARY".equals(m.getString("stateStr")))
                .map(m -> m.getDate("optimeDate")).filter(d -> d != null).findFirst().orElse(null);
        if (primary == null) {
            return Outcome.skip("no primary with an optimeDate to measure lag against (see mongo.replset.health)");
        }
        List<String> lags = new ArrayList<>();
        Duration worst = Duration.ZERO;
        for (Document m : members) {
            Date optime = m.getDate("optimeDate");
            if (!"SECONDARY".equals(m.getString("stateStr")) || optime == null) {
                continue;
            }
            Duration lag = Duration.ofMillis(Math.max(0, primary.getTime() - optime.getTime()));
            lags.add(m.getString("name") + " " + lag.toSeconds() + "s");
            worst = lag.compareTo(worst) > 0 ? lag : worst;
        }
        String expected = "at most " + MAX_LAG.toSeconds() + "s behind the primary";
        if (lags.isEmpty()) {
            return Outcome.skip("the set has no secondary to measure");
        }
        String observed = "lag: " + String.join(", ", lags);
        if (worst.compareTo(MAX_LAG) > 0) {
            return Outcome.warn(observed, expected, "a secondary " + worst.toSeconds() + "s behind: stepping the primary "
                    + "down now would wait for it or roll writes back", "rs.printSecondaryReplicationInfo()");
        }
        return Outcome.pass(observed).expecting(expected);
    }
}
