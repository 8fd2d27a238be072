package dev.upgradecheck.testing.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upgradecheck.testing.Eventually;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tests' hand on Kafka Connect's REST API: they create, stop, resume and delete connectors (the product itself
 * only ever sends GET). Every call is bounded; an unexpected answer fails with the worker's own message.
 */
public final class ConnectRest {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRest(URI base) {
        this.base = base;
    }

    /** The worker's REST address, e.g. {@code http://127.0.0.1:8083}: what {@code --connect-url} takes. */
    public URI url() {
        return base;
    }

    /** Creates the connector, or replaces its configuration. */
    public void putConfig(String connector, Map<String, String> config) throws IOException, InterruptedException {
        expect(send("PUT", "/connectors/" + connector + "/config", JSON.writeValueAsString(config)), 200, 201);
    }

    /** Changes only the given keys of the connector's configuration (PATCH, KIP-477). */
    public void patchConfig(String connector, Map<String, String> changes) throws IOException, InterruptedException {
        expect(send("PATCH", "/connectors/" + connector + "/config", JSON.writeValueAsString(changes)), 200);
    }

    /** Creates the connector STOPPED (KIP-980, Connect 3.7+): its offsets may be set before its first task runs. */
    public void createStopped(String connector, Map<String, String> config) throws IOException, InterruptedException {
        Map<String, Object> request = Map.of("name", connector, "config", config, "initial_state", "STOPPED");
        expect(send("POST", "/connectors", JSON.writeValueAsString(request)), 201);
    }

    /**
     * Sets a stopped connector's offsets (KIP-875, Connect 3.6+) to {@code offsets}, a list as
     * {@link #offsets(String)} returns it.
     */
    public void alterOffsets(String connector, JsonNode offsets) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(JSON.createObjectNode().set("offsets", offsets));
        expect(send("PATCH", "/connectors/" + connector + "/offsets", body), 200);
    }

    public void delete(String connector) throws IOException, InterruptedException {
        expect(send("DELETE", "/connectors/" + connector, null), 204, 404);
    }

    /** Stops the connector and its tasks; its offsets stay (and only then may be altered or reset). */
    public void stop(String connector) throws IOException, InterruptedException {
        expect(send("PUT", "/connectors/" + connector + "/stop", null), 202, 204);
    }

    /** Pauses the connector's tasks: a sink stops consuming, its offsets and configuration stay. */
    public void pause(String connector) throws IOException, InterruptedException {
        expect(send("PUT", "/connectors/" + connector + "/pause", null), 202);
    }

    public void resume(String connector) throws IOException, InterruptedException {
        expect(send("PUT", "/connectors/" + connector + "/resume", null), 202, 204);
    }

    /** {@code GET /connectors/{name}/status}: the connector's and each task's state. */
    public JsonNode status(String connector) throws IOException, InterruptedException {
        return expect(send("GET", "/connectors/" + connector + "/status", null), 200);
    }

    /** {@code GET /connectors/{name}/offsets} (KIP-875): {@code {"offsets":[{"partition":{..},"offset":{..}}]}}. */
    public JsonNode offsets(String connector) throws IOException, InterruptedException {
        return expect(send("GET", "/connectors/" + connector + "/offsets", null), 200);
    }

    /**
     * The connector's one source partition with its offset ({@code {"partition":{..},"offset":{..}}}; Debezium's
     * database connectors keep one per server), or a missing node while nothing is committed yet.
     */
    public JsonNode onlyOffset(String connector) throws IOException, InterruptedException {
        JsonNode offsets = offsets(connector).path("offsets");
        if (offsets.size() > 1) {
            throw new AssertionError("connector " + connector + " has more than one source partition: " + offsets);
        }
        return offsets.path(0);
    }

    /**
     * Polls {@link #onlyOffset} until {@code done} holds or {@code limit} passes, and returns the last one seen
     * (offsets are committed every offset.flush.interval.ms, a moment after the records).
     */
    public JsonNode awaitOffset(String connector, Predicate<JsonNode> done, Duration limit) throws Exception {
        return Eventually.poll(limit, Duration.ofMillis(250), () -> onlyOffset(connector), done);
    }

    /**
     * Waits until the connector and {@code tasks} tasks are all in {@code state} (RUNNING, STOPPED...); a FAILED
     * task ends the wait at once with its trace.
     */
    public JsonNode awaitState(String connector, String state, int tasks, Duration limit) throws Exception {
        JsonNode status = Eventually.poll(limit, Duration.ofMillis(250), () -> statusOrMissing(connector),
                s -> failed(s) || inState(s, state, tasks));
        if (!inState(status, state, tasks)) {
            throw new AssertionError("connector " + connector + " not " + state + " with " + tasks + " task(s) within "
                    + limit + ": " + status.toPrettyString());
        }
        return status;
    }

    /** Waits until the connector or one of its tasks has FAILED, and returns the failure's trace. */
    public String awaitFailure(String connector, Duration limit) throws Exception {
        JsonNode status = Eventually.poll(limit, Duration.ofMillis(250), () -> statusOrMissing(connector),
                ConnectRest::failed);
        if (!failed(status)) {
            throw new AssertionError("connector " + connector + " did not fail within " + limit + ": "
                    + status.toPrettyString());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return task.path("trace").asText();
            }
        }
        return status.path("connector").path("trace").asText();
    }

    /** The status, or an empty object while the worker has none (just after the connector was created). */
    public JsonNode statusOrMissing(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", "/connectors/" + connector + "/status", null);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private static boolean inState(JsonNode status, String state, int tasks) {
        if (!state.equals(status.path("connector").path("state").asText()) || status.path("tasks").size() != tasks) {
            return false;
        }
        for (JsonNode task : status.path("tasks")) {
            if (!state.equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean failed(JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            return true;
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the worker answers {@code GET /connectors} yet (before it has joined its group it says 404). */
    boolean answers() throws IOException, InterruptedException {
        return send("GET", "/connectors", null).statusCode() == 200;
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(CALL_LIMIT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, int... codes) throws IOException {
        for (int code : codes) {
            if (response.statusCode() == code) {
                String body = response.body();
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            }
        }
        throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }
}
