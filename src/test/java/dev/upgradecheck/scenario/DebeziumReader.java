package dev.upgradecheck.scenario;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.embedded.Connect;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The oracle: a real Debezium connector (embedded engine) reading the scenario's server, with its offsets in a file
 * that outlives each start, as a Kafka Connect worker keeps them. It records every change it delivered as a
 * {@link Change}; what the scenario wrote and it never delivered was lost. The engine's scenario says which
 * connector and how it connects ({@code connector}); the rest is the same for every engine.
 */
final class DebeziumReader implements AutoCloseable {

    /** How the connector is started: heartbeat or not, and how it treats a stored offset that differs from the slot. */
    record Start(boolean heartbeat, String mismatchStrategy) {
        /** A plain restart of the connector, Debezium's defaults. */
        static Start plain(boolean heartbeat) {
            return new Start(heartbeat, "no_validation");
        }
    }

    private static final long QUIET_MS = 2500;
    /** For a reader whose silence decides that a change is gone: a loaded machine can keep a live one quiet longer. */
    static final long PATIENT_QUIET_MS = 10_000;
    private static final long MAX_WAIT_MS = 40_000;

    static {
        // Debezium logs every start, and a refused one with stack traces; the scenario's script records both
        System.setProperty("org.slf4j.simpleLogger.log.io.debezium", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "off");
    }

    private final Path offsets;
    private final Function<Start, Properties> connector;
    private Start last = Start.plain(false);
    private final BooleanSupplier streamingFromServer;
    private final Set<Change> delivered = ConcurrentHashMap.newKeySet();
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService thread;
    private volatile boolean taskStarted;
    private boolean streaming;
    private volatile boolean ended;
    private volatile String failure;
    private volatile long lastRecordAt;

    /**
     * {@code connector} gives the connector's own properties for a start; {@code streamingFromServer} asks the server
     * whether the connector streams from it (a walsender on the slot, a binlog dump thread): the task really started.
     */
    DebeziumReader(Path offsets, Function<Start, Properties> connector, BooleanSupplier streamingFromServer) {
        this.offsets = offsets;
        this.connector = connector;
        this.streamingFromServer = streamingFromServer;
    }

    boolean running() {
        return engine != null;
    }

    Set<Change> delivered() {
        return Set.copyOf(delivered);
    }

    /** Whether the last start reached the server's stream (a walsender or dump thread served it). */
    boolean streamed() {
        return streaming;
    }

    /** Why the last start ended by itself (the connector refused or failed), or null. */
    String failure() {
        return failure;
    }

    void start(Start how) {
        last = how;
        failure = null;
        taskStarted = false;
        streaming = false;
        ended = false;
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties(how))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        taskStarted = true;
                    }
                })
                .using((success, message, error) -> {
                    if (!success) {
                        failure = message + (error == null ? "" : ": " + rootMessage(error));
                    }
                    ended = true;
                })
                .notifying(event -> record(event.record()))
                .build();
        thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-reader"));
        thread.execute(engine);
    }

    /**
     * Waits until the connector streams from the server (stopping it before then can hang the engine) and every change
     * in {@code expected} arrived, or the stream has been quiet for a while (a lost change never arrives), or the
     * connector ended by itself. True when it is still running.
     */
    boolean consume(Set<Change> expected) {
        return consume(expected, QUIET_MS);
    }

    boolean consume(Set<Change> expected, long quietMs) {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        if (streaming) {
            // quiet is counted from this call: changes written since the last one have not had their chance yet
            lastRecordAt = System.currentTimeMillis();
        }
        while (System.currentTimeMillis() < deadline && !ended) {
            if (!streaming && taskStarted && streamingFromServer.getAsBoolean()) {
                streaming = true;
                lastRecordAt = System.currentTimeMillis();
            }
            if (streaming && (delivered.containsAll(expected) || System.currentTimeMillis() - lastRecordAt > quietMs)) {
                return true;
            }
            sleep(100);
        }
        return !ended;
    }

    /** A graceful stop: the engine commits its offsets (and confirms them to the slot) first. */
    void stop() {
        if (engine == null) {
            return;
        }
        try {
            closeEngine();
            thread.shutdown();
            // the engine commits and confirms its offset before run() returns: over a minute on a loaded machine
            if (!thread.awaitTermination(180, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Debezium engine did not stop within 180 s");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop the Debezium engine: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Debezium engine", e);
        } finally {
            engine = null;
        }
    }

    /** An engine that failed by itself has shut down already, and says so by refusing to close. */
    private void closeEngine() throws IOException {
        try {
            engine.close();
        } catch (IllegalStateException alreadyShutDown) {
            if (!ended) {
                throw alreadyShutDown;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * A second reader on a copy of this one's offsets (read until two reads agree: the engine may be writing them),
     * to ask what a resume at this moment would still deliver without disturbing this reader.
     */
    DebeziumReader fork(Path offsetsCopy, Function<Start, Properties> connector, BooleanSupplier streamingFromServer) {
        try {
            Files.deleteIfExists(offsetsCopy);
            if (Files.exists(offsets)) {
                byte[] read = Files.readAllBytes(offsets);
                for (byte[] again = Files.readAllBytes(offsets); !java.util.Arrays.equals(read, again);
                     again = Files.readAllBytes(offsets)) {
                    read = again;
                }
                Files.write(offsetsCopy, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the reader's offsets " + offsets, e);
        }
        return new DebeziumReader(offsetsCopy, connector, streamingFromServer);
    }

    /** Waits until the engine committed an offset (its file exists): a pipeline that ran before the window has one. */
    void awaitCommittedOffset() {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        while (!Files.exists(offsets)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the reader committed no offset within " + MAX_WAIT_MS + " ms");
            }
            sleep(100);
        }
    }

    /**
     * Writes the engine's properties as a user of an embedded engine keeps them (the last start's), for
     * {@code --debezium-config}; they name the offsets file. Null while no offset was committed: no file yet.
     */
    Path config(Path file) {
        if (!Files.exists(offsets)) {
            return null;
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            properties(last).store(out, "the scenario's Debezium reader");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reader's properties to " + file, e);
        }
    }

    private Properties properties(Start how) {
        Properties p = new Properties();
        p.setProperty("name", "scenario-reader");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsets.toString());
        p.setProperty("offset.flush.interval.ms", "100");
        p.setProperty("topic.prefix", "scen");
        // the scenario starts the reader before its first write: nothing to snapshot, stream from the server
        p.setProperty("snapshot.mode", "no_data");
        // TRUNCATE is a change the destination must see too (Debezium skips it by default)
        p.setProperty("skipped.operations", "none");
        p.setProperty("heartbeat.interval.ms", how.heartbeat() ? "500" : "0");
        // a failure ends the engine, so a refused resume is seen instead of retried for ever
        p.setProperty("errors.max.retries", "0");
        p.putAll(connector.apply(how));
        return p;
    }

    private void record(SourceRecord r) {
        lastRecordAt = System.currentTimeMillis();
        if (!(r.value() instanceof Struct value) || value.schema().field("op") == null) {
            return; // heartbeats and transaction markers carry no change
        }
        String table = r.topic().substring(r.topic().indexOf('.') + 1);
        String op = value.getString("op");
        String key = r.key() instanceof Struct k
                ? k.schema().fields().stream().map(f -> String.valueOf(k.get(f))).collect(Collectors.joining(","))
                : Change.WHOLE_TABLE;
        delivered.add(new Change(table, key, Change.Op.fromDebezium(op)));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
