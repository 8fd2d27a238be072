package dev.upgradecheck.pipeline;

/** One connector to look at (--connector) on one Kafka Connect worker (--connect-url). */
public record ConnectTarget(ConnectEndpoint endpoint, String connector) {
}
