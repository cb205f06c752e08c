package dev.tianshu.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** Server-Sent Events and WebSockets through the gateway. */
@QuarkusTest
class StreamingTest {

    /** The gateway must pass each event on within this bound (the test profile's response timeout is 400 ms). */
    private static final long MAX_EVENT_LATENCY_MS = 100;
    /** How long the upstream keeps the stream quiet before event 2: beyond the response timeout. */
    private static final long HOLD_MS = 1_000;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL gateway;

    private HttpClient client;

    @BeforeEach
    void client() {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(gateway.getHost())
                .setDefaultPort(gateway.getPort()));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    record Event(String name, JsonObject data, long receivedNanos) {
    }

    @Test
    void serverSentEventsArriveOneByOneWhileTheStreamIsOpen() {
        String streamId = UUID.randomUUID().toString();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        AtomicBoolean ended = new AtomicBoolean();
        StringBuilder pending = new StringBuilder();

        // the handlers are set on the event loop as the response arrives, before any event can be missed
        HttpClientResponse response = join(client.request(new RequestOptions().setMethod(HttpMethod.GET)
                .setURI("/api/v2/chat/sse?id=" + streamId + "&hold=" + HOLD_MS)
                .putHeader("Authorization", Families.KEY)
                .putHeader("Accept", "text/event-stream")
                .putHeader("Accept-Encoding", "gzip, deflate"))
                .compose(request -> request.send())
                .map(arrived -> arrived.handler(chunk -> {
                    long now = System.nanoTime();
                    pending.append(chunk.toString());
                    int end;
                    while ((end = pending.indexOf("\n\n")) >= 0) {
                        String block = pending.substring(0, end);
                        pending.delete(0, end + 2);
                        String name = null;
                        String data = null;
                        for (String line : block.split("\n")) {
                            if (line.startsWith("event: ")) {
                                name = line.substring(7);
                            } else if (line.startsWith("data: ")) {
                                data = line.substring(6);
                            }
                        }
                        events.add(new Event(name, new JsonObject(data), now));
                    }
                }).endHandler(v -> ended.set(true))));
        assertEquals(200, response.statusCode());
        assertTrue(response.getHeader("Content-Type").startsWith("text/event-stream"));

        for (int n = 1; n <= 2; n++) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> !events.isEmpty());
            Event event = events.poll();
            assertEquals("tick", event.name());
            assertEquals(n, event.data().getInteger("n"));
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(event.receivedNanos() - event.data().getLong("sentNanos"));
            assertTrue(latencyMs <= MAX_EVENT_LATENCY_MS,
                    "event " + n + " took " + latencyMs + " ms through the gateway");
            assertFalse(ended.get(), "the stream must still be open after event " + n);
            Upstreams.ackSseEvent("chat", streamId, n);
        }
        await().atMost(Duration.ofSeconds(10)).untilTrue(ended);
        assertEquals("done", events.poll().name());
    }

    @Test
    void webSocketsAreProxiedBothWaysWithTheirQueryString() {
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        WebSocket socket = join(client.webSocket(new WebSocketConnectOptions()
                .setURI("/api/v1/ws/executions/exec-42?token=abc.def&x=1")
                .addHeader("Authorization", "Bearer jwt-for-workflow")
                .addHeader("X-Request-Id", "ws-request-1"))
                .map(connected -> {
                    connected.textMessageHandler(received::add);
                    connected.binaryMessageHandler(received::add);
                    return connected;
                }));

        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        JsonObject hello = new JsonObject((String) received.poll());
        assertEquals("workflow", hello.getString("upstream"));
        assertEquals("/api/v1/ws/executions/exec-42", hello.getString("path"));
        assertEquals("token=abc.def&x=1", hello.getString("query"));
        assertEquals("Bearer jwt-for-workflow", hello.getJsonObject("headers").getString("authorization"));
        assertEquals("ws-request-1", hello.getJsonObject("headers").getString("x-request-id"));

        socket.writeTextMessage("hello upstream");
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertEquals("echo:hello upstream", received.poll());

        socket.writeBinaryMessage(Buffer.buffer(new byte[] { 1, 2, 3 }));
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertEquals(Buffer.buffer(new byte[] { 1, 2, 3 }), received.poll());

        // the upstream answers this one after 1 s of silence, beyond the response timeout
        socket.writeTextMessage("later:still there");
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertEquals("echo:later:still there", received.poll());

        AtomicBoolean closed = new AtomicBoolean();
        socket.closeHandler(v -> closed.set(true));
        socket.close();
        await().atMost(Duration.ofSeconds(10)).untilTrue(closed);
    }

    @Test
    void aWebSocketToADownUpstreamIs503InTheEnvelope() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        client.webSocket(new WebSocketConnectOptions().setURI("/api/v1/down/ws/executions/1"))
                .onComplete(ar -> failure.set(ar.failed() ? ar.cause() : new AssertionError("connected")));
        await().atMost(Duration.ofSeconds(10)).until(() -> failure.get() != null);
        UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, failure.get());
        assertEquals(503, rejected.getStatus());
        JsonObject envelope = rejected.getBody().toJsonObject();
        assertEquals("SERVICE_UNAVAILABLE", envelope.getString("error_code"));
        assertEquals(503, envelope.getInteger("status_code"));
    }

    @Test
    void aWebSocketUnderAProtectedFamilyNeedsTheKey() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        client.webSocket(new WebSocketConnectOptions().setURI("/api/v2/ws/chat"))
                .onComplete(ar -> failure.set(ar.failed() ? ar.cause() : new AssertionError("connected")));
        await().atMost(Duration.ofSeconds(10)).until(() -> failure.get() != null);
        UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, failure.get());
        assertEquals(401, rejected.getStatus());
        assertEquals("401", rejected.getBody().toJsonObject().getString("err_code"));
    }
}
