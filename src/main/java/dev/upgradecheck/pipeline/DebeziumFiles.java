package dev.upgradecheck.pipeline;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.Secret;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A Debezium reader without Kafka Connect (Debezium Server, an embedded engine), seen through its own files: its
 * properties (Debezium Server's application.properties, whose {@code debezium.source.*} keys are the connector's, or
 * an embedded engine's plain properties) and the file its offsets are kept in, by default the one the properties
 * name ({@code offset.storage.file.filename}). Both are only read; the view carries no state, since no worker
 * reports one.
 *
 * @param offsets the offsets file, or null for the one the properties name
 */
public record DebeziumFiles(Path config, Path offsets) {

    private static final String SERVER_PREFIX = "debezium.source.";
    private static final String FILE_STORE = "org.apache.kafka.connect.storage.FileOffsetBackingStore";
    private static final long MAX_CONFIG_BYTES = 1024 * 1024;

    /** The reader as a view the engines judge: its configuration (secrets removed, handed to {@code mask}) and offsets. */
    public PipelineView read(Consumer<Secret> mask) {
        Map<String, String> settings = connectorSettings();
        ConnectorConfig config = ConnectorConfig.of(settings);
        config.secrets().forEach(mask);
        String name = settings.get("name");
        List<OffsetFile.Entry> entries = OffsetFile.read(offsetsFile(settings)).stream()
                .filter(e -> name == null || name.equals(e.connector())).toList();
        String shown = name != null ? name
                : entries.stream().map(OffsetFile.Entry::connector).distinct().reduce((a, b) -> a + ", " + b)
                .orElse(this.config.getFileName().toString());
        return new PipelineView(shown, settings.get("connector.class"), null, List.of(), config.safe(),
                entries.stream().map(OffsetFile.Entry::offset).toList(), null, Instant.now());
    }

    /** The connector's keys: Debezium Server's {@code debezium.source.*} without the prefix, else every key. */
    private Map<String, String> connectorSettings() {
        Properties p = load();
        boolean server = p.stringPropertyNames().stream().anyMatch(k -> k.startsWith(SERVER_PREFIX));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!server) {
                settings.put(key, p.getProperty(key));
            } else if (key.startsWith(SERVER_PREFIX)) {
                settings.put(key.substring(SERVER_PREFIX.length()), p.getProperty(key));
            }
        }
        if (settings.get("connector.class") == null) {
            throw new BadInputException("Debezium configuration " + config + " sets no connector.class (nor "
                    + SERVER_PREFIX + "connector.class): is it the reader's properties file?");
        }
        return settings;
    }

    private Properties load() {
        try {
            if (Files.size(config) > MAX_CONFIG_BYTES) {
                throw new BadInputException("Debezium configuration " + config + " is larger than 1 MiB: is it the "
                        + "right file?");
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            return p;
        } catch (NoSuchFileException e) {
            throw new BadInputException("Debezium configuration " + config + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("Debezium configuration " + config + " cannot be read as properties: "
                    + e.getClass().getSimpleName());
        }
    }

    /** The file given, else the one the properties name (relative to the working directory, as the engine reads it). */
    private Path offsetsFile(Map<String, String> settings) {
        if (offsets != null) {
            return offsets;
        }
        String store = settings.get("offset.storage");
        String file = settings.get("offset.storage.file.filename");
        if ((store != null && !store.equals(FILE_STORE)) || file == null || file.isBlank()) {
            throw new BadInputException("Debezium configuration " + config + " keeps its offsets "
                    + (store != null && !store.equals(FILE_STORE) ? "in " + store : "in no file it names")
                    + ": give the offsets file with --debezium-offsets FILE");
        }
        return Path.of(file.trim());
    }
}
