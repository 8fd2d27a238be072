package dev.upgradecheck.safety;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.canary.Canary;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import dev.upgradecheck.testing.pipeline.ConnectRest;
import dev.upgradecheck.testing.pipeline.DebeziumConfigs;
import dev.upgradecheck.testing.pipeline.Pipeline;
import dev.upgradecheck.testing.pipeline.TopicReader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * canary through the pipeline a Debezium user runs: PostgreSQL -> Debezium's PostgreSQL source connector (the canary
 * table alone) -> Kafka -> Debezium's JDBC sink connector -> a second PostgreSQL cluster, on the shared real Kafka
 * Connect worker. Both servers log every statement, so the test sees what upgrade-check wrote on each side.
 */
@Tag("kafka")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CanaryThroughKafkaConnectTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String TABLE = "upgrade_check_canary";
    private static final String SOURCE_CONNECTOR = "canary-source";
    private static final String SINK_CONNECTOR = "canary-jdbc-sink";
    private static final String TOPIC = "canary.public." + TABLE;

    static ConnectRest connect;
    static EmbeddedPostgres source;
    static EmbeddedPostgres destination;
    static PgServerLog sourceLog;
    static PgServerLog destinationLog;

    @BeforeAll
    static void start() throws Exception {
        connect = Pipeline.shared().connect();
        var sourceDir = Files.createTempDirectory("uc-canary-source-log");
        var destinationDir = Files.createTempDirectory("uc-canary-destination-log");
        source = PgServers.start(16, "logical", PgServerLog.settings(sourceDir));
        destination = PgServers.start(16, "replica", PgServerLog.settings(destinationDir));
        PgServers.sql(source, CanaryTest.CANARY.formatted(TABLE));
        PgServers.sql(destination, CanaryTest.CANARY.formatted(TABLE));
        sourceLog = new PgServerLog(source, sourceDir);
        destinationLog = new PgServerLog(destination, destinationDir);

        connect.putConfig(SOURCE_CONNECTOR, DebeziumConfigs.withSchemas(DebeziumConfigs.postgres(source.getPort(),
                "canary", "uc_canary", "uc_canary_pub", "public." + TABLE)));
        connect.putConfig(SINK_CONNECTOR, DebeziumConfigs.jdbcSinkToPostgres(destination.getPort(), TOPIC));
        connect.awaitState(SOURCE_CONNECTOR, "RUNNING", 1, LIMIT);
        connect.awaitState(SINK_CONNECTOR, "RUNNING", 1, LIMIT);
        copiesARowAndItsDelete();
    }

    /**
     * A row the test writes itself crosses before any canary does: the connectors' first start (slot, snapshot,
     * topic, sink consumer group) is then behind us, and a canary that does not arrive later is the pause's doing.
     */
    private static void copiesARowAndItsDelete() throws Exception {
        String marker = Canary.MARKER_PREFIX + "warm-up";
        PgServers.sql(source, "INSERT INTO public." + TABLE + " VALUES ('" + marker + "', now())");
        assertThat(Eventually.poll(LIMIT, Duration.ofMillis(200), CanaryThroughKafkaConnectTest::destinationRows,
                n -> n == 1))
                .as("the warm-up row at the destination: %s", (Object) pipelineStatus()).isEqualTo(1);
        PgServers.sql(source, "DELETE FROM public." + TABLE);
        assertThat(awaitDestinationEmpty()).as("the warm-up row's delete at the destination").isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connect != null) {
            connect.delete(SINK_CONNECTOR);
            connect.delete(SOURCE_CONNECTOR);
        }
        if (destination != null) {
            destination.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private static CliRun.Result canary(String timeout) {
        return new CliRun().run("canary", "--engine", "postgres", "--url", PgServers.url(source), "--user",
                "postgres", "--table", "public." + TABLE, "--dest-url", PgServers.url(destination), "--dest-user",
                "postgres", "--allow-write", "--timeout", timeout, "--format", "json");
    }

    private static long destinationRows() throws Exception {
        return CanaryTest.rows(destination, TABLE);
    }

    /** The sink applies the source's DELETE (delete.enabled) a moment after the command has returned. */
    private static long awaitDestinationEmpty() throws Exception {
        return Eventually.poll(LIMIT, Duration.ofMillis(200), CanaryThroughKafkaConnectTest::destinationRows,
                n -> n == 0);
    }

    private static String pipelineStatus() throws Exception {
        return connect.statusOrMissing(SOURCE_CONNECTOR) + " " + connect.statusOrMissing(SINK_CONNECTOR);
    }

    @Test
    void arrivesThroughDebeziumsJdbcSinkWithItsLatencyAfterExactlyOneInsertAndOneDelete() throws Exception {
        sourceLog.nextWrites();
        destinationLog.nextWrites();

        CliRun.Result r = canary("60s");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.status("canary.arrival")).isEqualTo("PASS");
        assertThat(r.check("canary.arrival").get("observed").asText()).matches("arrived after \\d+ ms");
        CanaryTest.assertExactlyOneInsertAndOneDelete(sourceLog.nextWrites(), TABLE);
        assertThat(destinationLog.nextWrites()).as("the destination is only read").isEmpty();
        assertThat(CanaryTest.rows(source, TABLE)).isZero();
        assertThat(awaitDestinationEmpty()).as("the sink applied the canary's DELETE too").isZero();
    }

    @Test
    void doesNotArriveWhileTheSinkIsPausedAndExitsOneWithinTheTimeout() throws Exception {
        connect.pause(SINK_CONNECTOR);
        try {
            connect.awaitState(SINK_CONNECTOR, "PAUSED", 1, LIMIT);
            sourceLog.nextWrites();
            long started = System.nanoTime();

            CliRun.Result r = canary("3s");

            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(r.status("canary.arrival")).isEqualTo("FAIL");
            assertThat(seconds).as("bounded by --timeout").isLessThan(15);
            CanaryTest.assertExactlyOneInsertAndOneDelete(sourceLog.nextWrites(), TABLE);
            String marker = r.check("canary.arrival").get("detail").asText().substring("marker ".length());
            assertThat(eventsOf(marker)).as("the source connector sent both to Kafka: the sink held them back")
                    .containsExactly("c", "d");
        } finally {
            connect.resume(SINK_CONNECTOR);
            connect.awaitState(SINK_CONNECTOR, "RUNNING", 1, LIMIT);
        }
    }

    /** The operations (c, d...) of the change events in the canary topic about {@code marker}, in topic order. */
    private static List<String> eventsOf(String marker) throws InterruptedException {
        Function<List<JsonNode>, List<String>> about = values -> values.stream().map(v -> v.path("payload"))
                .filter(p -> marker.equals(p.path("after").path("marker").asText())
                        || marker.equals(p.path("before").path("marker").asText()))
                .map(p -> p.path("op").asText()).toList();
        return about.apply(TopicReader.values(Pipeline.shared().bootstrapServers(), TOPIC,
                values -> about.apply(values).size() >= 2, LIMIT));
    }
}
