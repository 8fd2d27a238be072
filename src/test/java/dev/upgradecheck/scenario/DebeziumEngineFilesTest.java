package dev.upgradecheck.scenario;

import dev.upgradecheck.engine.Redactor;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.DebeziumFiles;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.scenario.Judgement.Truth;
import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.upgradecheck.scenario.PgScenario.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Debezium reader without Kafka Connect (a real embedded engine, Debezium 3.6.1, its offsets in Kafka's
 * FileOffsetBackingStore file) shown to the tool through its own files with --debezium-config.
 */
class DebeziumEngineFilesTest {

    @Test
    void theEnginesOffsetsFileGivesItsCommittedOffsetAndConfiguration() {
        try (PgScenario s = PgScenario.start()) {
            s.insert(ORDERS, 2);
            s.readerConsume();
            s.readerStop();
            Path config = s.readerConfig();
            List<Secret> masked = new ArrayList<>();

            PipelineView view = new DebeziumFiles(config, null).read(masked::add);
            CliRun.Result precheck = s.tool("precheck", List.of("--debezium-config", config.toString()));

            assertThat(view.connector()).isEqualTo("scenario-reader");
            assertThat(view.connectorClass()).isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
            assertThat(view.config()).containsEntry("slot.name", PgScenario.SLOT)
                    .containsEntry("database.password", Redactor.MASK);
            assertThat(masked).hasSize(1);
            assertThat(view.offsets()).singleElement().satisfies(o -> {
                assertThat(o.partition()).containsEntry("server", "scen");
                assertThat(o.number("lsn")).get().matches(lsn -> lsn > 0);
            });
            assertThat(precheck.status("connect.config")).as(precheck.toString()).isEqualTo("PASS");
            assertThat(precheck.status("connect.offset")).as(precheck.toString()).isEqualTo("PASS");
        }
    }

    /**
     * Debezium confirms the LSN of its last change, inside its last transaction, so the slot still returns that
     * transaction at the baseline. Once the slot is replaced, the engine's offset saved in the baseline proves the
     * window drained; without it the server alone cannot tell that transaction from an unread one.
     */
    @Test
    void aDrainedWindowWithTheEnginesOffsetInTheBaselineIsNotNeeded(@TempDir Path dir) {
        try (PgScenario s = PgScenario.start()) {
            s.insert(ORDERS, 2);
            s.readerConsume();
            s.readerStop();
            s.saveBaseline();
            Path serverOnly = dir.resolve("server-only.json");
            s.tool("precheck", List.of("--save-baseline", serverOnly.toString()));
            s.dropSlot();
            s.createSlot();

            CliRun.Result withoutOffset = s.tool("snapshot-advice", List.of("--baseline", serverOnly.toString()));
            Judgement j = s.judge();

            // RECOMMENDED when the engine's last confirm reached the slot before it stopped (the changes pending are
            // its last transaction's: ConfirmedInsideTransactionTest), REQUIRED when it did not; never an all-clear
            assertThat(withoutOffset.json().get("verdict").asText()).as(withoutOffset.toString())
                    .isIn("RECOMMENDED", "REQUIRED");
            assertThat(j.truth()).as("%s", j.report()).isEqualTo(Truth.NO_LOSS);
            assertThat(j.verdict()).as("%s", j.report()).isEqualTo("NOT_NEEDED");
        }
    }
}
