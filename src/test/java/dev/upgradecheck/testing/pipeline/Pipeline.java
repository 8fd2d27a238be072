package dev.upgradecheck.testing.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Kafka broker and one Connect worker for the whole test JVM: the first test class that asks starts them (about
 * half a minute on two cores), every later one reuses them, and a shutdown hook stops them when the JVM ends.
 * Configuration and logs stay in target/pipeline-run/fork-N (one pipeline per surefire fork) for a look after a
 * failure.
 */
public final class Pipeline {

    static {
        // Kafka's clients in this JVM (readiness, topic reads) log every configuration they build at INFO, and warn of
        // every refused connection while the broker is still starting
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
    }

    private static Pipeline shared;
    private static RuntimeException failedStart;

    private final KafkaBroker broker;
    private final ConnectWorker worker;
    private final Path runDir;

    private Pipeline(KafkaBroker broker, ConnectWorker worker, Path runDir) {
        this.broker = broker;
        this.worker = worker;
        this.runDir = runDir;
    }

    /** The running pipeline, started on first use; a start that failed fails every later caller the same way. */
    public static synchronized Pipeline shared() {
        if (failedStart != null) {
            throw failedStart;
        }
        if (shared == null) {
            try {
                shared = start(PipelineJars.runs());
            } catch (Exception e) {
                failedStart = new IllegalStateException("the Kafka pipeline did not start: " + e.getMessage(), e);
                throw failedStart;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "pipeline-stop"));
        }
        return shared;
    }

    private static Pipeline start(Path runDir) throws Exception {
        clear(runDir);
        Path brokerDir = Files.createDirectories(runDir.resolve("broker"));
        Path workerDir = Files.createDirectories(runDir.resolve("worker"));
        long started = System.nanoTime();
        // both JVMs start at once: the worker loads its plugins while the broker formats and starts
        KafkaBroker broker = KafkaBroker.start(brokerDir);
        ConnectWorker worker = null;
        try {
            worker = ConnectWorker.start(broker, workerDir);
            broker.awaitReady();
            long brokerReady = System.nanoTime();
            worker.awaitReady();
            Pipeline pipeline = new Pipeline(broker, worker, runDir);
            pipeline.record(String.format("Kafka broker ready in %d ms, Connect worker in %d ms",
                    millis(started, brokerReady), millis(started, System.nanoTime())));
            return pipeline;
        } catch (Exception | Error e) {
            if (worker != null) {
                worker.close();
            }
            broker.close();
            throw e;
        }
    }

    /** host:port of the broker, for consumers and Debezium's schema history topic. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public ConnectRest connect() {
        return worker.rest();
    }

    /** The worker's REST API over HTTPS, with a certificate the JVM's trust store does not know. */
    public URI connectHttps() {
        return worker.httpsUrl();
    }

    /** The PEM certificate of the CA that signed the HTTPS listener's certificate: what --connect-ca takes. */
    public Path connectCa() {
        return worker.caPem();
    }

    private void stop() {
        long started = System.nanoTime();
        worker.close();
        broker.close();
        record(String.format("stopped in %d ms", millis(started, System.nanoTime())));
    }

    /** Start and stop times go to the output and to timings.txt (a shutdown hook's output may find no reader). */
    private void record(String line) {
        System.out.println("pipeline: " + line + " (logs in " + runDir + ")");
        try {
            Files.writeString(runDir.resolve("timings.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("pipeline: cannot write timings.txt: " + e.getMessage());
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** A previous run's data must not leak into this one (a formatted log directory refuses a new cluster id). */
    private static void clear(Path runDir) {
        if (!Files.exists(runDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(runDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
