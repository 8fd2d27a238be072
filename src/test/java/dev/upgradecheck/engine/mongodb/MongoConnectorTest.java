package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.upgradecheck.engine.mongodb.RecordedAnswers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Debezium MongoDB connector's committed offset (sec, ord, resume_token) against recorded replies: the oplog's
 * first entry is at 2025-12-30T12:00:00Z (1767096000), its newest at 2026-01-01T12:00:00Z (1767268800).
 */
class MongoConnectorTest {

    private static final MongoUser CDC = new MongoUser("cdc", "admin");
    private static final TargetOptions SHOP = TargetOptions.NONE.with(MongoOptions.COLLECTIONS,
            List.of("shop.orders"));

    private static MongoSession session() {
        RecordedCommands commands = new RecordedCommands()
                .answer("admin", "hello", HELLO_PRIMARY)
                .answer("admin", "buildInfo", buildInfo("6.0.14"))
                .answer("local", "find1", oplogEntry("2025-12-30T12:00:00Z", 1767096000))
                .answer("local", "find-1", oplogEntry("2026-01-01T12:00:00Z", 1767268800));
        return new MongoSession(commands, () -> { }, Hello.run(commands),
                commands.run("admin", new Document("buildInfo", 1)), false, CDC);
    }

    private static PipelineView connector(String connectionString, Map<String, Object> offset) {
        return new PipelineView("shop-cdc", "io.debezium.connector.mongodb.MongoDbConnector", "RUNNING",
                List.of("RUNNING"), Map.of("mongodb.connection.string", connectionString),
                List.of(new ConnectorOffset(Map.of("server_id", "shop"), offset)), null, Instant.EPOCH);
    }

    private static Map<String, CheckResult> checks(PipelineView view) {
        Map<String, CheckResult> byId = new java.util.HashMap<>();
        session().connectorChecks(view, new Inspection(SHOP, CheckSelection.ALL, view)).forEach(r -> byId.put(r.id(), r));
        return byId;
    }

    private static SnapshotAdvice advice(PipelineView view) {
        return session().adviseSnapshot(new Inspection(SHOP, CheckSelection.ALL, view), Optional.empty());
    }

    private static final String RS0 = "mongodb://cdc:****@m1.example.net:27017/?replicaSet=rs0";

    @Test
    void aPositionStillInTheOplogPassesAndProvesContinuity() {
        PipelineView view = connector(RS0, Map.of("sec", 1767200000, "ord", 3,
                "resume_token", "8269557D00000000032B022C0100296E5A1004"));

        Map<String, CheckResult> checks = checks(view);
        SnapshotAdvice advice = advice(view);

        assertThat(checks.get("connect.config").status()).isEqualTo(Status.PASS);
        assertThat(checks.get("connect.offset").status()).isEqualTo(Status.PASS);
        assertThat(checks.get("connect.lag").observed()).contains("19h6m40s behind");
        assertThat(advice.verdict()).isEqualTo(Verdict.NOT_NEEDED);
        assertThat(advice.evidence()).singleElement().asString().contains("still in the oplog");
    }

    @Test
    void aPositionOlderThanTheOplogsFirstEntryFailsAndRequiresASnapshot() {
        PipelineView view = connector(RS0, Map.of("sec", 1767000000, "ord", 1));

        assertThat(checks(view).get("connect.offset").status()).isEqualTo(Status.FAIL);
        SnapshotAdvice advice = advice(view);
        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
        assertThat(advice.tables()).singleElement().satisfies(t -> assertThat(t.verdict()).isEqualTo(Verdict.REQUIRED));
    }

    @Test
    void theResumeTokensTimeIsUsedWhenSecAndOrdAreMissing() {
        // 0x69557D00 = 1767210240
        assertThat(ReaderPosition.tokenTime("8269557D00000000032B022C0100296E5A1004"))
                .contains(new OplogTime(1767210240L, 3L));
        assertThat(checks(connector(RS0, Map.of("resume_token", "8269557D00000000032B022C0100296E5A1004")))
                .get("connect.offset").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aConnectorOfAnotherReplicaSetFailsTheConfigCheck() {
        assertThat(checks(connector("mongodb://cdc:****@m9:27017/?replicaSet=rs9", Map.of("sec", 1767200000)))
                .get("connect.config").status()).isEqualTo(Status.FAIL);
    }
}
