package dev.upgradecheck.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.baseline.Json;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The offsets a Debezium engine keeps in a file (Kafka Connect's FileOffsetBackingStore, used by Debezium Server and
 * embedded engines): a Java-serialized {@code HashMap<byte[], byte[]>} whose keys are JSON
 * {@code ["<engine name>", {<source partition>}]} and whose values are the offset JSON (null once deleted).
 * The file is the user's, so it is read through a filter that admits nothing but that map and its byte arrays.
 */
public final class OffsetFile {

    /** One committed offset and the engine (connector) name its key carries. */
    public record Entry(String connector, ConnectorOffset offset) {
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    /** Far above any engine's file: a few hundred bytes per source partition. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final int MAX_ENTRIES = 100_000;
    /** The engine rewrites the file in place at every flush: a read may meet it half written. */
    private static final int ATTEMPTS = 3;
    private static final long PAUSE_MS = 200;

    private OffsetFile() {
    }

    public static List<Entry> read(Path file) {
        for (int attempt = 1; ; attempt++) {
            try {
                return parse(file, deserialize(file));
            } catch (EOFException halfWritten) {
                if (attempt == ATTEMPTS) {
                    throw bad(file, "it ends too early (truncated, or not such a file)");
                }
                pause();
            }
        }
    }

    private static Map<?, ?> deserialize(Path file) throws EOFException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw bad(file, "it is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                 ObjectInputStream objects = new ObjectInputStream(in)) {
                objects.setObjectInputFilter(OffsetFile::admit);
                Object read = objects.readObject();
                if (!(read instanceof HashMap<?, ?> map)) {
                    throw bad(file, "it holds no map");
                }
                return map;
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("Debezium offsets file " + file + " does not exist");
        } catch (EOFException e) {
            throw e;
        } catch (InvalidClassException e) {
            throw bad(file, "it holds something other than a map of byte arrays (refused: " + e.getMessage() + ")");
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw bad(file, e.getClass().getSimpleName());
        }
    }

    /** Only the map, its byte arrays and its table of entries, within bounds; everything else is refused. */
    private static ObjectInputFilter.Status admit(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > 2 || info.references() > 3L * MAX_ENTRIES || info.streamBytes() > MAX_BYTES) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        if (type == byte[].class) {
            return info.arrayLength() <= MAX_BYTES ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        }
        // HashMap.readObject checks the size of the table it allocates as a Map.Entry[]
        if (type == HashMap.class || type == Map.Entry[].class) {
            return info.arrayLength() <= MAX_ENTRIES * 2L ? ObjectInputFilter.Status.ALLOWED
                    : ObjectInputFilter.Status.REJECTED;
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    private static List<Entry> parse(Path file, Map<?, ?> raw) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getKey() instanceof byte[] key) || (e.getValue() != null && !(e.getValue() instanceof byte[]))) {
                throw bad(file, "its map holds something other than byte arrays");
            }
            JsonNode k = json(file, key);
            if (!k.isArray() || k.size() != 2 || !k.get(0).isTextual() || !k.get(1).isObject()) {
                throw bad(file, "a key is not [\"<engine name>\", {<source partition>}]");
            }
            if (e.getValue() == null) {
                continue; // an offset the engine deleted
            }
            JsonNode value = json(file, (byte[]) e.getValue());
            if (!value.isObject()) {
                throw bad(file, "an offset is not a JSON object");
            }
            entries.add(new Entry(k.get(0).asText(), new ConnectorOffset(map(k.get(1)), map(value))));
        }
        return entries;
    }

    private static JsonNode json(Path file, byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw bad(file, "a key or offset is not JSON");
        }
    }

    /** The object's fields as Kafka Connect's JSON converter gives them; a null field says nothing, so it is left out. */
    private static Map<String, Object> map(JsonNode node) {
        Map<String, Object> values = new HashMap<>(Json.mapper().convertValue(node, OBJECT));
        values.values().removeIf(Objects::isNull);
        return values;
    }

    private static BadInputException bad(Path file, String why) {
        return new BadInputException("Debezium offsets file " + file + " cannot be read: " + why);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the Debezium offsets file", e);
        }
    }
}
