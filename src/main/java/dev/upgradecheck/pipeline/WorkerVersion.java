package dev.upgradecheck.pipeline;

import dev.upgradecheck.value.Version;

import java.util.Optional;

/**
 * The Apache Kafka release of a Kafka Connect worker, from the {@code version} of {@code GET /}. Confluent Platform
 * workers say their own release ({@code 7.6.0-ccs}): CP 7.x ships Kafka 3.x and CP 8.x Kafka 4.x, same minor.
 */
public record WorkerVersion(Version kafka) {

    public static Optional<WorkerVersion> of(String reported) {
        if (reported == null) {
            return Optional.empty();
        }
        try {
            Version v = Version.parse(reported);
            boolean confluent = reported.contains("-ccs") || reported.contains("-ce");
            return Optional.of(new WorkerVersion(confluent && v.major() >= 7
                    ? Version.parse((v.major() - 4) + "." + v.minor()) : v));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code PUT /connectors/{name}/stop} and {@code GET .../offsets}: Kafka 3.5 (KIP-875). */
    public boolean canStop() {
        return kafka.atLeast(3, 5);
    }

    /** {@code DELETE /connectors/{name}/offsets} on a STOPPED source connector: Kafka 3.6. */
    public boolean canResetOffsets() {
        return kafka.atLeast(3, 6);
    }
}
