package dev.tianshu.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * The upstream services of the tests: one plain Vert.x HTTP server per upstream, on a free port, plus a port with
 * nothing listening ({@code down}). Every server
 * <ul>
 * <li>echoes any request as JSON: {@code {upstream, method, path, query, uri, headers, body, bodyLength}};</li>
 * <li>never answers a path ending in {@code /slow};</li>
 * <li>answers a path ending in {@code /hop-by-hop} with connection-scoped headers (Connection, Keep-Alive and a
 * header the Connection header names) besides an end-to-end one;</li>
 * <li>streams Server-Sent Events for a path ending in {@code /sse?id=…&hold=…}: event 1 at once, event 2
 * {@code hold} ms after the test acknowledged event 1 ({@code POST /_control/sse-ack?id=…&n=1}), the end after the
 * test acknowledged event 2; each event carries the {@link System#nanoTime()} it was written at;</li>
 * <li>accepts WebSockets: greets with {@code {path, query, headers}}, then echoes text as {@code echo:<text>} (a
 * second later for text starting with {@code later:}) and binary messages as they are;</li>
 * <li>serves {@code /q/openapi} (a document titled after the upstream) and {@code /q/health/live};</li>
 * <li>counts the requests it received completely by path: {@code GET /_control/count?path=…}.</li>
 * </ul>
 * The tests reach the control endpoints directly, at the upstream's configured URL.
 */
public class UpstreamServers implements QuarkusTestResourceLifecycleManager {

    static final List<String> NAMES = List.of("pipeline", "training-data", "nl2sql", "chat", "workflow");

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String name : NAMES) {
            HttpServer server = new Upstream(name).start(vertx);
            config.put("tianshu.gateway.upstreams." + name, "http://127.0.0.1:" + server.actualPort());
        }
        config.put("tianshu.gateway.upstreams.down", "http://127.0.0.1:" + freePort());
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Upstream {

        private final String name;
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final Map<String, Promise<Void>> sseAcks = new ConcurrentHashMap<>();

        Upstream(String name) {
            this.name = name;
        }

        HttpServer start(Vertx vertx) {
            return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .webSocketHandler(socket -> webSocket(vertx, socket))
                    .requestHandler(request -> handle(vertx, request))
                    .listen()
                    .toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }

        private void handle(Vertx vertx, HttpServerRequest request) {
            String path = request.path();
            if (path.startsWith("/_control/")) {
                control(request);
            } else if (path.endsWith("/slow")) {
                request.pause();
                // never answers: the gateway's response timeout must
            } else if (path.endsWith("/sse")) {
                sse(vertx, request);
            } else if (path.equals("/q/openapi")) {
                request.response().putHeader("content-type", "application/json")
                        .end(new JsonObject().put("openapi", "3.0.3")
                                .put("info", new JsonObject().put("title", name).put("version", "test"))
                                .put("paths", new JsonObject()).encode());
            } else if (path.endsWith("/hop-by-hop")) {
                request.response().putHeader("Connection", "keep-alive, X-Hop")
                        .putHeader("Keep-Alive", "timeout=5")
                        .putHeader("X-Hop", "connection-scoped")
                        .putHeader("X-Kept", "end-to-end")
                        .putHeader("X-Request-Id", "upstream-made-this-up")
                        .end("{}");
            } else if (path.equals("/q/health/live")) {
                request.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
            } else {
                request.body().onSuccess(body -> {
                    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    request.response().putHeader("content-type", "application/json")
                            .end(describe(request, body).encode());
                });
            }
        }

        private JsonObject describe(HttpServerRequest request, Buffer body) {
            JsonObject headers = new JsonObject();
            request.headers().names().forEach(
                    header -> headers.put(header.toLowerCase(), String.join(", ", request.headers().getAll(header))));
            return new JsonObject()
                    .put("upstream", name)
                    .put("method", request.method().name())
                    .put("path", request.path())
                    .put("query", request.query())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bodyLength", body.length())
                    .put("body", body.length() <= 1024 ? body.toString() : null);
        }

        private void control(HttpServerRequest request) {
            HttpServerResponse response = request.response().putHeader("content-type", "application/json");
            switch (request.path()) {
                case "/_control/count" -> {
                    AtomicInteger count = counts.get(request.getParam("path"));
                    response.end(new JsonObject().put("count", count == null ? 0 : count.get()).encode());
                }
                case "/_control/sse-ack" -> {
                    Promise<Void> ack = sseAcks.remove(request.getParam("id") + "#" + request.getParam("n"));
                    if (ack == null) {
                        response.setStatusCode(404).end("{}");
                    } else {
                        ack.complete();
                        response.end("{}");
                    }
                }
                default -> response.setStatusCode(404).end("{}");
            }
        }

        private void sse(Vertx vertx, HttpServerRequest request) {
            String id = request.getParam("id");
            long hold = Long.parseLong(request.getParam("hold", "0"));
            HttpServerResponse response = request.response()
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream")
                    .putHeader("cache-control", "no-cache");
            Promise<Void> ack1 = Promise.promise();
            Promise<Void> ack2 = Promise.promise();
            sseAcks.put(id + "#1", ack1);
            sseAcks.put(id + "#2", ack2);
            writeEvent(response, 1);
            ack1.future()
                    .compose(v -> {
                        Promise<Void> held = Promise.promise();
                        vertx.setTimer(Math.max(1, hold), t -> held.complete());
                        return held.future();
                    })
                    .onSuccess(v -> writeEvent(response, 2))
                    .compose(v -> ack2.future())
                    .onSuccess(v -> response.end("event: done\ndata: {}\n\n"));
        }

        private static void writeEvent(HttpServerResponse response, int n) {
            response.write("id: " + n + "\nevent: tick\ndata: {\"n\":" + n + ",\"sentNanos\":" + System.nanoTime()
                    + "}\n\n");
        }

        private void webSocket(Vertx vertx, ServerWebSocket socket) {
            JsonObject headers = new JsonObject();
            socket.headers().names().forEach(header -> headers.put(header.toLowerCase(), socket.headers().get(header)));
            socket.writeTextMessage(new JsonObject().put("upstream", name).put("path", socket.path())
                    .put("query", socket.query()).put("headers", headers).encode());
            socket.textMessageHandler(text -> {
                if (text.startsWith("later:")) {
                    vertx.setTimer(1_000, id -> socket.writeTextMessage("echo:" + text));
                } else {
                    socket.writeTextMessage("echo:" + text);
                }
            });
            socket.binaryMessageHandler(socket::writeBinaryMessage);
        }
    }
}
