package dev.tianshu.trainingdata.embedding;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} endpoint for tests. It refuses requests without the expected key
 * or model, records every input text, and answers with a deterministic 64-dimensional bag-of-characters vector, so
 * texts sharing characters are similar.
 */
public class OpenAiEmbeddingStub implements QuarkusTestResourceLifecycleManager {

    static final String KEY = "stub-key";
    static final String MODEL = "stub-embedding-1";
    static final int DIMENSION = 64;
    static final List<String> INPUTS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/embeddings", this::embeddings);
        server.start();
        return Map.of(
                "tianshu.training-data.embedding.provider", "openai",
                "quarkus.langchain4j.openai.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
                "quarkus.langchain4j.openai.api-key", KEY,
                "quarkus.langchain4j.openai.embedding-model.model-name", MODEL);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void embeddings(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error\":{\"message\":\"bad key\"}}");
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            if (!MODEL.equals(request.path("model").asText())) {
                respond(exchange, 400, "{\"error\":{\"message\":\"unknown model\"}}");
                return;
            }
            JsonNode input = request.path("input");
            ObjectNode response = JSON.createObjectNode().put("object", "list").put("model", MODEL);
            ArrayNode data = response.putArray("data");
            int index = 0;
            for (JsonNode text : input.isArray() ? input : JSON.createArrayNode().add(input)) {
                INPUTS.add(text.asText());
                ObjectNode item = data.addObject().put("object", "embedding").put("index", index++);
                ArrayNode vector = item.putArray("embedding");
                for (float value : vector(text.asText())) {
                    vector.add(value);
                }
            }
            response.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
            respond(exchange, 200, JSON.writeValueAsString(response));
        }
    }

    static float[] vector(String text) {
        float[] vector = new float[DIMENSION];
        text.codePoints().forEach(c -> vector[Math.floorMod(c * 31, DIMENSION)] += 1);
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] /= (float) Math.max(Math.sqrt(norm), 1e-9);
        }
        return vector;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
