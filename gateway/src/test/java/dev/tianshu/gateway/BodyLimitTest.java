package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tianshu.common.api.ApiError;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/** The test profile limits bodies to 64 KiB, and the route /api/v0/training_data/upload to 256 KiB. */
@QuarkusTest
class BodyLimitTest {

    private static final int LIMIT = 64 * 1024;

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


    @ParameterizedTest
    @EnumSource(Families.class)
    void aContentLengthOverTheLimitIs413WithoutContactingTheUpstream(Families family) {
        String path = family.base + "/upload-" + UUID.randomUUID();
        family.assertEnvelope(family.given().contentType("application/octet-stream").body(new byte[LIMIT + 1])
                .post(path).then(), 413, ApiError.PAYLOAD_TOO_LARGE)
                .header("Connection", equalTo("close"));
        assertEquals(0, Upstreams.count(family.upstream, path));
    }

    @Test
    void aBodyAtTheLimitPasses() {
        given().header("Authorization", Families.KEY).contentType("application/octet-stream").body(new byte[LIMIT])
                .post("/api/v0/training_data/items")
                .then()
                .statusCode(200)
                .body("bodyLength", equalTo(LIMIT));
    }

    @Test
    void aRouteMayAcceptLargerBodies() {
        given().header("Authorization", Families.KEY).contentType("application/octet-stream")
                .body(new byte[200 * 1024])
                .post("/api/v0/training_data/upload/big-file")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("training-data"))
                .body("bodyLength", equalTo(200 * 1024));
        Families.V0.assertEnvelope(given().header("Authorization", Families.KEY)
                .contentType("application/octet-stream").body(new byte[256 * 1024 + 1])
                .post("/api/v0/training_data/upload/too-big").then(), 413, ApiError.PAYLOAD_TOO_LARGE);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsStreamedUpstream() throws Exception {
        HttpClientRequest request = open("/api/v0/training_data/chunked-ok");
        AtomicReference<JsonObject> echoed = new AtomicReference<>();
        request.response().compose(response -> response.body()).onSuccess(body -> echoed.set(body.toJsonObject()));
        for (int i = 0; i < 4; i++) {
            request.write(Buffer.buffer(new byte[8 * 1024]));
        }
        request.end();
        await().atMost(Duration.ofSeconds(10)).until(() -> echoed.get() != null);
        assertEquals(32 * 1024, echoed.get().getInteger("bodyLength"));
        assertEquals("chunked", echoed.get().getJsonObject("headers").getString("transfer-encoding"));
    }

    @ParameterizedTest
    @EnumSource(Families.class)
    void aChunkedBodyGrowingPastTheLimitIsCutAndAnswered413(Families family) {
        String path = family.base + "/chunked-" + UUID.randomUUID();
        HttpClientRequest request = open(path);
        if (family.isProtected()) {
            request.putHeader("Authorization", Families.KEY);
        }
        AtomicReference<Integer> status = new AtomicReference<>();
        AtomicReference<JsonObject> body = new AtomicReference<>();
        AtomicReference<String> connection = new AtomicReference<>();
        request.response().onSuccess(response -> {
            connection.set(response.getHeader("Connection"));
            response.body().onSuccess(b -> {
                body.set(b.toJsonObject());
                status.set(response.statusCode());
            });
        });
        // more than the limit, and the body never ends: the gateway must cut it by itself
        for (int i = 0; i < LIMIT / (8 * 1024) + 1; i++) {
            request.write(Buffer.buffer(new byte[8 * 1024]));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> status.get() != null);
        assertEquals(413, status.get());
        assertEquals("close", connection.get());
        JsonObject envelope = body.get();
        switch (family) {
            case V0 -> assertEquals(ApiError.PAYLOAD_TOO_LARGE.v0Type(),
                    envelope.getJsonObject("data").getString("error_type"));
            case DF -> assertEquals(413, envelope.getInteger("errCode"));
            case V2 -> assertEquals("413", envelope.getString("err_code"));
            case V1 -> assertEquals("PAYLOAD_TOO_LARGE", envelope.getString("error_code"));
        }
        assertEquals(0, Upstreams.count(family.upstream, path));
    }

    @Test
    void aSlowButSteadyUploadOutlivesTheResponseTimeout() {
        // 6 chunks 150 ms apart: 900 ms in all, more than the test profile's 400 ms response timeout, which counts
        // from the body's last progress
        HttpClientRequest request = open("/api/v0/training_data/slow-upload");
        AtomicReference<JsonObject> echoed = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>();
        request.response().onSuccess(response -> response.body().onSuccess(body -> {
            echoed.set(body.toJsonObject());
            status.set(response.statusCode());   // last: the test waits for it, then reads both
        }));
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        vertx.setPeriodic(150, id -> {
            request.write(Buffer.buffer(new byte[1024]));
            if (sent.incrementAndGet() == 6) {
                vertx.cancelTimer(id);
                request.end();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> status.get() != null);
        assertEquals(200, status.get());
        assertEquals(6 * 1024, echoed.get().getInteger("bodyLength"));
    }

    @Test
    void expect100ContinueIsAnsweredByTheGateway() {
        HttpClientRequest request = client.request(HttpMethod.POST, "/api/v0/training_data/expect")
                .toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        AtomicReference<JsonObject> echoed = new AtomicReference<>();
        request.putHeader("Authorization", Families.KEY)
                .putHeader("Expect", "100-continue")
                .putHeader("Content-Length", "2048")
                .continueHandler(v -> request.end(Buffer.buffer(new byte[2048])));
        request.response().compose(response -> response.body()).onSuccess(body -> echoed.set(body.toJsonObject()));
        request.sendHead();
        await().atMost(Duration.ofSeconds(10)).until(() -> echoed.get() != null);
        assertEquals(2048, echoed.get().getInteger("bodyLength"));
        assertEquals(null, echoed.get().getJsonObject("headers").getString("expect"));
    }

    @Test
    void expect100ContinueOverTheLimitIsRefusedBeforeTheBodyIsSent() {
        HttpClientRequest request = client.request(HttpMethod.POST, "/api/v0/training_data/expect-big")
                .toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        AtomicReference<Integer> status = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean continued = new java.util.concurrent.atomic.AtomicBoolean();
        request.putHeader("Authorization", Families.KEY)
                .putHeader("Expect", "100-continue")
                .putHeader("Content-Length", String.valueOf(LIMIT + 1))
                .continueHandler(v -> continued.set(true))
                .exceptionHandler(ignored -> {
                });
        request.response().onSuccess(response -> status.set(response.statusCode()));
        request.sendHead();
        await().atMost(Duration.ofSeconds(10)).until(() -> status.get() != null);
        assertEquals(413, status.get());
        assertEquals(false, continued.get());
    }

    private HttpClientRequest open(String path) {
        HttpClientRequest request = client.request(HttpMethod.POST, path)
                .toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        request.setChunked(true).putHeader("Content-Type", "application/octet-stream");
        // the gateway closes the connection after its 413 while this request is still open
        request.exceptionHandler(ignored -> {
        });
        if (path.startsWith("/api/v0")) {
            request.putHeader("Authorization", Families.KEY);
        }
        return request;
    }
}
