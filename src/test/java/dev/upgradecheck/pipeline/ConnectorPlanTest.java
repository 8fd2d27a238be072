package dev.upgradecheck.pipeline;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.RecordedConnectWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.upgradecheck.testing.RecordedConnectWorker.task;
import static org.assertj.core.api.Assertions.assertThat;

/** plan with a connector: the exact curl lines, chosen by the worker's version, names quoted for the shell. */
class ConnectorPlanTest {

    private final RecordedConnectWorker worker = new RecordedConnectWorker();

    @AfterEach
    void stop() {
        worker.close();
    }

    private CliRun.Result plan(String connector, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("plan", "--engine", "postgres", "--from", "14", "--to",
                "16", "--connect-url", worker.url(), "--connector", connector));
        args.addAll(List.of(more));
        return CliRun.withEnv(Map.of("KC_TOKEN", "kc-Token-7f3a9")).run(args);
    }

    private void connector(String name, String signalTable) {
        Map<String, String> config = new java.util.HashMap<>(
                Map.of("connector.class", "io.debezium.connector.postgresql.PostgresConnector"));
        if (signalTable != null) {
            config.put("signal.data.collection", signalTable);
        }
        worker.connector(name.replace(" ", "%20"), "RUNNING", List.of(task(0, "RUNNING")), config, List.of());
    }

    @Test
    void aKafka39WorkerIsStoppedRecordedResumedAndCanBeResnapshottedBySignalOrOffsetReset() {
        connector("orders cdc", "public.debezium_signal");

        CliRun.Result run = plan("orders cdc", "--tables", "public.orders,public.it'ems", "--connect-token-env", "KC_TOKEN");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        String base = worker.url() + "/connectors/orders%20cdc";
        String auth = " -H \"Authorization: Bearer ${KC_TOKEN}\" ";
        assertThat(run.unwrapped())
                .contains("curl -fsS -X PUT" + auth + base + "/stop")
                .contains("curl -fsS" + auth + base + "/offsets > orders_cdc-offsets-before.json")
                .contains("curl -fsS -X DELETE" + auth + base + "/offsets")
                .contains("curl -fsS -X PUT" + auth + base + "/resume")
                .contains("INSERT INTO \"public\".\"debezium_signal\" (id, type, data) VALUES "
                        + "('upgrade-check-resnapshot', 'execute-snapshot', '{\"data-collections\":"
                        + "[\"public.orders\",\"public.it''ems\"],\"type\":\"incremental\"}');")
                .doesNotContain("kc-Token-7f3a9");
        assertThat(run.out().indexOf("/stop")).isLessThan(run.out().indexOf("/resume"));
        String flags = " --connect-url " + worker.url() + " --connector 'orders cdc' --connect-token-env KC_TOKEN ";
        assertThat(run.unwrapped()).as("the baseline, drain and verdicts read the connector's offset")
                .contains("upgrade-check precheck" + flags, "upgrade-check drain" + flags,
                        "upgrade-check verify" + flags, "upgrade-check snapshot-advice" + flags)
                .doesNotContain("<connect-url>", "<connector>");
        assertThat(run.unwrapped().indexOf("/stop")).as("the connector stops before the baseline is saved")
                .isLessThan(run.unwrapped().lastIndexOf("--save-baseline"));
    }

    @Test
    void aWorkerOlderThan35IsPausedAndGetsNoOffsetReset() {
        connector("orders-cdc", null);
        worker.answer("/", 200, RecordedConnectWorker.json(Map.of("version", "3.4.1")));

        CliRun.Result run = plan("orders-cdc");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.unwrapped()).contains("-X PUT " + worker.url() + "/connectors/orders-cdc/pause\n")
                .doesNotContain("/stop").doesNotContain("-X DELETE")
                .contains("no signal table");
    }

    @Test
    void aConfluentPlatformVersionIsReadAsItsKafkaRelease() {
        assertThat(WorkerVersion.of("7.6.0-ccs")).hasValueSatisfying(v -> {
            assertThat(v.kafka().text()).isEqualTo("3.6");
            assertThat(v.canResetOffsets()).isTrue();
        });
        assertThat(WorkerVersion.of("3.4.0")).hasValueSatisfying(v -> assertThat(v.canStop()).isFalse());
        assertThat(WorkerVersion.of("unknown")).isEmpty();
    }
}
