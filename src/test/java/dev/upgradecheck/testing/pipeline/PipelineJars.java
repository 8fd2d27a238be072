package dev.upgradecheck.testing.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put the pipeline's jars: src/test/pipeline resolves them apart from the test classpath and copies
 * them into {@code pipeline.dir} (target/pipeline) in the process-test-classes phase.
 */
final class PipelineJars {

    private PipelineJars() {
    }

    /** The Kafka broker's and the Connect worker's classpath: one folder of jars. */
    static Path kafka() {
        return dir().resolve("kafka");
    }

    /** The worker's plugin.path: one folder per connector, each with its own dependencies. */
    static Path plugins() {
        return dir().resolve("plugins");
    }

    /**
     * Configuration, data and logs of this test JVM's broker and worker, beside the jars (target/pipeline-run/fork-N:
     * each surefire fork starts a pipeline of its own).
     */
    static Path runs() {
        return dir().resolveSibling("pipeline-run").resolve(System.getProperty("pipeline.fork", "fork-1"));
    }

    private static Path dir() {
        Path dir = Path.of(System.getProperty("pipeline.dir", "target/pipeline")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("resolved"))) {
            throw new IllegalStateException(dir + " holds no pipeline jars: run the tests through Maven's lifecycle "
                    + "(./mvnw test or verify), whose process-test-classes phase resolves them");
        }
        return dir;
    }
}
