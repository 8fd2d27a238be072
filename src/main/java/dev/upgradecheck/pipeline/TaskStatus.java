package dev.upgradecheck.pipeline;

/** One task of a connector as {@code GET /connectors/{name}/status} reports it; the trace only when it failed. */
public record TaskStatus(int id, String state, String trace) {
}
