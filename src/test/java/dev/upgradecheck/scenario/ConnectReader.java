package dev.upgradecheck.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upgradecheck.testing.pipeline.ConnectRest;
import dev.upgradecheck.testing.pipeline.Pipeline;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The oracle where the connector cannot run embedded: a real Debezium connector on the shared Kafka Connect worker
 * (testing/pipeline), stopped and resumed through Connect's REST API as an operator does, its change events read
 * back from Kafka as {@link Change}s. Debezium's MariaDB connector 3.5 needs its own 3.5 core, which clashes with the
 * 3.6.1 embedded engine of the PostgreSQL scenarios (docs/scenarios.md); the worker loads it in its own plugin
 * folder.
 */
final class ConnectReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long QUIET_MS = 2500;
    private static final long MAX_WAIT_MS = 60_000;
    private static final long COMMIT_STEADY_MS = 1500;

    private final ConnectRest connect;
    private final String bootstrapServers;
    private final String name;
    private final Map<String, String> config;
    private final BooleanSupplier streamingFromServer;
    private final KafkaConsumer<String, String> events;
    private final Set<Change> delivered = new TreeSet<>();
    private boolean created;
    private boolean running;
    private boolean streamed;
    private String failure;

    /**
     * {@code config} is the connector's; its events go to topics {@code <topic.prefix>.<database>.<table>}.
     * {@code streamingFromServer} asks the server whether the connector reads from it (a binlog dump thread): a task
     * RUNNING in Connect may still be connecting, and a change it has not reached yet is not lost.
     */
    ConnectReader(Pipeline pipeline, String name, Map<String, String> config, BooleanSupplier streamingFromServer) {
        this(pipeline.connect(), pipeline.bootstrapServers(), name, config, config.get("topic.prefix"),
                streamingFromServer);
    }

    /** A connector whose events go to topics {@code <eventsPrefix>.<database>.<table>}. */
    private ConnectReader(ConnectRest connect, String bootstrapServers, String name, Map<String, String> config,
                          String eventsPrefix, BooleanSupplier streamingFromServer) {
        this.connect = connect;
        this.bootstrapServers = bootstrapServers;
        this.name = name;
        this.config = config;
        this.streamingFromServer = streamingFromServer;
        this.events = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, name + "-oracle",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // the connector creates a topic with its first event of a table: find it soon
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"),
                new StringDeserializer(), new StringDeserializer());
        events.subscribe(Pattern.compile(Pattern.quote(eventsPrefix) + "\\..+"));
    }

    /**
     * A second connector, created stopped with this one's committed offsets, that resumes as this one would resume
     * now: {@code overrides} give it its own binlog client (server id, account); it has its own copy of the schema
     * history and its events go to topics of its own. The caller starts it, and stops and closes it. Null while this
     * connector has committed no offset.
     */
    ConnectReader probe(String probeName, Map<String, String> overrides, BooleanSupplier streamingFromServer) {
        JsonNode offsets = offsets().path("offsets");
        if (offsets.isEmpty()) {
            return null;
        }
        String prefix = config.get("topic.prefix");
        String history = "schema-history." + probeName;
        SchemaHistoryCopy.copy(bootstrapServers, config.get("schema.history.internal.kafka.topic"), history);
        Map<String, String> probeConfig = new LinkedHashMap<>(config);
        probeConfig.putAll(overrides);
        probeConfig.put("schema.history.internal.kafka.topic", history);
        // the same topic.prefix keeps the offsets' source partition and the history's records as they are; a router
        // sends the probe's events to topics of its own
        probeConfig.put("transforms", "probe");
        probeConfig.put("transforms.probe.type", "org.apache.kafka.connect.transforms.RegexRouter");
        probeConfig.put("transforms.probe.regex", Pattern.quote(prefix) + "(.*)");
        probeConfig.put("transforms.probe.replacement", probeName + "$1");
        // its own metrics MBeans: the same topic.prefix would clash with this connector's in the worker
        probeConfig.put("custom.metric.tags", "reader=probe");
        ConnectReader probe = new ConnectReader(connect, bootstrapServers, probeName, probeConfig, probeName,
                streamingFromServer);
        try {
            connect.createStopped(probeName, probeConfig);
            probe.created = true;
            connect.awaitState(probeName, "STOPPED", 0, Duration.ofMillis(MAX_WAIT_MS));
            connect.alterOffsets(probeName, offsets);
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (Exception e) {
            probe.close();
            throw new IllegalStateException("cannot set up the probe " + probeName + ": " + e.getMessage(), e);
        }
        return probe;
    }

    URI connectUrl() {
        return connect.url();
    }

    String name() {
        return name;
    }

    boolean running() {
        return running;
    }

    Set<Change> delivered() {
        return Set.copyOf(delivered);
    }

    /** Whether the connector has streamed from the server since it was created. */
    boolean streamed() {
        return streamed;
    }

    /** Why the last start failed (the task's trace, first line), or null. */
    String failure() {
        return failure;
    }

    /** Creates the connector the first time, later resumes it from its committed offset. */
    void start() {
        failure = null;
        try {
            if (created) {
                connect.resume(name);
            } else {
                connect.putConfig(name, config);
                created = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        running = true;
    }

    /**
     * Waits until every change in {@code expected} arrived, or the stream has been quiet for a while once the task
     * streams from the server (a lost change never arrives), or the task failed. True when it is still running.
     */
    boolean consume(Set<Change> expected) {
        return consume(expected, QUIET_MS);
    }

    /** {@link #consume(Set)}, taking a stream quiet for {@code quietMs} as caught up. */
    boolean consume(Set<Change> expected, long quietMs) {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        long quietSince = -1;
        int events = 0;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = status();
            String trace = failedTrace(status);
            if (trace != null) {
                failure = trace.lines().findFirst().orElse(trace);
                return false;
            }
            boolean streaming = "RUNNING".equals(status.path("tasks").path(0).path("state").asText())
                    && streamingFromServer.getAsBoolean();
            streamed |= streaming;
            int got = poll();
            events += got;
            if (got > 0 || quietSince < 0) {
                quietSince = streaming ? System.currentTimeMillis() : -1;
            }
            if (streaming && (delivered.containsAll(expected) || System.currentTimeMillis() - quietSince > quietMs)) {
                if (events > 0) {
                    awaitSteadyCommit(deadline);
                }
                return true;
            }
        }
        return true;
    }

    /**
     * A reader has consumed what it committed: Connect commits a source task's offsets every flush interval (1 s),
     * later than the events reach Kafka (seconds later on a loaded machine). Waits until a committed offset exists
     * and has not moved for longer than the interval, bounded.
     */
    private void awaitSteadyCommit(long deadline) {
        JsonNode last = offsets();
        long since = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline
                && (last.path("offsets").isEmpty() || System.currentTimeMillis() - since < COMMIT_STEADY_MS)) {
            sleep(250);
            JsonNode now = offsets();
            if (!now.equals(last)) {
                last = now;
                since = System.currentTimeMillis();
            }
        }
    }

    /** The offsets Connect has committed for the connector ({@code {"offsets":[..]}}, empty before the first). */
    JsonNode committedOffset() {
        return offsets();
    }

    /** Waits until Connect has committed an offset other than {@code previous}: what was delivered is committed. */
    void awaitCommittedOffsetBeyond(JsonNode previous) {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        while (offsets().equals(previous)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("connector " + name + " committed no new offset within "
                        + MAX_WAIT_MS + " ms: " + previous);
            }
            sleep(250);
        }
    }

    private JsonNode offsets() {
        try {
            return connect.offsets(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Connect's stop: the task commits its offset and goes; the offset stays for a resume. */
    void stop() {
        if (!running) {
            return;
        }
        try {
            connect.stop(name);
            long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
            while (!"STOPPED".equals(status().path("connector").path("state").asText())
                    || status().path("tasks").size() > 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("connector " + name + " did not stop: " + status());
                }
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        running = false;
    }

    private int poll() {
        int n = 0;
        for (ConsumerRecord<String, String> r : events.poll(Duration.ofMillis(250))) {
            if (r.value() == null) {
                continue; // the tombstone after a delete
            }
            try {
                JsonNode v = JSON.readTree(r.value());
                JsonNode row = v.path("after").isObject() ? v.path("after") : v.path("before");
                String table = r.topic().substring(r.topic().indexOf('.') + 1);
                delivered.add(new Change(table, row.path("id").asText(), Change.Op.fromDebezium(v.path("op").asText())));
                n++;
            } catch (IOException e) {
                throw new UncheckedIOException("an event of " + r.topic() + " is not JSON", e);
            }
        }
        return n;
    }

    private JsonNode status() {
        try {
            return connect.statusOrMissing(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static String failedTrace(JsonNode status) {
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return task.path("trace").asText();
            }
        }
        return "FAILED".equals(status.path("connector").path("state").asText())
                ? status.path("connector").path("trace").asText() : null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted while driving connector", e);
    }

    @Override
    public void close() {
        events.close();
        try {
            connect.delete(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }
}
