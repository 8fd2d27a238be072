package dev.upgradecheck.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ConnectionFailedException;
import dev.upgradecheck.InspectionFailedException;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.value.HumanDuration;
import dev.upgradecheck.value.UserText;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads one connector from Kafka Connect's REST API: its status, configuration and committed offsets, and the
 * worker's version. It can only send GET: the one method that builds a request ({@link #get}) has no way to choose
 * another, so the tool never changes a connector. Every request is bounded by the connect and read timeouts.
 */
public final class ConnectClient {

    /** Far above any real connector's answer (a status with long traces, thousands of offsets). */
    static final long MAX_ANSWER_BYTES = 16L * 1024 * 1024;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ConnectEndpoint endpoint;
    private final Consumer<Secret> secretSink;
    private final HttpClient http;

    /**
     * @param secretSink receives every secret found in a connector's configuration, so the caller can mask it in
     *                   everything it prints
     */
    public ConnectClient(ConnectEndpoint endpoint, Consumer<Secret> secretSink) {
        this.endpoint = endpoint;
        this.secretSink = secretSink;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(TrustedCertificates.context(endpoint.ca()))
                .build();
    }

    /** Status, configuration (secrets removed), committed offsets and the worker's version. */
    public PipelineReading read(String connector) {
        JsonNode status = json(connectorAnswer(connector, "status"));
        ConnectorConfig config = ConnectorConfig.of(textFields(json(connectorAnswer(connector, "config"))));
        config.secrets().forEach(secretSink);
        List<TaskStatus> tasks = tasks(status);
        Offsets offsets = offsets(connector);
        PipelineView view = new PipelineView(connector, config.safe().get("connector.class"),
                status.path("connector").path("state").asText(null),
                tasks.stream().map(TaskStatus::state).toList(), config.safe(), offsets.list(), offsets.unavailable(),
                Instant.now());
        return new PipelineReading(view, workerVersion(), tasks, offsets.endpointMissing());
    }

    /** The same view with its offsets read again: one GET, for drain's polling. */
    public PipelineView refreshOffsets(PipelineView view) {
        Offsets offsets = offsets(view.connector());
        return new PipelineView(view.connector(), view.connectorClass(), view.state(), view.taskStates(),
                view.config(), offsets.list(), offsets.unavailable(), Instant.now());
    }

