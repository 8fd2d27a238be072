package dev.upgradecheck.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the tool could see of the CDC reader itself, read from Kafka Connect with GET requests only: the
 * connector, its state and its tasks' states, its configuration (secrets removed) and its committed offsets.
 * The engines judge the offsets against their source; the core only carries them.
 *
 * @param config             the connector's configuration with every secret removed
 * @param offsets            the committed offsets; empty when none or when they could not be read
 * @param offsetsUnavailable why the offsets could not be read (e.g. a worker older than Kafka 3.5), else null
 */
public record PipelineView(String connector, String connectorClass, String state, List<String> taskStates,
                           Map<String, String> config, List<ConnectorOffset> offsets, String offsetsUnavailable,
                           Instant readAt) {

    public PipelineView {
        taskStates = taskStates == null ? List.of() : List.copyOf(taskStates);
        config = config == null ? Map.of() : Map.copyOf(config);
        offsets = offsets == null ? List.of() : List.copyOf(offsets);
    }

    public boolean offsetsKnown() {
        return offsetsUnavailable == null;
    }
}
