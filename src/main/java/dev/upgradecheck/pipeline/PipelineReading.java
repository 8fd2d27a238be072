package dev.upgradecheck.pipeline;

import java.util.List;

/**
 * One reading of a connector from Kafka Connect: the view the engines judge (and baselines keep), plus what only
 * the generic checks need: the worker's version, each task's state with its trace, and whether the worker lacks the
 * offsets endpoint altogether (older than Kafka 3.5), which is a SKIP rather than an ERROR.
 *
 * @param workerVersion Kafka Connect's version from {@code GET /}, or null when it did not say
 */
public record PipelineReading(PipelineView view, String workerVersion, List<TaskStatus> tasks,
                              boolean offsetsEndpointMissing) {

    public PipelineReading {
        tasks = List.copyOf(tasks);
    }
}
