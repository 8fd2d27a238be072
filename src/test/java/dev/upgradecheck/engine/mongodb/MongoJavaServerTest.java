package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.BaselineFile;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.engine.ServerInfo;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every check against a real wire-protocol peer (mongo-java-server), where the peer supports the command. */
class MongoJavaServerTest {

    @TempDir
    Path dir;

    private MongoPeer peer;

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    /** Two writes three hours apart (by the peer's clock): a 3h oplog window. */
    private MongoPeer peerWithThreeHoursOfOplog() {
        peer = new MongoPeer(true);
        try (MongoClient client = peer.client()) {
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("n", 1));
            peer.clock.advance(Duration.ofHours(3));
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("n", 2));
        }
        return peer;
    }

    private CliRun.Result run(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--engine", "mongodb", "--url", peer.url,
                "--format", "json", "--connect-timeout", "3s", "--query-timeout", "3s"));
        args.addAll(List.of(more));
        return new CliRun().run(args.toArray(String[]::new));
    }

    @Test
    void precheckOnStandalonePeerFailsTopologyAndReportsWhatTheServerLacks() {
        peerWithThreeHoursOfOplog();

        CliRun.Result r = run("precheck", "--window", "1h");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.json().get("engine").asText()).isEqualTo("mongodb");
        assertThat(r.json().at("/server/version").asText()).isEqualTo("5.0.0");
        assertThat(r.status("mongo.topology")).isEqualTo("FAIL");
        assertThat(r.check("mongo.topology").get("remedy").asText()).contains("rs.initiate()");
        assertThat(r.status("mongo.replset.health")).isEqualTo("SKIP");
        assertThat(r.status("mongo.replset.lag")).isEqualTo("SKIP");
        assertThat(r.status("mongo.oplog.window")).isEqualTo("PASS");
        assertThat(r.check("mongo.oplog.window").get("observed").asText()).startsWith("3h");
        // the peer has no getParameter: ERROR with the server's own message, never PASS
        assertThat(r.status("mongo.fcv")).isEqualTo("ERROR");
        assertThat(r.check("mongo.fcv").get("detail").asText()).contains("no such command: 'getParameter'", "code 59");
        assertThat(r.status("mongo.cdc_user")).isEqualTo("SKIP");
        assertThat(r.status("mongo.reader")).isEqualTo("ERROR");
        assertThat(r.status("mongo.change_streams")).as(r.out()).isEqualTo("PASS");
        assertThat(r.check("mongo.change_streams").get("observed").asText()).contains("shop");
    }

    /** The peer has no database-level aggregate, so no $currentOp: the reader check cannot run, and says why. */
    @Test
    void serverWithoutCurrentOpReportsTheReaderCheckAsAnErrorWithItsMessage() {
        peerWithThreeHoursOfOplog();

        CliRun.Result r = run("precheck", "--only", "mongo.reader");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("mongo.reader")).as(r.out()).isEqualTo("ERROR");
        assertThat(r.check("mongo.reader").get("detail").asText()).as(r.out()).contains("no such command: 'aggregate'", "code 59");
        assertThat(r.check("mongo.reader").get("observed").isNull()).isTrue();
    }

    @Test
    void oplogWindowShorterThanUpgradePlusBufferFails() {
        peerWithThreeHoursOfOplog();

        CliRun.Result r = run("precheck", "--window", "4h", "--only", "mongo.oplog");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("mongo.oplog.window")).isEqualTo("FAIL");
        assertThat(r.check("mongo.oplog.window").get("expected").asText()).startsWith("at least 6h");
        assertThat(r.check("mongo.oplog.window").get("remedy").asText()).contains("replSetResizeOplog", "minRetentionHours: 6");
    }

    @Test
    void serverWithoutOplogFailsOplogAndChangeStreams() {
        peer = new MongoPeer(false);
        try (MongoClient client = peer.client()) {
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("n", 1));
        }

        CliRun.Result r = run("precheck", "--collections", "shop.orders");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.status("mongo.oplog.window")).isEqualTo("FAIL");
        assertThat(r.status("mongo.change_streams")).isEqualTo("FAIL");
        assertThat(r.check("mongo.change_streams").get("detail").asText()).contains("shop.orders");
    }

    @Test
    void namedCdcUserIsCheckedWithUsersInfoWhichThePeerLacks() {
        peerWithThreeHoursOfOplog();

        CliRun.Result r = run("precheck", "--cdc-user", "cdc", "--only", "mongo.cdc_user");

        assertThat(r.status("mongo.cdc_user")).isEqualTo("ERROR");
        assertThat(r.check("mongo.cdc_user").get("detail").asText()).contains("usersInfo");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void baselineRecordsWhatThePeerGivesAndSaysWhatItDidNot() throws Exception {
        peerWithThreeHoursOfOplog();
        Path file = dir.resolve("b.json");

        CliRun.Result r = run("precheck", "--save-baseline", file.toString(), "--collections", "shop.orders");

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode state = Json.mapper().readTree(file.toFile()).get("state");
        assertThat(state.get("version").asText()).isEqualTo("5.0.0");
        assertThat(state.get("lastOplogTime").get("seconds").asLong())
                .isEqualTo(Instant.parse("2026-01-01T03:00:00Z").getEpochSecond());
        assertThat(state.get("featureCompatibilityVersion").isNull()).isTrue();
        assertThat(state.get("notes").toString()).contains("getParameter");
        // the peer sends no postBatchResumeToken: recorded as missing, with the reason
        JsonNode stream = state.get("streams").get(0);
        assertThat(stream.get("scope").asText()).isEqualTo("shop.orders");
        assertThat(stream.get("resumeToken").isNull()).isTrue();
        assertThat(stream.get("note").asText()).contains("postBatchResumeToken");

        CliRun.Result advice = run("snapshot-advice", "--baseline", file.toString());
        assertThat(advice.exitCode()).isEqualTo(1);
        assertThat(advice.json().get("verdict").asText()).isEqualTo("RECOMMENDED");

        CliRun.Result verify = run("verify", "--baseline", file.toString(), "--only", "mongo.verify.resume_token");
        assertThat(verify.status("mongo.verify.resume_token")).isEqualTo("ERROR");
    }

    /** A token the peer itself issued, taken from an event so that it is one the peer knows. */
    private BsonDocument tokenOfAnEvent() {
        try (MongoClient client = peer.client()) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = orders.watch().cursor()) {
                orders.insertOne(new Document("n", 3));
                ChangeStreamDocument<Document> event = cursor.tryNext();
                assertThat(event).isNotNull();
                return event.getResumeToken();
            }
        }
    }

    private Path baselineWith(String engine, String token) {
        MongoBaseline state = new MongoBaseline("5.0.0", null, new OplogTime(1767225600L, 1),
                List.of(new MongoBaseline.StreamPosition("shop.orders", token, null)), List.of());
        Path file = dir.resolve(engine + "-baseline.json");
        BaselineFile.write(file, new Baseline(Baseline.SCHEMA_VERSION, engine, "test", Instant.now(),
                new ServerInfo("MongoDB", "5.0.0", "self-hosted", Map.of()), Json.mapper().valueToTree(state)));
        return file;
    }

    @Test
    void verifyPassesWhenTheBaselineTokenResumes() {
        peerWithThreeHoursOfOplog();
        Path file = baselineWith("mongodb", tokenOfAnEvent().toJson());

        CliRun.Result verify = run("verify", "--baseline", file.toString(), "--only", "mongo.verify.resume_token,mongo.verify.oplog");
        assertThat(verify.status("mongo.verify.resume_token")).as(verify.out()).isEqualTo("PASS");
        assertThat(verify.status("mongo.verify.oplog")).isEqualTo("PASS");
        assertThat(verify.exitCode()).isEqualTo(0);

        // the baseline's token is the server's, not the reader's: without the connector's own token, no all-clear
        CliRun.Result advice = run("snapshot-advice", "--baseline", file.toString());
        assertThat(advice.json().get("verdict").asText()).isEqualTo("RECOMMENDED");
        assertThat(advice.json().get("reasons").toString()).contains("reader's own resume token");
        assertThat(advice.json().has("next")).as("reconcile reads no collections").isFalse();
        assertThat(advice.exitCode()).isEqualTo(1);
    }

    @Test
    void verifyFailsWithTheServersMessageWhenTheTokenDoesNotResume() {
        peerWithThreeHoursOfOplog();
        Path file = baselineWith("mongodb", "{\"_data\": \"8263A1B2C3000000012B0229296E04\"}");

        CliRun.Result verify = run("verify", "--baseline", file.toString(), "--only", "mongo.verify.resume_token");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.status("mongo.verify.resume_token")).isEqualTo("FAIL");
        assertThat(verify.check("mongo.verify.resume_token").get("detail").asText()).startsWith("shop.orders: ").contains("8263A1B2C3");

        CliRun.Result advice = run("snapshot-advice", "--baseline", file.toString());
        assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(advice.json().get("tables").get(0).get("table").asText()).isEqualTo("shop.orders");
    }

    @Test
    void oplogTruncatedPastTheBaselineFails() {
        peerWithThreeHoursOfOplog();
        MongoBaseline state = new MongoBaseline("5.0.0", null, new OplogTime(1000L, 1), List.of(), List.of());
        Path file = dir.resolve("old.json");
        BaselineFile.write(file, new Baseline(Baseline.SCHEMA_VERSION, "mongodb", "test", Instant.now(),
                new ServerInfo("MongoDB", "5.0.0", "self-hosted", Map.of()), Json.mapper().valueToTree(state)));

        CliRun.Result verify = run("verify", "--baseline", file.toString(), "--only", "mongo.verify.oplog");

        assertThat(verify.status("mongo.verify.oplog")).isEqualTo("FAIL");
        assertThat(verify.exitCode()).isEqualTo(1);
    }

    @Test
    void baselineFromAnotherEngineIsBadInput() {
        peerWithThreeHoursOfOplog();
        Path file = baselineWith("postgres", null);

        CliRun.Result verify = run("verify", "--baseline", file.toString());

        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err().lines().count()).isEqualTo(1);
        assertThat(verify.err()).contains("postgres");
    }

    @Test
    void corruptMongoBaselineStateIsBadInput() throws Exception {
        peerWithThreeHoursOfOplog();
        Path file = baselineWith("mongodb", null);
        Files.writeString(file, Files.readString(file).replace("\"streams\"", "\"strange\""));

        CliRun.Result verify = run("verify", "--baseline", file.toString());

        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err().lines().count()).isEqualTo(1);
    }

    @Test
    void credentialsThePeerCannotCheckAreAConnectionFailure() {
        peer = new MongoPeer(true);

        CliRun.Result r = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "s3cret-pw")).run("precheck", "--engine", "mongodb",
                "--url", peer.url, "--user", "cdc", "--connect-timeout", "3s");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("login failed").doesNotContain("s3cret-pw");
    }
}
