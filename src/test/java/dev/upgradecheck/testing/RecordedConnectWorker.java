package dev.upgradecheck.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a loopback port that answers as a Kafka Connect worker does, with the shapes its REST API
 * documents (status, config, offsets per KIP-875, the error body {"error_code", "message"}). It records every method
 * and path it was sent, and the Authorization headers, so tests can prove the client only ever sends GET.
 * Set answers per path; by default one RUNNING connector with one RUNNING task and no offsets.
 */
public final class RecordedConnectWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String requiredAuthorization;
    private volatile boolean forbidden;
    private volatile boolean silent;

    public RecordedConnectWorker() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "recorded-connect-worker");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        answer("/", 200, json(Map.of("version", "3.9.0", "commit", "a60e31147e6b01ee",
                "kafka_cluster_id", "I8Ue7WrhQJ2sGkkQbmc2Jw")));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** One connector as the worker reports it: status, configuration, and its committed offsets. */
    public RecordedConnectWorker connector(String name, String state, List<Map<String, Object>> tasks,
                                           Map<String, String> config, List<Map<String, Object>> offsets) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", name);
        status.put("connector", Map.of("state", state, "worker_id", "127.0.0.1:8083"));
        status.put("tasks", tasks);
        status.put("type", "source");
        answer("/connectors/" + name + "/status", 200, json(status));
        answer("/connectors/" + name + "/config", 200, json(config));
        answer("/connectors/" + name + "/offsets", 200, json(Map.of("offsets", offsets)));
        answer("/connectors", 200, json(List.of(name)));
        return this;
    }

    public static Map<String, Object> task(int id, String state) {
        return Map.of("id", id, "state", state, "worker_id", "127.0.0.1:8083");
    }

    public static Map<String, Object> failedTask(int id, String trace) {
        return Map.of("id", id, "state", "FAILED", "worker_id", "127.0.0.1:8083", "trace", trace);
    }

    /** One entry of {"offsets": [...]}: the source partition and the committed offset. */
    public static Map<String, Object> offset(Map<String, Object> partition, Map<String, Object> offset) {
        return Map.of("partition", partition, "offset", offset);
    }

    public RecordedConnectWorker answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body));
        return this;
    }

    /** Kafka Connect's error answer. */
    public RecordedConnectWorker error(String path, int status, String message) {
        return answer(path, status, json(Map.of("error_code", status, "message", message)));
    }

    /** Every request without exactly this Authorization header is answered 401. */
    public RecordedConnectWorker requireAuthorization(String header) {
        requiredAuthorization = header;
        return this;
    }

    /** Every request is answered 403, as a worker whose ACLs refuse the caller. */
    public RecordedConnectWorker forbidAll() {
        forbidden = true;
        return this;
    }

    /** Accepts every request and never answers. */
    public RecordedConnectWorker silent() {
        silent = true;
        return this;
    }

    /** "METHOD path" of every request, in order. */
    public List<String> requests() {
        return new ArrayList<>(requests);
    }

    public List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        if (silent) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        Answer answer;
        if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
            answer = new Answer(401, json(Map.of("error_code", 401, "message", "Unauthorized")));
        } else if (forbidden) {
            answer = new Answer(403, json(Map.of("error_code", 403, "message", "Forbidden")));
        } else if (!"GET".equals(exchange.getRequestMethod())) {
            answer = new Answer(405, json(Map.of("error_code", 405, "message", "HTTP 405 Method Not Allowed")));
        } else {
            answer = answers.getOrDefault(path, new Answer(404,
                    json(Map.of("error_code", 404, "message", "Connector " + path + " not found"))));
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
