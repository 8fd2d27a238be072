package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;

import java.util.Set;

/** The MongoDB engine: replica sets and sharded clusters, CDC through change streams. */
public final class MongoInspector implements SourceInspector {

    @Override
    public String engine() {
        return "mongodb";
    }

    @Override
    public java.util.Set<String> connectorClasses() {
        return java.util.Set.of("io.debezium.connector.mongodb.MongoDbConnector");
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mongo");
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
