package dev.upgradecheck.engine.mongodb;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real MongoDB (6.0, 7.0, 8.0) as a single-node replica set: runs where Docker is (the GitHub workflow), skips here.
 * directConnection=true: the member's configured host name is the container's, unknown to the host running the test.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MongoContainersTest {

    static {
        DriverLogging.quiet();
    }

    @TempDir
    Path dir;

    private static String url(MongoDBContainer mongo) {
        return "mongodb://" + mongo.getHost() + ":" + mongo.getMappedPort(27017) + "/?directConnection=true";
    }

    private static CliRun.Result run(String url, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "mongodb", "--url", url, "--format", "json",
                "--connect-timeout", "10s", "--query-timeout", "10s"));
        args.addAll(List.of(more));
        return new CliRun().run(args.toArray(String[]::new));
    }

    private static void write(String url, int documents, int bytesEach) {
        try (MongoClient client = MongoClients.create(url)) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            String payload = "x".repeat(bytesEach);
            for (int i = 0; i < documents; i++) {
                orders.insertOne(new Document("n", i).append("payload", payload));
            }
        }
    }

    /** fsync takes a checkpoint; mongod truncates the oplog only up to the last one. */
    private static void checkpoint(String url) {
        try (MongoClient client = MongoClients.create(url)) {
            client.getDatabase("admin").runCommand(new Document("fsync", 1));
        }
    }

    /** Restarts mongod's container. Docker binds a restarted container to a new host port: the URL is read anew. */
    private static String restart(MongoDBContainer mongo) {
        DockerClient docker = mongo.getDockerClient();
        docker.restartContainerCmd(mongo.getContainerId()).exec();
        Ports.Binding[] bound = docker.inspectContainerCmd(mongo.getContainerId()).exec().getNetworkSettings()
                .getPorts().getBindings().get(ExposedPort.tcp(27017));
        return "mongodb://" + mongo.getHost() + ":" + bound[0].getHostPortSpec() + "/?directConnection=true";
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo:6.0", "mongo:7.0", "mongo:8.0"})
    void healthyReplicaSetPasses(String image) {
        try (MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse(image))) {
            mongo.start();
            write(url(mongo), 1, 10);

            CliRun.Result r = run(url(mongo), "precheck", "--window", "1m", "--collections", "shop.orders",
                    "--skip", "mongo.oplog.window");

            assertThat(r.status("mongo.topology")).isEqualTo("PASS");
            assertThat(r.status("mongo.replset.health")).isEqualTo("PASS");
            assertThat(r.status("mongo.fcv")).isEqualTo("PASS");
            assertThat(r.status("mongo.change_streams")).isEqualTo("PASS");
            assertThat(r.status("mongo.cdc_user")).isEqualTo("SKIP"); // no access control in the image's default
            assertThat(r.status("mongo.reader")).isEqualTo("WARN"); // no pipeline reads this set
            assertThat(r.exitCode()).as(r.out()).isEqualTo(0);
        }
    }

    /** A reader holding a change stream open, idle between getMores: $currentOp shows its cursor. */
    @ParameterizedTest
    @ValueSource(strings = {"mongo:6.0", "mongo:8.0"})
    void connectedReaderIsSeenInCurrentOp(String image) {
        try (MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse(image))) {
            mongo.start();
            write(url(mongo), 1, 10);
            try (MongoClient reader = MongoClients.create(url(mongo));
                 var stream = reader.getDatabase("shop").getCollection("orders").watch().cursor()) {
                stream.tryNext();

                CliRun.Result r = run(url(mongo), "precheck", "--only", "mongo.reader");

                assertThat(r.status("mongo.reader")).as(r.out()).isEqualTo("PASS");
                assertThat(r.check("mongo.reader").get("observed").asText()).contains("shop.orders");
                assertThat(r.exitCode()).isEqualTo(0);
            }
        }
    }

    @Test
    void standaloneFails() {
        try (GenericContainer<?> mongo = new GenericContainer<>(DockerImageName.parse("mongo:7.0"))
                .withExposedPorts(27017).waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 1))) {
            mongo.start();
            String url = "mongodb://" + mongo.getHost() + ":" + mongo.getMappedPort(27017);

            CliRun.Result r = run(url, "precheck", "--collections", "shop.orders");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.status("mongo.topology")).isEqualTo("FAIL");
            assertThat(r.status("mongo.change_streams")).isEqualTo("FAIL");
        }
    }

    @Test
    void resumeTokenSurvivesARestart() {
        try (MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse("mongo:7.0"))) {
            mongo.start();
            write(url(mongo), 1, 10);
            Path baseline = dir.resolve("b.json");
            CliRun.Result before = run(url(mongo), "precheck", "--collections", "shop.orders", "--save-baseline", baseline.toString());
            assertThat(before.err()).contains("baseline saved");

            String after = restart(mongo);
            write(after, 3, 10); // waits (server selection) until the set has elected its primary again

            CliRun.Result verify = run(after, "verify", "--baseline", baseline.toString(), "--only", "mongo.verify.resume_token");
            assertThat(verify.status("mongo.verify.resume_token")).as(verify.out()).isEqualTo("PASS");
            CliRun.Result advice = run(after, "snapshot-advice", "--baseline", baseline.toString());
            assertThat(advice.json().get("verdict").asText()).isEqualTo("NOT_NEEDED");
        }
    }

    /**
     * 990 MB is the smallest oplog mongod accepts; ~1.2 GB of writes push the baseline's position out of it. The
     * oplog is truncated in the background, and only up to the last checkpoint: each look forces one first.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tokenOlderThanTheOplogFailsAsHistoryLost() throws Exception {
        try (MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse("mongo:7.0"))
                .withCommand("--replSet", "docker-rs", "--oplogSize", "990")) {
            mongo.start();
            String url = url(mongo);
            write(url, 1, 10);
            Path baseline = dir.resolve("b.json");
            CliRun.Result saved = run(url, "precheck", "--collections", "shop.orders", "--save-baseline", baseline.toString());
            assertThat(saved.err()).contains("baseline saved");

            write(url, 80, 15 * 1024 * 1024);

            CliRun.Result verify = Eventually.poll(Duration.ofMinutes(3), Duration.ofSeconds(2), () -> {
                checkpoint(url);
                return run(url, "verify", "--baseline", baseline.toString(), "--only", "mongo.verify.resume_token");
            }, r -> "FAIL".equals(r.status("mongo.verify.resume_token")));
            assertThat(verify.status("mongo.verify.resume_token")).as(verify.out()).isEqualTo("FAIL");
            assertThat(verify.check("mongo.verify.resume_token").get("detail").asText()).contains("286");
            CliRun.Result advice = run(url, "snapshot-advice", "--baseline", baseline.toString());
            assertThat(advice.json().get("verdict").asText()).isEqualTo("REQUIRED");
        }
    }

    @Test
    void wrongPasswordIsExitThree() {
        try (GenericContainer<?> mongo = new GenericContainer<>(DockerImageName.parse("mongo:7.0"))
                .withEnv("MONGO_INITDB_ROOT_USERNAME", "root").withEnv("MONGO_INITDB_ROOT_PASSWORD", "right-pw")
                .withExposedPorts(27017).waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 2))) {
            mongo.start();
            String url = "mongodb://" + mongo.getHost() + ":" + mongo.getMappedPort(27017);

            CliRun.Result r = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "wrong-pw")).run("precheck", "--engine", "mongodb",
                    "--url", url, "--user", "root");

            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.err().lines().count()).isEqualTo(1);
            assertThat(r.err()).contains("code 18").doesNotContain("wrong-pw");
        }
    }
}
