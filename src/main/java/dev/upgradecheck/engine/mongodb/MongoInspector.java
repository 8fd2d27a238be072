package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.pipeline.SnapshotSignal;
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
    public java.util.Set<String> connectorClasses() {
        return ConnectorChecks.CLASSES;
    }

    /** Debezium's MongoDB signal collection is {@code db.collection}; the signal is a document inserted there. */
    @Override
    public java.util.Optional<String> snapshotSignal(String signalCollection, String id, java.util.List<String> tables) {
        int dot = signalCollection.indexOf('.');
        if (dot < 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("db.getSiblingDB(" + SnapshotSignal.jsonString(signalCollection.substring(0, dot))
                + ").getCollection(" + SnapshotSignal.jsonString(signalCollection.substring(dot + 1))
                + ").insertOne({_id: " + SnapshotSignal.jsonString(id) + ", type: \"execute-snapshot\", data: "
                + SnapshotSignal.data(tables) + "})");
    }

    @Override
    public String checkIdPrefix() {
        return "mongo";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mongo");
    }

    @Override
    public List<dev.upgradecheck.engine.TargetOption<?>> options() {
        return List.of(MongoOptions.COLLECTIONS);
    }

    @Override
    public List<DeclaredCheck> checks() {
        return MongoChecks.declared();
    }

    @Override
    public java.util.Optional<dev.upgradecheck.engine.UrlParameters> urlParameters() {
        return java.util.Optional.of(MongoUri.PARAMETERS);
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
