package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.value.HumanDuration;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.upgradecheck.engine.mongodb.RecordedAnswers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The checks whose commands mongo-java-server lacks, against replies recorded from MongoDB's documentation. */
class RecordedAnswersTest {

    private static final MongoUser CDC = new MongoUser("cdc", "admin");

    /** A healthy 6.0 replica set whose CDC user has what it needs. */
    private static RecordedCommands healthy() {
        return new RecordedCommands()
                .answer("admin", "hello", HELLO_PRIMARY)
                .answer("admin", "buildInfo", buildInfo("6.0.14"))
                .answer("admin", "replSetGetStatus", replSetStatus("SECONDARY", 1, 2))
                .answer("admin", "getParameter", fcv("6.0"))
                .answer("admin", "connectionStatus", CONNECTION_STATUS_CDC)
                .answer("admin", "listDatabases", LIST_DATABASES)
                .answer("local", "find1", oplogEntry("2025-12-30T12:00:00Z", 1767096000))
                .answer("local", "find-1", oplogEntry("2026-01-01T12:00:00Z", 1767268800))
                .answer("admin", "aggregate", CURRENT_OP_READER)
                .stream("shop", STREAM_OPENED);
    }

    private static MongoSession session(RecordedCommands commands) {
        Document hello = Hello.run(commands);
        Document buildInfo = commands.run("admin", new Document("buildInfo", 1));
        return new MongoSession(commands, () -> { }, hello, buildInfo, false, CDC);
    }

    private static TargetOptions options(String target) {
        return TargetOptions.NONE.with(TargetOptions.WINDOW, HumanDuration.parse("2h"))
                .with(TargetOptions.TARGET_VERSION, target);
    }

