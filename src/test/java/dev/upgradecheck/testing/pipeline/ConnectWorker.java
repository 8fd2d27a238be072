package dev.upgradecheck.testing.pipeline;

import dev.upgradecheck.testing.Ports;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Kafka Connect distributed worker in its own JVM, with the Debezium connectors on its plugin.path, talking
 * JSON without schemas, and committing source offsets every second so that tests see them move quickly. Its REST API
 * listens on plain HTTP and, on a second port, on HTTPS with a certificate of a private CA made for this run.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Duration READY_LIMIT = Duration.ofSeconds(120);

    private final ChildJvm jvm;
    private final ConnectRest rest;
    private final URI httpsUrl;
    private final Path caPem;

    private ConnectWorker(ChildJvm jvm, ConnectRest rest, URI httpsUrl, Path caPem) {
        this.jvm = jvm;
        this.rest = rest;
        this.httpsUrl = httpsUrl;
        this.caPem = caPem;
    }

    /**
     * Starts a worker of its own group on {@code broker}, which need not be ready yet (the worker waits for it);
     * {@link #awaitReady()} waits until the REST API answers.
     */
    public static ConnectWorker start(KafkaBroker broker, Path workDir) throws Exception {
        int port = Ports.unused();
        int httpsPort = Ports.unused();
        WorkerCertificates certificates = WorkerCertificates.create(workDir);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("group.id", "upgrade-check-tests");
        settings.put("listeners", "http://127.0.0.1:" + port + ",https://127.0.0.1:" + httpsPort);
        settings.put("listeners.https.ssl.keystore.type", "PKCS12");
        settings.put("listeners.https.ssl.keystore.location", certificates.keystore().toString());
        settings.put("listeners.https.ssl.keystore.password", certificates.password());
        settings.put("listeners.https.ssl.key.password", certificates.password());
        // the worker's own calls to itself (forwarding to the leader) stay on plain HTTP
        settings.put("rest.advertised.listener", "http");
        settings.put("rest.advertised.host.name", "127.0.0.1");
        settings.put("plugin.path", PipelineJars.plugins().toString());
        // every plugin here (Kafka's and Debezium's) declares itself in META-INF/services: no class scanning
        settings.put("plugin.discovery", "service_load");
        settings.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        settings.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        settings.put("key.converter.schemas.enable", "false");
        settings.put("value.converter.schemas.enable", "false");
        settings.put("offset.storage.topic", "connect-offsets");
        settings.put("offset.storage.partitions", "1");
        settings.put("offset.storage.replication.factor", "1");
        settings.put("config.storage.topic", "connect-configs");
        settings.put("config.storage.replication.factor", "1");
        settings.put("status.storage.topic", "connect-status");
        settings.put("status.storage.partitions", "1");
        settings.put("status.storage.replication.factor", "1");
        settings.put("offset.flush.interval.ms", "1000");
        // one worker: nothing to wait for when it rebalances, and stopping tasks need not take long
        settings.put("scheduled.rebalance.max.delay.ms", "0");
        settings.put("task.shutdown.graceful.timeout.ms", "3000");
        Path config = ChildJvm.propertiesFile(workDir, "connect-distributed.properties", settings);

        return new ConnectWorker(ChildJvm.start("connect", workDir,
                        "org.apache.kafka.connect.cli.ConnectDistributed", config.toString()),
                new ConnectRest(URI.create("http://127.0.0.1:" + port)),
                URI.create("https://127.0.0.1:" + httpsPort), certificates.caPem());
    }

    /** Waits (bounded) until {@code GET /connectors} answers, which it does once the worker has joined its group. */
    void awaitReady() throws InterruptedException {
        jvm.awaitReady("Kafka Connect's REST API answering", READY_LIMIT, rest::answers);
    }

    public ConnectRest rest() {
        return rest;
    }

    /** The same REST API over HTTPS, e.g. {@code https://127.0.0.1:8443}. */
    public URI httpsUrl() {
        return httpsUrl;
    }

    /** The PEM certificate of the CA that signed the HTTPS listener's certificate (the JVM does not trust it). */
    public Path caPem() {
        return caPem;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