    private record Answer(String path, int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private record Offsets(List<ConnectorOffset> list, String unavailable, boolean endpointMissing) {
    }

    /** A connector's resource; a connector the worker does not know is bad input naming the ones it has. */
    private Answer connectorAnswer(String connector, String resource) {
        Answer answer = get("/connectors/" + segment(connector) + "/" + resource);
        if (answer.status() == 404) {
            throw new BadInputException("connector '" + UserText.shown(connector, 100) + "' not found on Kafka Connect"
                    + " at " + endpoint.shown() + existingConnectors());
        }
        return answer;
    }

    private String existingConnectors() {
        Answer answer = get("/connectors");
        JsonNode names = answer.ok() ? json(answer) : null;
        if (names == null || !names.isArray()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        names.forEach(n -> shown.add(UserText.shown(n.asText(), 100)));
        return shown.isEmpty() ? "; it has no connectors" : "; it has: " + String.join(", ", shown);
    }

    /** KIP-875's endpoint: a worker older than Kafka 3.5 answers 404 or 405, which only makes the offsets unknown. */
    private Offsets offsets(String connector) {
        Answer answer = get("/connectors/" + segment(connector) + "/offsets");
        if (answer.status() == 404 || answer.status() == 405) {
            return new Offsets(List.of(), "the worker has no offsets endpoint (GET /connectors/{name}/offsets needs "
                    + "Kafka Connect 3.5 or later, KIP-875): only status and configuration were read", true);
        }
        if (!answer.ok() && answer.status() != 401 && answer.status() != 403) {
            return new Offsets(List.of(), "GET " + answer.path() + " answered HTTP " + answer.status()
                    + message(answer), false);
        }
        JsonNode entries = json(answer).path("offsets");
        if (!entries.isArray()) {
            throw malformed(answer, "no \"offsets\" array");
        }
        List<ConnectorOffset> list = new ArrayList<>();
        for (JsonNode entry : entries) {
            list.add(new ConnectorOffset(object(answer, entry.path("partition")), object(answer, entry.path("offset"))));
        }
        return new Offsets(list, null, false);
    }

    private String workerVersion() {
        Answer answer = get("/");
        return answer.ok() ? json(answer).path("version").asText(null) : null;
    }

    private static List<TaskStatus> tasks(JsonNode status) {
        List<TaskStatus> tasks = new ArrayList<>();
        status.path("tasks").forEach(t -> tasks.add(new TaskStatus(t.path("id").asInt(), t.path("state").asText(null),
                t.path("trace").asText(null))));
        tasks.sort(Comparator.comparingInt(TaskStatus::id));
        return tasks;
    }

    private static Map<String, String> textFields(JsonNode config) {
        Map<String, String> fields = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return fields;
    }

    private Map<String, Object> object(Answer answer, JsonNode node) {
        if (!node.isObject()) {
            throw malformed(answer, "an offset entry without its partition or offset object");
        }
        return Json.mapper().convertValue(node, OBJECT);
    }

    /** A 2xx answer's JSON; anything else becomes the one-line error the user can act on. */
    private JsonNode json(Answer answer) {
        if (answer.status() == 401) {
            throw new ConnectionFailedException(endpoint.auth().isNone()
                    ? where() + " requires authentication (HTTP 401 on GET " + answer.path() + "): give --connect-user "
                    + "with --connect-password-env or --connect-password-file, or --connect-token-env or "
                    + "--connect-token-file"
                    : where() + " rejected the credentials from " + endpoint.auth().source() + " (HTTP 401)", null);
        }
        if (answer.status() == 403) {
            throw new ConnectionFailedException(where() + " refused GET " + answer.path() + " (HTTP 403) to "
                    + (endpoint.auth().isNone() ? "a request without credentials" : "the credentials from "
                    + endpoint.auth().source()) + ": they need read access to the connector", null);
        }
        if (!answer.ok()) {
            throw new InspectionFailedException(where() + " answered HTTP " + answer.status() + " to GET "
                    + answer.path() + message(answer), null);
        }
        try {
            JsonNode node = Json.mapper().readTree(answer.body());
            if (node == null || node.isMissingNode()) {
                throw malformed(answer, "an empty answer");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(answer, UserText.firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw malformed(answer, e.getClass().getSimpleName());
        }
    }

    private BadInputException malformed(Answer answer, String what) {
        return new BadInputException(where() + " answered GET " + answer.path() + " with malformed JSON (" + what
                + "): is --connect-url the Kafka Connect REST API?");
    }

    /** Kafka Connect's error answers carry {"error_code": ..., "message": ...}. */
    private static String message(Answer answer) {
        try {
            JsonNode node = Json.mapper().readTree(answer.body());
            String text = node == null ? null : node.path("message").asText(null);
            return text == null ? "" : ": " + UserText.firstLine(text);
        } catch (IOException e) {
            return "";
        }
    }

    /** The only request this class can make: a GET, bounded by the connect and read timeouts. */
    private Answer get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + path))
                .GET()
                .timeout(endpoint.readTimeout())
                .header("Accept", "application/json");
        endpoint.auth().header().ifPresent(value -> request.header("Authorization", value));
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request.build(), BoundedBody.handler(MAX_ANSWER_BYTES));
        // request.timeout() stops at the headers: the whole exchange, body included, is bounded here
        Duration bound = endpoint.connectTimeout().plus(endpoint.readTimeout());
        try {
            HttpResponse<byte[]> response = pending.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(path, response.statusCode(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw unreachable("did not answer GET " + path + " within " + HumanDuration.of(bound), e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting for GET " + path, e);
        } catch (ExecutionException e) {
            throw failure(path, e.getCause());
        }
    }

    private RuntimeException failure(String path, Throwable cause) {
        if (cause instanceof BoundedBody.TooLargeException tooLarge) {
            return new BadInputException(where() + " answered GET " + path + " with more than " + MAX_ANSWER_BYTES
                    + " bytes: is --connect-url the Kafka Connect REST API?", tooLarge);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return unreachable("did not accept a connection within " + HumanDuration.of(endpoint.connectTimeout()), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return unreachable("did not answer GET " + path + " within " + HumanDuration.of(endpoint.readTimeout()), cause);
        }
        if (cause instanceof ConnectException) {
            return unreachable("refused the connection", cause);
        }
        if (cause instanceof SSLException) {
            return unreachable("failed the TLS handshake (" + UserText.firstLine(cause.getMessage()) + "): if its "
                    + "certificate comes from a private CA, give --connect-ca FILE", cause);
        }
        return unreachable("cannot be reached: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + UserText.firstLine(cause.getMessage())), cause);
    }

    private ConnectionFailedException unreachable(String what, Throwable cause) {
        return new ConnectionFailedException(where() + " " + what, cause);
    }

    private String where() {
        return "Kafka Connect at " + endpoint.shown();
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
