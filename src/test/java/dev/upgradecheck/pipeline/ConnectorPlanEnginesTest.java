package dev.upgradecheck.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.RecordedConnectWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.upgradecheck.testing.RecordedConnectWorker.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * plan with a connector, for every engine: the connector's calls take the place of the engine's own steps that stop,
 * resume and re-snapshot the reader (each once, where the engine's runbook does it), and a connector name with a
 * quote and a space stays one shell word.
 */
class ConnectorPlanEnginesTest {

    /** A name a shell would split and a URL would break, as Kafka Connect allows it. */
    private static final String CONNECTOR = "orders' cdc";
    private static final String CONNECTOR_IN_URL = "orders%27%20cdc";

    private final RecordedConnectWorker worker = new RecordedConnectWorker();

    @AfterEach
    void stop() {
        worker.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgres  | 14       | 16     | io.debezium.connector.postgresql.PostgresConnector | public.orders    "
                    + "| public.debezium_signal           | Drain: wait until no change for the published tables is pending",
            "mysql     | 8.0.36   | 8.4.3  | io.debezium.connector.mysql.MySqlConnector          | shop.orders      "
                    + "| shop.debezium_signal             | Let the reader drain",
            "oracle    | 19       | 23     | io.debezium.connector.oracle.OracleConnector        | INVENTORY.ORDERS "
                    + "| ORCLPDB1.INVENTORY.DEBEZIUM_SIGNAL | Stop writes and drain the reader",
            "sqlserver | 2019     | 2022   | io.debezium.connector.sqlserver.SqlServerConnector  | sales.dbo.orders "
                    + "| sales.dbo.debezium_signal        | Stop writes and drain the pipeline",
            "mongodb   | 6.0      | 7.0    | io.debezium.connector.mongodb.MongoDbConnector      | shop.orders      "
                    + "| shop.debezium_signal             | Make sure the oplog outlasts the upgrade",
    })
    void theConnectorIsStoppedRecordedResumedAndResnapshottedOnceWhereTheEngineDoesIt(
            String engine, String from, String to, String connectorClass, String table, String signalTable,
            String stepBeforeStop) {
        worker.connector(CONNECTOR_IN_URL, "RUNNING", List.of(task(0, "RUNNING")),
                Map.of("connector.class", connectorClass, "signal.data.collection", signalTable), List.of());

        List<String> args = new ArrayList<>(List.of("plan", "--engine", engine, "--from", from, "--to", to,
                "--tables", table, "--connect-url", worker.url(), "--connector", CONNECTOR, "--format", "json"));
        if (engine.equals("mysql")) {
            args.addAll(List.of("--gtid", "on"));
        }

        CliRun.Result run = new CliRun().run(args);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        List<JsonNode> steps = new ArrayList<>();
        run.json().path("steps").forEach(steps::add);
        String base = worker.url() + "/connectors/" + CONNECTOR_IN_URL;
        int stop = only(steps, "curl -fsS -X PUT " + base + "/stop");
        int record = only(steps, "curl -fsS " + base + "/offsets > orders__cdc-offsets-before.json");
        int reset = only(steps, "curl -fsS -X DELETE " + base + "/offsets");
        int resume = only(steps, "curl -fsS -X PUT " + base + "/resume");
        int signal = only(steps, "execute-snapshot");

        assertThat(title(steps, stop - 1)).as("the stop comes right after the drain").isEqualTo(stepBeforeStop);
        assertThat(title(steps, stop)).isEqualTo("Stop the connector '" + CONNECTOR + "'");
        assertThat(phase(steps, stop)).isEqualTo("BEFORE");
        assertThat(record).isEqualTo(stop + 1);
        assertThat(phase(steps, resume)).isEqualTo("AFTER");
        assertThat(reset).as("offsets are deleted while the connector is still STOPPED").isEqualTo(resume - 1);
        assertThat(resume).as("resumed after verify").isGreaterThan(firstMentioning(steps, "upgrade-check verify"));
        assertThat(signal).as("the incremental snapshot needs the connector running").isGreaterThan(resume);
        assertThat(steps).extracting(s -> s.path("title").asText())
                .as("the engine's own words for stopping and resuming the reader gave way to the connector's calls")
                .noneMatch(t -> t.startsWith("Stop the CDC source") || t.startsWith("Pause the CDC source")
                        || t.startsWith("Resume the CDC source") || t.contains("then stop it"))
                .filteredOn(t -> t.contains("connector '" + CONNECTOR + "'")).hasSize(2);
        assertThat(run.out()).doesNotContain("<signal table>");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "postgres, 16.1, 16.4, io.debezium.connector.postgresql.PostgresConnector",
            "mongodb,  7.0,  7.0,  io.debezium.connector.mongodb.MongoDbConnector",
    })
    void anUpgradeThatKeepsTheReaderRunningNeitherStopsNorResumesTheConnector(String engine, String from, String to,
                                                                             String connectorClass) {
        worker.connector(CONNECTOR_IN_URL, "RUNNING", List.of(task(0, "RUNNING")),
                Map.of("connector.class", connectorClass), List.of());

        CliRun.Result run = new CliRun().run("plan", "--engine", engine, "--from", from, "--to", to,
                "--connect-url", worker.url(), "--connector", CONNECTOR, "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        String base = worker.url() + "/connectors/" + CONNECTOR_IN_URL;
        assertThat(run.json().path("steps").toString()).doesNotContain(base + "/stop", base + "/resume",
                base + "/offsets");
        assertThat(run.json().path("notes").toString()).contains("neither stopped nor resumed",
                "curl -fsS " + base + "/status");
    }

    /** The index of the one step holding a statement that contains {@code text}; fails when none or several. */
    private static int only(List<JsonNode> steps, String text) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            for (JsonNode statement : steps.get(i).path("statements")) {
                if (statement.asText().contains(text)) {
                    found.add(i);
                }
            }
        }
        assertThat(found).as("steps with a statement containing %s", text).hasSize(1);
        return found.get(0);
    }

    private static int firstMentioning(List<JsonNode> steps, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).toString().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no step mentions " + text);
    }

    private static String title(List<JsonNode> steps, int index) {
        return steps.get(index).path("title").asText();
    }

    private static String phase(List<JsonNode> steps, int index) {
        return steps.get(index).path("phase").asText();
    }
}
