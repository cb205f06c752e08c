package dev.tianshu.common.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat-completions server for tests and benchmarks: a real HTTP server on the loopback
 * interface that answers {@code POST /v1/chat/completions} and {@code GET /v1/models}.
 *
 * <ul>
 *     <li>It refuses a request without {@code Authorization: Bearer <key>} (401) or for another model (404), with
 *     OpenAI's error bodies.</li>
 *     <li>It records every chat request it receives ({@link #calls()}: authorization, model, system and user
 *     text).</li>
 *     <li>It answers through rules the test registers — "when the prompt contains X, answer Y", the first matching
 *     rule wins — and, when none matches, with the {@link #withFallback fallback} if one is set (e.g. a service's
 *     answers to all of its prompts), else with a 500 error naming the unmatched prompt.</li>
 *     <li>Every answer can be delayed ({@link #delay}); the next N calls can be made to fail with 500
 *     ({@link #failNext}).</li>
 *     <li>Requests are served concurrently (one thread each) and all state is thread-safe.</li>
 * </ul>
 *
 * <p><b>As a stand-alone server</b> (benchmarks, running a whole service against it): {@link #serve} with the
 * service's fallback answers, e.g. pipeline-service's {@code OpenAiChatStubDefaultAnswers}, whose {@code main}
 * does this:
 * <pre>
 * ./mvnw -q -o -pl pipeline-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp pipeline-service/target/test-classes:$(cat pipeline-service/target/cp.txt) \
 *     dev.tianshu.pipeline.testing.OpenAiChatStubDefaultAnswers --port 18090 --delay-ms 1000 --key stub-key \
 *     --model stub-chat-1
 * </pre>
 * then start the service with TIANSHU_LLM_BASE_URL=http://127.0.0.1:18090/v1/, TIANSHU_LLM_API_KEY=stub-key,
 * TIANSHU_LLM_MODEL=stub-chat-1. All arguments are optional (port 0 picks a free port; the URL is printed).
 */
public final class OpenAiChatStub implements AutoCloseable {

    public static final String DEFAULT_KEY = "stub-key";
    public static final String DEFAULT_MODEL = "stub-chat-1";

    /** One chat request as received. {@code authorization} is the raw header (null when absent). */
    public record ChatCall(String authorization, String model, String system, String user) {

        /** System and user text together, what rules match against. */
        public String prompt() {
            return system + "\n" + user;
        }
    }

    /** How a rule answers a call: the assistant message's content. */
    @FunctionalInterface
    public interface Answer {
        String answer(ChatCall call) throws Exception;
    }

    private record Rule(Predicate<ChatCall> when, Answer answer, Duration delay) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String key;
    private final String model;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<ChatCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Duration delay = Duration.ZERO;
    private volatile Answer fallback;

    private OpenAiChatStub(int port, String key, String model) throws IOException {
        this.key = key;
        this.model = model;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-chat-stub-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/v1/chat/completions", this::chatCompletions);
        server.createContext("/v1/models", this::models);
        server.createContext("/stub/calls", this::callCounts);
        server.setExecutor(executor);
        server.start();
    }

    /** A stub on a free loopback port with the default key and model. */
    public static OpenAiChatStub start() {
        return start(0, DEFAULT_KEY, DEFAULT_MODEL);
    }

    /** A stub on {@code port} (0: any free port) that accepts only {@code key} and {@code model}. */
    public static OpenAiChatStub start(int port, String key, String model) {
        try {
            return new OpenAiChatStub(port, key, model);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the OpenAI chat stub", e);
        }
    }

    public String key() {
        return key;
    }

    public String model() {
        return model;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL clients are configured with, {@code http://127.0.0.1:<port>/v1/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1/";
    }

    /** When the prompt (system or user text) contains {@code text}, answer {@code content}. */
    public OpenAiChatStub when(String text, String content) {
        return when(call -> call.prompt().contains(text), call -> content, Duration.ZERO);
    }

    /** When the prompt contains {@code text}, answer what {@code answer} makes of the call. */
    public OpenAiChatStub when(String text, Answer answer) {
        return when(call -> call.prompt().contains(text), answer, Duration.ZERO);
    }

    /** When {@code when} holds, wait {@code delay} and answer what {@code answer} makes of the call. */
    public OpenAiChatStub when(Predicate<ChatCall> when, Answer answer, Duration delay) {
        rules.add(new Rule(when, answer, delay));
        return this;
    }

    /**
     * Answers calls no rule matches with {@code fallback} (null: with a 500 error again); an exception it throws is
     * answered with a 500 error.
     */
    public OpenAiChatStub withFallback(Answer fallback) {
        this.fallback = fallback;
        return this;
    }

    /** Waits this long before every answer (on top of a rule's own delay). */
    public OpenAiChatStub delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The next {@code n} chat calls fail with 500 (they are recorded all the same). */
    public OpenAiChatStub failNext(int n) {
        failures.set(n);
        return this;
    }

    /** Every chat request received so far, in arrival order. */
    public List<ChatCall> calls() {
        return List.copyOf(calls);
    }

    /** The chat requests whose prompt contains {@code text}. */
    public List<ChatCall> calls(String text) {
        return calls.stream().filter(c -> c.prompt().contains(text)).toList();
    }

    /** Forgets rules, calls, delay, pending failures and the fallback. */
    public void reset() {
        rules.clear();
        calls.clear();
        failures.set(0);
        delay = Duration.ZERO;
        fallback = null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        closed.countDown();
    }

    /** GET /stub/calls: how many calls each kind of prompt (the system prompt's first line) received; for benchmarks. */
    private void callCounts(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            for (ChatCall call : calls()) {
                String system = call.system() == null ? "" : call.system().strip();
                counts.merge(system.lines().findFirst().orElse(""), 1, Integer::sum);
            }
            byte[] body = JSON.writeValueAsBytes(counts);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void chatCompletions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "Method not allowed", "invalid_request_error", null);
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                error(exchange, 400, "We could not parse the JSON body of your request.", "invalid_request_error",
                        null);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String requested = request.path("model").asText(null);
            ChatCall call = new ChatCall(authorization, requested, text(request, "system"), text(request, "user"));
            calls.add(call);
            if (!("Bearer " + key).equals(authorization)) {
                error(exchange, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
                return;
            }
            if (!model.equals(requested)) {
                error(exchange, 404, "The model `" + requested + "` does not exist or you do not have access to it.",
                        "invalid_request_error", "model_not_found");
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 500, "The server had an error while processing your request.", "server_error", null);
                return;
            }
            Rule rule = rules.stream().filter(r -> r.when().test(call)).findFirst().orElse(null);
            Answer otherwise = fallback;
            String content;
            try {
                if (rule != null) {
                    pause(rule.delay().plus(delay));
                    content = rule.answer().answer(call);
                } else if (otherwise != null) {
                    pause(delay);
                    content = otherwise.answer(call);
                } else {
                    error(exchange, 500, "OpenAiChatStub: no rule matches the prompt: "
                            + excerpt(call.prompt()), "server_error", null);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                error(exchange, 500, "OpenAiChatStub: the answer failed: " + e, "server_error", null);
                return;
            }
            respond(exchange, 200, completion(call, content));
        }
    }

    private String completion(ChatCall call, String content) throws IOException {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-stub-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        int prompt = Math.max(1, call.prompt().length() / 2);
        int completion = Math.max(1, content.length() / 2);
        body.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return JSON.writeValueAsString(body);
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
                return;
            }
            ObjectNode body = JSON.createObjectNode().put("object", "list");
            body.putArray("data").addObject().put("id", model).put("object", "model").put("created", 1700000000L)
                    .put("owned_by", "tianshu-stub");
            respond(exchange, 200, JSON.writeValueAsString(body));
        }
    }

    /** The text of the request's messages of one role, joined (content may be a string or a list of parts). */
    private static String text(JsonNode request, String role) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            if (!role.equals(message.path("role").asText())) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                texts.add(content.asText());
            } else {
                for (JsonNode part : content) {
                    if (part.path("text").isTextual()) {
                        texts.add(part.path("text").asText());
                    }
                }
            }
        }
        return String.join("\n", texts);
    }

    private static void pause(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        }
    }

    private static void error(HttpExchange exchange, int status, String message, String type, String code)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        respond(exchange, status, JSON.writeValueAsString(body));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String excerpt(String text) {
        String t = text.replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }

    /**
     * Runs the stub until the process is stopped, with no fallback (only a 500 error for every prompt): see
     * {@link #serve}.
     */
    public static void main(String[] args) throws InterruptedException {
        serve(args, null);
    }

    /**
     * Runs a stub until the process is stopped, answering every prompt with {@code fallback}. Arguments:
     * {@code --port N} (default 0, any free port), {@code --delay-ms N} (default 0), {@code --key K},
     * {@code --model M}.
     */
    public static void serve(String[] args, Answer fallback) throws InterruptedException {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        OpenAiChatStub stub = start(Integer.parseInt(options.getOrDefault("port", "0")),
                options.getOrDefault("key", DEFAULT_KEY), options.getOrDefault("model", DEFAULT_MODEL))
                .withFallback(fallback)
                .delay(Duration.ofMillis(Long.parseLong(options.getOrDefault("delay-ms", "0"))));
        Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
        System.out.println("OpenAiChatStub listening: TIANSHU_LLM_BASE_URL=" + stub.baseUrl()
                + " TIANSHU_LLM_API_KEY=" + stub.key() + " TIANSHU_LLM_MODEL=" + stub.model()
                + " (delay " + stub.delay.toMillis() + " ms)");
        stub.closed.await();
    }
}
