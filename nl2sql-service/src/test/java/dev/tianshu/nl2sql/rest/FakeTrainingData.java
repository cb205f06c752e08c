package dev.tianshu.nl2sql.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * training-data-service's {@code POST /api/v0/training_data/search} for tests: answers each question with the pairs
 * given in {@link #ANSWERS} (none for any other), a status code in {@link #FAILURES}, or a body that is not JSON for
 * the questions in {@link #GARBAGE}; records every request body in {@link #REQUESTS}.
 */
public class FakeTrainingData implements QuarkusTestResourceLifecycleManager {

    /** A stored pair as the search returns it. */
    public record Pair(String question, String sql, double score) {
    }

    static final Map<String, List<Pair>> ANSWERS = new ConcurrentHashMap<>();
    static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();
    static final List<String> GARBAGE = new CopyOnWriteArrayList<>();
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v0/training_data/search", this::search);
        server.start();
        return Map.of("quarkus.rest-client.training-data.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void search(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            REQUESTS.add(request);
            String question = request.path("question").asText();
            if (FAILURES.containsKey(question)) {
                reply(exchange, FAILURES.get(question), "{\"code\":500,\"success\":false,\"message\":\"down\"}");
                return;
            }
            if (GARBAGE.contains(question)) {
                reply(exchange, 200, "<html>not the search</html>");
                return;
            }
            List<Map<String, Object>> results = ANSWERS.getOrDefault(question, List.of()).stream()
                    .map(p -> Map.<String, Object>of("id", Integer.toHexString(p.question().hashCode()) + "-sql",
                            "training_data_type", "sql", "question", p.question(), "content", p.sql(),
                            "score", p.score()))
                    .toList();
            Map<String, Object> data = Map.of("question", question, "top_k", request.path("top_k").asInt(),
                    "thresholds", Map.of("sql", 0.5), "total", results.size(), "results", results, "response", "");
            reply(exchange, 200, JSON.writeValueAsString(Map.of("code", 200, "success", true, "message", "操作成功",
                    "data", data)));
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
