package dev.upgradecheck.pipeline;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Offsets files as Kafka's FileOffsetBackingStore writes them (a serialized {@code HashMap<byte[], byte[]>}), and the
 * hostile or broken ones a user might hand over instead. The file a real embedded engine writes is read in
 * {@code scenario.DebeziumEngineFilesTest}.
 */
class OffsetFileTest {

    /** Set when a {@link Gadget} is deserialized: the filter must refuse its class before that. */
    static volatile boolean gadgetRan;

    static final class Gadget implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            gadgetRan = true;
        }
    }

    private static Path serialized(Path dir, Object content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(content);
        }
        return Files.write(dir.resolve("offsets.dat"), bytes.toByteArray());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static HashMap<byte[], byte[]> engineMap() {
        HashMap<byte[], byte[]> map = new HashMap<>();
        map.put(utf8("[\"orders-engine\",{\"server\":\"orders\"}]"),
                utf8("{\"lsn\":24117272,\"lsn_commit\":24117100,\"txId\":745,\"transaction_id\":null}"));
        map.put(utf8("[\"orders-engine\",{\"server\":\"deleted\"}]"), null);
        return map;
    }

    @Test
    void readsEachSourcePartitionAndItsOffsetSkippingDeletedOnes(@TempDir Path dir) throws IOException {
        List<OffsetFile.Entry> entries = OffsetFile.read(serialized(dir, engineMap()));

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.connector()).isEqualTo("orders-engine");
            assertThat(e.offset().partition()).isEqualTo(Map.of("server", "orders"));
            assertThat(e.offset().number("lsn")).contains(24117272L);
            assertThat(e.offset().offset()).doesNotContainKey("transaction_id");
        });
    }

    @Test
    void refusesAnyOtherClassBeforeItIsBuilt(@TempDir Path dir) throws IOException {
        HashMap<byte[], Object> map = new HashMap<>();
        map.put(utf8("[\"e\",{\"server\":\"s\"}]"), new Gadget());
        Path file = serialized(dir, map);

        assertThatThrownBy(() -> OffsetFile.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("something other than a map of byte arrays");
        assertThat(gadgetRan).isFalse();
    }

    @Test
    void refusesOtherCollectionsAndDeepNesting(@TempDir Path dir) throws IOException {
        Path list = serialized(Files.createDirectory(dir.resolve("list")), new ArrayList<>(List.of(utf8("x"))));
        HashMap<Object, Object> nested = new HashMap<>();
        nested.put(utf8("k"), new HashMap<>(Map.of(utf8("k"), new HashMap<>(Map.of(utf8("k"), utf8("v"))))));
        Path deep = serialized(Files.createDirectory(dir.resolve("deep")), nested);
        Path strings = serialized(Files.createDirectory(dir.resolve("strings")), new HashMap<>(Map.of("k", "v")));

        for (Path file : List.of(list, deep, strings)) {
            assertThatThrownBy(() -> OffsetFile.read(file)).as(file.toString()).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("Debezium offsets file " + file + " cannot be read");
        }
    }

    @Test
    void aTruncatedOrForeignFileIsBadInput(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(serialized(dir, engineMap()));
        Path truncated = Files.write(dir.resolve("truncated.dat"), Arrays.copyOf(whole, whole.length / 2));
        Path text = Files.writeString(dir.resolve("text.dat"), "{\"lsn\": 1}");
        Path badKey = serialized(Files.createDirectory(dir.resolve("key")),
                new HashMap<>(Map.of(utf8("not json"), utf8("{}"))));

        assertThatThrownBy(() -> OffsetFile.read(truncated)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ends too early");
        assertThatThrownBy(() -> OffsetFile.read(text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("StreamCorruptedException");
        assertThatThrownBy(() -> OffsetFile.read(badKey)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> OffsetFile.read(dir.resolve("missing.dat"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not exist");
    }

    /** Read before any connection: a bad file is one line on stderr and exit 2, whatever the command. */
    @Test
    void aHostileFileGivenToTheToolIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        HashMap<byte[], Object> map = new HashMap<>();
        map.put(utf8("[\"e\",{\"server\":\"s\"}]"), new Gadget());
        Path offsets = serialized(dir, map);
        Path config = Files.writeString(dir.resolve("application.properties"), """
                debezium.sink.type=http
                debezium.source.connector.class=io.debezium.connector.postgresql.PostgresConnector
                debezium.source.database.password=s3cret-pw
                debezium.source.offset.storage.file.filename=%s
                """.formatted(offsets.toString().replace("\\", "\\\\")));

        for (String command : List.of("precheck", "verify", "snapshot-advice", "drain")) {
            CliRun.Result r = new CliRun().run(command, "--url", "jdbc:postgresql://127.0.0.1:9/none",
                    "--debezium-config", config.toString());
            assertThat(r.exitCode()).as(command + ": " + r).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err().strip().lines()).as(command + ": " + r).singleElement().asString()
                    .contains("cannot be read").doesNotContain("s3cret-pw");
            assertThat(gadgetRan).isFalse();
        }
    }

    @Test
    void theOptionsAreCheckedBeforeAnyFileIsRead(@TempDir Path dir) {
        CliRun.Result offsetsAlone = new CliRun().run("precheck", "--url", "jdbc:postgresql://127.0.0.1:9/none",
                "--debezium-offsets", dir.resolve("offsets.dat").toString());
        CliRun.Result both = new CliRun().run("precheck", "--url", "jdbc:postgresql://127.0.0.1:9/none",
                "--debezium-config", dir.resolve("a.properties").toString(), "--connect-url", "http://127.0.0.1:9",
                "--connector", "c");
        CliRun.Result noFileNamed = new CliRun().run("precheck", "--url", "jdbc:postgresql://127.0.0.1:9/none",
                "--debezium-config", writeConfig(dir, "connector.class=io.debezium.connector.postgresql."
                        + "PostgresConnector\noffset.storage=org.apache.kafka.connect.storage.KafkaOffsetBackingStore\n"));

        assertThat(offsetsAlone.exitCode()).as(offsetsAlone.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(offsetsAlone.err()).contains("--debezium-offsets needs --debezium-config");
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(both.err()).contains("give one");
        assertThat(noFileNamed.exitCode()).as(noFileNamed.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noFileNamed.err()).contains("KafkaOffsetBackingStore", "--debezium-offsets FILE");
    }

    private static String writeConfig(Path dir, String text) {
        try {
            return Files.writeString(dir.resolve("engine.properties"), text).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
