package dev.upgradecheck.testing.pipeline;

import dev.upgradecheck.testing.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in KRaft mode in its own JVM: one node that is broker and controller, on free loopback ports,
 * formatted and started as the distribution's kafka-storage and kafka-server-start scripts do (see {@link KraftNode}).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_LIMIT = Duration.ofSeconds(90);

    private final ChildJvm jvm;
    private final String bootstrapServers;

    private KafkaBroker(ChildJvm jvm, String bootstrapServers) {
        this.jvm = jvm;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on a fresh log directory under {@code workDir}; {@link #awaitReady()} waits until it serves. */
    public static KafkaBroker start(Path workDir) throws Exception {
        int port = Ports.unused();
        int controllerPort = Ports.unused();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        settings.put("log.dirs", workDir.resolve("data").toString());
        // one node: every internal topic with one replica, and no wait for more members of a group
        settings.put("num.partitions", "1");
        settings.put("default.replication.factor", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        Path config = ChildJvm.propertiesFile(workDir, "server.properties", settings);

        return new KafkaBroker(ChildJvm.startOwn("kafka", workDir, KraftNode.class, clusterId(), config.toString()),
                "127.0.0.1:" + port);
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe Base64 without padding (what kafka-storage random-uuid prints). */
    private static String clusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Waits (bounded) until the broker answers a metadata request. */
    void awaitReady() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"))) {
            jvm.awaitReady("Kafka serving metadata", READY_LIMIT,
                    () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
    }

    /** host:port of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
