package dev.upgradecheck.pipeline;

import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.testing.RecordedConnectWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.upgradecheck.testing.RecordedConnectWorker.offset;
import static dev.upgradecheck.testing.RecordedConnectWorker.task;
import static org.assertj.core.api.Assertions.assertThat;

/** The client against a real HTTP server answering as Kafka Connect does. */
class ConnectClientTest {

    private final RecordedConnectWorker worker = new RecordedConnectWorker();
    private final List<Secret> masked = new ArrayList<>();

    @AfterEach
    void stop() {
        worker.close();
    }

    private ConnectClient client() {
        return new ConnectClient(new ConnectEndpoint(URI.create(worker.url()), ConnectAuth.NONE, null,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), masked::add);
    }

    @Test
    void readsStatusConfigOffsetsAndWorkerVersionWithGetRequestsOnly() {
        worker.connector("sales-cdc", "RUNNING", List.of(task(1, "RUNNING"), task(0, "RUNNING")),
                Map.of("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector",
                        "database.hostname", "db1.internal", "topic.prefix", "sales"),
                List.of(offset(Map.of("server", "sales", "database", "sales"),
                        Map.of("commit_lsn", "0000002a:000001f0:0003", "change_lsn", "0000002a:000001f0:0002"))));

        PipelineReading reading = client().read("sales-cdc");

        PipelineView view = reading.view();
        assertThat(view.connectorClass()).isEqualTo("io.debezium.connector.sqlserver.SqlServerConnector");
        assertThat(view.state()).isEqualTo("RUNNING");
        assertThat(reading.tasks()).extracting(TaskStatus::id).containsExactly(0, 1);
        assertThat(view.config()).containsEntry("database.hostname", "db1.internal");
        assertThat(view.offsetsKnown()).isTrue();
        assertThat(view.offsets()).singleElement().satisfies(o -> {
            assertThat(o.partition()).containsEntry("server", "sales");
            assertThat(o.text("commit_lsn")).contains("0000002a:000001f0:0003");
        });
        assertThat(reading.workerVersion()).isEqualTo("3.9.0");
        assertThat(worker.requests()).containsExactlyInAnyOrder("GET /connectors/sales-cdc/status",
                "GET /connectors/sales-cdc/config", "GET /connectors/sales-cdc/offsets", "GET /");
    }

    @Test
    void refreshingReadsOnlyTheOffsetsAgain() {
        worker.connector("c", "RUNNING", List.of(task(0, "RUNNING")), Map.of("connector.class", "x"),
                List.of(offset(Map.of("server", "s"), Map.of("sec", 10))));
        PipelineView first = client().read("c").view();
        worker.answer("/connectors/c/offsets", 200, RecordedConnectWorker.json(Map.of("offsets",
                List.of(offset(Map.of("server", "s"), Map.of("sec", 20))))));
        int before = worker.requests().size();

        PipelineView again = client().refreshOffsets(first);

        assertThat(again.offsets().get(0).number("sec")).contains(20L);
        assertThat(worker.requests().subList(before, worker.requests().size()))
                .containsExactly("GET /connectors/c/offsets");
    }

    @Test
    void configSecretsAreMaskedInTheViewAndHandedToTheRedactor() {
        worker.connector("c", "RUNNING", List.of(task(0, "RUNNING")), Map.of(
                "connector.class", "io.debezium.connector.mongodb.MongoDbConnector",
                "database.password", "db-Pa55word",
                "schema.history.internal.producer.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"jaas-Secret\";",
                "mongodb.connection.string", "mongodb://cdc:url-Secret9@m1:27017/?replicaSet=rs0",
                "ssl.truststore.password", "[hidden]",
                "key.converter", "org.apache.kafka.connect.json.JsonConverter"), List.of());

        PipelineView view = client().read("c").view();

        assertThat(view.config().toString()).doesNotContain("db-Pa55word", "jaas-Secret", "url-Secret9");
        assertThat(view.config()).containsEntry("database.password", "****")
                .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        assertThat(view.config().get("mongodb.connection.string")).isEqualTo("mongodb://cdc:****@m1:27017/?replicaSet=rs0");
        assertThat(masked).extracting(Secret::reveal).contains("db-Pa55word", "url-Secret9");
    }

    @Test
    void aWorkerOlderThanKafka35GivesStatusAndConfigButSaysWhyTheOffsetsAreMissing() {
        worker.connector("c", "RUNNING", List.of(task(0, "RUNNING")), Map.of("connector.class", "x"), List.of())
                .error("/connectors/c/offsets", 404, "HTTP 404 Not Found")
                .answer("/", 200, RecordedConnectWorker.json(Map.of("version", "3.4.1")));

        PipelineReading reading = client().read("c");

        assertThat(reading.view().offsetsKnown()).isFalse();
        assertThat(reading.offsetsEndpointMissing()).isTrue();
        assertThat(reading.view().offsetsUnavailable()).contains("3.5");
        assertThat(reading.view().state()).isEqualTo("RUNNING");
    }

    @Test
    void secretKeysAreRecognisedByTheirLastWordsNotByTheWordKeyAnywhere() {
        assertThat(ConnectorConfig.isSecretKey("database.password")).isTrue();
        assertThat(ConnectorConfig.isSecretKey("ssl.keystore.key")).isTrue();
        assertThat(ConnectorConfig.isSecretKey("aws.secret.access.key")).isTrue();
        assertThat(ConnectorConfig.isSecretKey("sasl.jaas.config")).isTrue();
        assertThat(ConnectorConfig.isSecretKey("key.converter")).isFalse();
        assertThat(ConnectorConfig.isSecretKey("message.key.columns")).isFalse();
        assertThat(ConnectorConfig.isSecretKey("database.user")).isFalse();
    }
}
