package dev.upgradecheck.testing.pipeline;

import dev.upgradecheck.testing.Eventually;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program from the pipeline's Kafka jars in a JVM of its own: the tests' java, a small heap, its output in
 * {@code <name>.log} of its work folder. Closing it stops the process and anything it started.
 */
final class ChildJvm implements AutoCloseable {

    // Kafka logs through Log4j 2; without a configuration it would print errors only
    private static final String LOG4J2 = """
            status = warn
            appender.out.type = Console
            appender.out.name = out
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = INFO
            rootLogger.appenderRef.out.ref = out
            """;

    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} from Kafka's jars with {@code args}; it runs until {@link #close()}. */
    static ChildJvm start(String name, Path workDir, String mainClass, String... args) throws IOException {
        return start(name, workDir, PipelineJars.kafka().resolve("*").toString(), mainClass, args);
    }

    /** As {@link #start(String, Path, String, String...)}, with one of the tests' own classes as the main class. */
    static ChildJvm startOwn(String name, Path workDir, Class<?> mainClass, String... args) throws IOException {
        String own = Path.of(URI.create(mainClass.getProtectionDomain().getCodeSource().getLocation().toString()))
                .toString();
        return start(name, workDir, PipelineJars.kafka().resolve("*") + File.pathSeparator + own, mainClass.getName(),
                args);
    }

    private static ChildJvm start(String name, Path workDir, String classpath, String mainClass, String... args)
            throws IOException {
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command(workDir, classpath, mainClass, args))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildJvm(name, process, log);
    }

    private static List<String> command(Path workDir, String classpath, String mainClass, String... args)
            throws IOException {
        Path log4j = workDir.resolve("log4j2.properties");
        if (!Files.exists(log4j)) {
            Files.writeString(log4j, LOG4J2);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                // the pipeline lives for one test run: a quick start matters more than peak throughput
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-cp", classpath,
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** Writes {@code settings} as a Java properties file in {@code workDir}, in order, one per line. */
    static Path propertiesFile(Path workDir, String fileName, Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return Files.writeString(workDir.resolve(fileName), text);
    }

    /** The last lines of the log, for a failure message. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Asks {@code ready} every quarter second until it says yes (an exception counts as not yet); fails at once when
     * the process exits, and with the log's tail once {@code limit} has passed.
     */
    void awaitReady(String what, Duration limit, Eventually.Probe<Boolean> ready) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " (log " + log + "):\n"
                        + logTail());
            }
            Exception notYet = null;
            try {
                if (ready.get()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                notYet = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not within " + limit + " (log " + log + "):\n" + logTail(),
                        notYet);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