    private static CheckResult result(List<CheckResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static List<CheckResult> precheck(RecordedCommands commands, String target) {
        return session(commands).precheck(new Inspection(options(target), CheckSelection.ALL));
    }

    @Test
    void healthyReplicaSetPassesEveryCheck() {
        List<CheckResult> results = precheck(healthy(), "7.0");

        assertThat(results).extracting(CheckResult::id).containsExactly("mongo.topology", "mongo.replset.health",
                "mongo.replset.lag", "mongo.oplog.window", "mongo.fcv", "mongo.cdc_user", "mongo.reader", "mongo.change_streams");
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.id() + ": " + r.detail()).isEqualTo(Status.PASS));
        assertThat(result(results, "mongo.oplog.window").observed()).startsWith("2d");
        assertThat(result(results, "mongo.topology").observed()).contains("rs0");
    }

    @Test
    void memberDownFailsHealth() {
        List<CheckResult> results = precheck(healthy()
                .answer("admin", "replSetGetStatus", replSetStatus("(not reachable/healthy)", 0, 2)), null);

        CheckResult health = result(results, "mongo.replset.health");
        assertThat(health.status()).isEqualTo(Status.FAIL);
        assertThat(health.detail()).contains("m2.example.net:27017");
    }

    @Test
    void laggingSecondaryWarns() {
        CheckResult lag = result(precheck(healthy().answer("admin", "replSetGetStatus",
                replSetStatus("SECONDARY", 1, 45)), null), "mongo.replset.lag");

        assertThat(lag.status()).isEqualTo(Status.WARN);
        assertThat(lag.observed()).contains("m3.example.net:27017 45s");
    }

    @Test
    void unauthorizedReplSetGetStatusIsAnErrorNamingClusterMonitor() {
        RecordedCommands commands = healthy().answer("admin", "replSetGetStatus", unauthorized("admin", "replSetGetStatus"));

        CheckResult health = result(precheck(commands, null), "mongo.replset.health");

        assertThat(health.status()).isEqualTo(Status.ERROR);
        assertThat(health.detail()).contains("not authorized on admin", "code 13");
        assertThat(health.remedy()).isEqualTo(
                "db.getSiblingDB(\"admin\").grantRolesToUser(\"cdc\", [{role: \"clusterMonitor\", db: \"admin\"}])");
    }

    @Test
    void fcvBehindTheRunningSeriesBlocksTheNextMajor() {
        CheckResult fcv = result(precheck(healthy().answer("admin", "getParameter", fcv("5.0")), "7.0"), "mongo.fcv");

        assertThat(fcv.status()).isEqualTo(Status.FAIL);
        assertThat(fcv.remedy()).isEqualTo("db.adminCommand({setFeatureCompatibilityVersion: \"6.0\"})");
    }

    @Test
    void skippingAMajorSeriesFails() {
        CheckResult fcv = result(precheck(healthy(), "8.0"), "mongo.fcv");

        assertThat(fcv.status()).isEqualTo(Status.FAIL);
        assertThat(fcv.detail()).contains("[7.0, 8.0]");
    }

    @Test
    void unfinishedFcvChangeFails() {
        CheckResult fcv = result(precheck(healthy().answer("admin", "getParameter", FCV_UPGRADING), null), "mongo.fcv");

        assertThat(fcv.status()).isEqualTo(Status.FAIL);
        assertThat(fcv.remedy()).contains("setFeatureCompatibilityVersion: \"7.0\", confirm: true");
    }

    @Test
    void afterAMajorUpgradeTheOldFcvWarnsWithTheConfirmedCommand() {
        RecordedCommands commands = healthy().answer("admin", "buildInfo", buildInfo("7.0.5"));

        List<CheckResult> results = session(commands).verify(new Inspection(options("7.0"), CheckSelection.ALL), Optional.empty());

        CheckResult fcv = result(results, "mongo.fcv");
        assertThat(fcv.status()).isEqualTo(Status.WARN);
        assertThat(fcv.remedy()).isEqualTo("db.adminCommand({setFeatureCompatibilityVersion: \"7.0\", confirm: true})");
        assertThat(result(results, "mongo.verify.resume_token").status()).isEqualTo(Status.SKIP);
    }

    @Test
    void cdcUserWithoutReadOnLocalFails() {
        CheckResult user = result(precheck(healthy().answer("admin", "connectionStatus", CONNECTION_STATUS_NO_LOCAL), null),
                "mongo.cdc_user");

        assertThat(user.status()).isEqualTo(Status.FAIL);
        assertThat(user.remedy()).isEqualTo(
                "db.getSiblingDB(\"admin\").grantRolesToUser(\"cdc\", [{role: \"read\", db: \"local\"}])");
    }

    @Test
    void connectedReaderPassesAndSaysWhereItReads() {
        CheckResult reader = result(precheck(healthy(), null), "mongo.reader");

        assertThat(reader.status()).isEqualTo(Status.PASS);
        assertThat(reader.observed()).startsWith("2 change-stream cursor(s) on m1.example.net:27017")
                .contains("shop.orders idle, last read 2026-01-01T11:59:59Z")
                .contains("shop.orders in getmore from 10.0.4.17:51544 (cdc-source)");
    }

    @Test
    void noReaderWarnsBeforeAndAfterButNeverFails() {
        RecordedCommands commands = healthy().answer("admin", "aggregate", CURRENT_OP_NO_READER);

        CheckResult before = result(precheck(commands, null), "mongo.reader");
        CheckResult after = result(session(commands).verify(new Inspection(options(null), CheckSelection.ALL),
                Optional.empty()), "mongo.reader");

        assertThat(before.status()).isEqualTo(Status.WARN);
        assertThat(before.detail()).contains("paused");
        assertThat(after.status()).isEqualTo(Status.WARN);
        assertThat(after.detail()).contains("resume");
    }

    @Test
    void currentOpWithoutInprogIsAnErrorNamingClusterMonitor() {
        RecordedCommands commands = healthy().answer("admin", "aggregate", unauthorized("admin", "aggregate"));

        CheckResult reader = result(precheck(commands, null), "mongo.reader");

        assertThat(reader.status()).isEqualTo(Status.ERROR);
        assertThat(reader.detail()).contains("not authorized on admin", "code 13");
        assertThat(reader.remedy()).isEqualTo(
                "db.getSiblingDB(\"admin\").grantRolesToUser(\"cdc\", [{role: \"clusterMonitor\", db: \"admin\"}])");
    }

    @Test
    void changeStreamRefusedForLackOfReadIsAnErrorNamingTheRole() {
        CheckResult streams = result(precheck(healthy().stream("shop", unauthorized("shop", "aggregate")), null),
                "mongo.change_streams");

        assertThat(streams.status()).isEqualTo(Status.ERROR);
        assertThat(streams.remedy()).contains("{role: \"read\", db: \"shop\"}");
    }

    @Test
    void shardedClusterSkipsPerShardChecksWithTheReason() {
        RecordedCommands commands = healthy().answer("admin", "hello", HELLO_MONGOS);

        List<CheckResult> results = precheck(commands, null);

        assertThat(result(results, "mongo.topology").status()).isEqualTo(Status.PASS);
        assertThat(result(results, "mongo.replset.health").status()).isEqualTo(Status.SKIP);
        assertThat(result(results, "mongo.oplog.window").status()).isEqualTo(Status.SKIP);
        assertThat(result(results, "mongo.oplog.window").detail()).contains("each shard");
    }

    @Test
    void baselineHoldsThePostBatchResumeToken() {
        MongoBaseline baseline = (MongoBaseline) session(healthy()).captureBaseline(options(null));

        assertThat(baseline.version()).isEqualTo("6.0.14");
        assertThat(baseline.featureCompatibilityVersion()).isEqualTo("6.0");
        assertThat(baseline.lastOplogTime()).isEqualTo(new OplogTime(1767268800L, 1));
        assertThat(baseline.streams()).singleElement().satisfies(s -> {
            assertThat(s.scope()).isEqualTo("shop");
            assertThat(s.resumeToken()).contains("8263A1E3F0000000022B0229296E04");
        });
        assertThat(baseline.notes()).isEmpty();
    }

    private static Baseline baselineOf(MongoBaseline state) {
        return new Baseline(Baseline.SCHEMA_VERSION, "mongodb", "test", Instant.now(),
                new ServerInfo("MongoDB", state.version(), "self-hosted", Map.of()), Json.mapper().valueToTree(state));
    }

    @Test
    void historyLostAfterTheUpgradeFailsVerifyAndRequiresASnapshot() {
        MongoBaseline before = (MongoBaseline) session(healthy()).captureBaseline(options(null));
        RecordedCommands after = healthy().answer("admin", "buildInfo", buildInfo("7.0.5")).stream("shop", HISTORY_LOST);

        List<CheckResult> results = session(after).verify(
                new Inspection(options("7.0"), new CheckSelection(List.of("mongo.verify.resume_token"), List.of())),
                Optional.of(baselineOf(before)));

        CheckResult resume = result(results, "mongo.verify.resume_token");
        assertThat(resume.status()).isEqualTo(Status.FAIL);
        assertThat(resume.detail()).contains("Resume of change stream was not possible", "code 286 ChangeStreamHistoryLost");
        assertThat(resume.observed()).contains("baseline 6.0.14, now 7.0.5");

        SnapshotAdvice advice = session(after).adviseSnapshot(Inspection.of(options("7.0")), Optional.of(baselineOf(before)));
        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
        assertThat(advice.tables()).singleElement().satisfies(t -> assertThat(t.table()).isEqualTo("shop"));
    }

    @Test
    void baselineTokenThatResumesIsNoProofForAReaderThatMayBeBehindIt() {
        MongoBaseline before = (MongoBaseline) session(healthy()).captureBaseline(options(null));

        SnapshotAdvice advice = session(healthy()).adviseSnapshot(Inspection.of(options(null)), Optional.of(baselineOf(before)));

        assertThat(advice.verdict()).isEqualTo(Verdict.RECOMMENDED);
        assertThat(advice.evidence()).isEmpty();
        assertThat(advice.reasons()).anySatisfy(r -> assertThat(r).contains("reader's own resume token"));
    }

    @Test
    void noBaselineRecommendsASnapshotAndSaysWhy() {
        SnapshotAdvice advice = session(healthy()).adviseSnapshot(Inspection.of(options(null)), Optional.empty());

        assertThat(advice.verdict()).isEqualTo(Verdict.RECOMMENDED);
        assertThat(advice.reasons()).singleElement().asString().contains("no baseline");
    }
}
