package dev.upgradecheck.baseline;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ServerInfo;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineFileTest {

    record State(String slot, long lsn) {
    }

    @TempDir
    Path dir;

    private Baseline sample() {
        return new Baseline(Baseline.SCHEMA_VERSION, "postgres", "test", Instant.parse("2026-11-25T10:00:00Z"),
                new ServerInfo("PostgreSQL", "14.15", "self-hosted", Map.of()),
                Json.mapper().valueToTree(new State("cdc_slot", 42)));
    }

    @Test
    void roundTripsTheEngineState() {
        Path file = dir.resolve("b.json");
        BaselineFile.write(file, sample());

        Baseline read = BaselineFile.read(file, "postgres");

        assertThat(read.stateAs(State.class)).isEqualTo(new State("cdc_slot", 42));
        assertThat(read.capturedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void missingFileIsBadInput() {
        assertThatThrownBy(() -> BaselineFile.read(dir.resolve("nope.json"), "postgres"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void truncatedFileIsCorrupt() throws IOException {
        Path file = dir.resolve("b.json");
        BaselineFile.write(file, sample());
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.length() / 2));

        assertThatThrownBy(() -> BaselineFile.read(file, "postgres"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("corrupt");
    }

    @Test
    void baselineOfAnotherEngineIsRefused() {
        Path file = dir.resolve("b.json");
        BaselineFile.write(file, sample());

        assertThatThrownBy(() -> BaselineFile.read(file, "mysql"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("postgres");
    }

    @Test
    void oversizedFileIsRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("huge.json");
        try (var out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i <= BaselineFile.MAX_BYTES >> 20; i++) {
                out.write(chunk);
            }
        }
        assertThatThrownBy(() -> BaselineFile.read(file, "postgres"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("at most");
    }

    @Test
    void otherSchemaVersionAndWrongShapeAreRefused() throws IOException {
        Path file = dir.resolve("b.json");
        Files.writeString(file, "{\"schemaVersion\": 99, \"engine\": \"postgres\"}");
        assertThatThrownBy(() -> BaselineFile.read(file, "postgres")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("schemaVersion 99");
        Files.writeString(file, "[1,2,3]");
        assertThatThrownBy(() -> BaselineFile.read(file, "postgres")).isInstanceOf(BadInputException.class);
    }

    @Test
    void stateOfTheWrongShapeIsACorruptBaseline() {
        Baseline b = new Baseline(1, "postgres", "t", Instant.now(), null,
                Json.mapper().createObjectNode().put("slot", "x").put("unexpected", true));
        assertThatThrownBy(() -> b.stateAs(State.class)).isInstanceOf(BadInputException.class);
    }

    @Property(tries = 300)
    void anyBytesGiveABaselineOrBadInputNothingElse(@ForAll byte[] content) throws IOException {
        Path file = Files.createTempFile("fuzz", ".json");
        try {
            Files.write(file, content);
            BaselineFile.read(file, "postgres");
        } catch (BadInputException expected) {
            assertThat(expected.getMessage()).doesNotContain("\n");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
