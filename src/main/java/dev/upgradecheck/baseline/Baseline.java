package dev.upgradecheck.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.value.UserText;

import java.time.Instant;

/**
 * What {@code precheck --save-baseline} recorded: which engine and server, when, and the engine's own
 * state (pipeline position, CDC configuration) as JSON that only that engine interprets.
 * A baseline holds no secret.
 */
public record Baseline(int schemaVersion, String engine, String toolVersion, Instant capturedAt,
                       ServerInfo server, JsonNode state) {

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
