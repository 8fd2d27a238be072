package dev.upgradecheck.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.value.UserText;

import java.time.Instant;

/**
 * What {@code precheck --save-baseline} recorded: which engine and server, when, the engine's own
 * state (pipeline position, CDC configuration) as JSON that only that engine interprets, and, with
 * {@code --connect-url}, what the connector itself said (its committed offsets). A baseline holds no secret.
 *
 * @param pipeline the connector's view at baseline time; null when the baseline was taken without one
 */
public record Baseline(int schemaVersion, String engine, String toolVersion, Instant capturedAt,
                       ServerInfo server, JsonNode state, PipelineView pipeline) {

    public Baseline(int schemaVersion, String engine, String toolVersion, Instant capturedAt, ServerInfo server,
                    JsonNode state) {
        this(schemaVersion, engine, toolVersion, capturedAt, server, state, null);
    }

    public static final int SCHEMA_VERSION = 1;

    /** The engine's state as its own type; a state that does not fit is a corrupt baseline (exit 2). */
    public <T> T stateAs(Class<T> type) {
        try {
            T value = Json.mapper().treeToValue(state, type);
            if (value == null) {
                throw new BadInputException("baseline has no " + engine + " state");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException("baseline is not a valid " + engine + " baseline: "
                    + UserText.firstLine(e.getMessage()), e);
        }
    }
}
