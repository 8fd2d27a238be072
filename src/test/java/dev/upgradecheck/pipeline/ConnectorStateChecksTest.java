package dev.upgradecheck.pipeline;

import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.Status;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorStateChecksTest {

    private static final ConnectCurl CURL = new ConnectCurl(new ConnectTarget(new ConnectEndpoint(
            URI.create("http://connect:8083"), ConnectAuth.NONE, null, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            "orders cdc"));

    private static PipelineReading reading(String state, List<TaskStatus> tasks, List<ConnectorOffset> offsets,
                                           String unavailable, boolean endpointMissing) {
        return new PipelineReading(new PipelineView("orders cdc", "io.debezium.connector.postgresql.PostgresConnector",
                state, tasks.stream().map(TaskStatus::state).toList(), Map.of(), offsets, unavailable, Instant.EPOCH),
                "3.4.0", tasks, endpointMissing);
    }

    private static Map<String, CheckResult> run(PipelineReading reading, ConnectorStateChecks.Moment moment) {
        Map<String, CheckResult> byId = new java.util.HashMap<>();
        ConnectorStateChecks.run(reading, CURL, moment, CheckSelection.ALL).forEach(r -> byId.put(r.id(), r));
        return byId;
    }

    private static final List<ConnectorOffset> ONE = List.of(new ConnectorOffset(Map.of("server", "s"), Map.of("lsn", 1)));

    @Test
    void aFailedTaskFailsWithTheFirstLineOfItsTraceAndTheRestartCall() {
        CheckResult tasks = run(reading("RUNNING", List.of(new TaskStatus(0, "RUNNING", null), new TaskStatus(1,
                "FAILED", "org.apache.kafka.connect.errors.ConnectException: slot \"cdc\" has been invalidated\n\tat "
                + "io.debezium.Foo(Foo.java:1)")), ONE, null, false), ConnectorStateChecks.Moment.BEFORE_WINDOW)
                .get("connect.tasks");

        assertThat(tasks.status()).isEqualTo(Status.FAIL);
        assertThat(tasks.observed()).isEqualTo("task 1 FAILED: org.apache.kafka.connect.errors.ConnectException: "
                + "slot \"cdc\" has been invalidated");
        assertThat(tasks.remedy()).isEqualTo("curl -fsS -X POST http://connect:8083/connectors/orders%20cdc/tasks/1/restart");
    }

    @Test
    void aStoppedConnectorWarnsBeforeTheWindowAndIsExpectedInIt() {
        PipelineReading stopped = reading("STOPPED", List.of(), ONE, null, false);

        Map<String, CheckResult> before = run(stopped, ConnectorStateChecks.Moment.BEFORE_WINDOW);
        Map<String, CheckResult> during = run(stopped, ConnectorStateChecks.Moment.IN_WINDOW);

        assertThat(before.get("connect.connector").status()).isEqualTo(Status.WARN);
        assertThat(before.get("connect.connector").remedy()).contains("-X PUT", "/resume");
        assertThat(during.get("connect.connector").status()).isEqualTo(Status.PASS);
        assertThat(during.get("connect.tasks").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aFailedConnectorFails() {
        assertThat(run(reading("FAILED", List.of(), ONE, null, false), ConnectorStateChecks.Moment.IN_WINDOW)
                .get("connect.connector").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void offsetsAreSkippedOnAnOldWorkerErrorWhenUnreadableAndWarnedWhenNoneWasCommitted() {
        assertThat(run(reading("RUNNING", List.of(), List.of(), "no endpoint (needs 3.5)", true),
                ConnectorStateChecks.Moment.BEFORE_WINDOW).get("connect.offsets.available"))
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(Status.SKIP);
                    assertThat(r.detail()).contains("needs 3.5", "Kafka Connect 3.4.0");
                });
        assertThat(run(reading("RUNNING", List.of(), List.of(), "HTTP 500", false),
                ConnectorStateChecks.Moment.BEFORE_WINDOW).get("connect.offsets.available").status())
                .isEqualTo(Status.ERROR);
        assertThat(run(reading("RUNNING", List.of(), List.of(), null, false),
                ConnectorStateChecks.Moment.BEFORE_WINDOW).get("connect.offsets.available").status())
                .isEqualTo(Status.WARN);
        assertThat(run(reading("RUNNING", List.of(), ONE, null, false),
                ConnectorStateChecks.Moment.BEFORE_WINDOW).get("connect.offsets.available").status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void onlyAndSkipSelectTheConnectChecksToo() {
        List<CheckResult> results = ConnectorStateChecks.run(reading("RUNNING", List.of(), ONE, null, false), CURL,
                ConnectorStateChecks.Moment.BEFORE_WINDOW, new CheckSelection(List.of(), List.of("connect.tasks")));

        assertThat(results).extracting(CheckResult::id).containsExactly("connect.connector", "connect.offsets.available");
    }
}
