package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;

import java.util.List;
import java.util.Set;

/** The MongoDB engine: replica sets and sharded clusters, CDC through change streams. */
public final class MongoInspector implements SourceInspector {

    @Override
    public String engine() {
        return "mongodb";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mongo");
    }

    @Override
    public List<DeclaredCheck> checks() {
        return DeclaredCheck.of(MongoSession.CHECKS, MongoSession.BASELINE_CHECKS);
    }

    @Override
    public void validateUrl(String url) {
        DriverLogging.quiet();
        MongoUri.parse(url);
    }

    @Override
    public InspectionSession open(ConnectionSpec spec) {
        return MongoConnector.open(spec);
    }

    @Override
    public Runbook plan(PlanRequest request) {
        return MongoRunbook.plan(request);
    }

    @Override
    public SnapshotAdvice adviseOffline(PlanRequest request) {
        return MongoSnapshotRules.offline(request);
    }
}
