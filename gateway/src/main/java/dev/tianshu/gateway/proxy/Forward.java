package dev.tianshu.gateway.proxy;

import java.util.concurrent.TimeUnit;

import dev.tianshu.common.api.ApiError;
import dev.tianshu.gateway.route.Route;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * One proxied HTTP exchange, from the moment the proxy asks for the upstream request until the upstream's response
 * headers (or the gateway's own answer) are handed back to the proxy. Decides between the upstream's response and
 * the gateway's answers: 413 (body over the limit), 503 (upstream unreachable), 502 (upstream broke off before
 * answering) and 504 (no response headers in time). Lives on one event loop; no locking.
 */
final class Forward implements RequestBody.Listener {

    static final String KEY = "tianshu.forward";
    private static final Handler<Throwable> IGNORE = failure -> {
    };

    private final Route route;
    private final ProxyContext context;
    private final Vertx vertx;
    private final Promise<ProxyResponse> outcome = Promise.promise();
    private final long timeoutNanos;

    private RequestBody body;
    private HttpClientRequest upstreamRequest;
    private long timerId = -1;
    private boolean decided;
    private boolean answeredItself;
    private boolean closeConnection;

    Forward(Route route, ProxyContext context, Vertx vertx) {
        this.route = route;
        this.context = context;
        this.vertx = vertx;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(route.responseTimeoutMs());
    }

    /** Sends the request upstream; the future completes with what goes back to the client. */
    Future<ProxyResponse> start() {
        ProxyRequest request = context.request();
        Body original = request.getBody();
        if (original != null && hasBody(original.length(), request.proxiedRequest())) {
            body = new RequestBody(original.stream(), route.bodyLimit(), this);
            request.setBody(Body.body(body, original.length()));
        }
        timerId = vertx.setTimer(route.responseTimeoutMs(), this::onTimer);
        context.sendRequest().onComplete(this::onUpstream);
        return outcome.future();
    }

    private static boolean hasBody(long length, HttpServerRequest request) {
        return length > 0 || (length < 0 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING));
    }

    /** Called by the origin provider once a connection to the upstream is available. */
    void attached(HttpClientRequest request) {
        // failures surface through the response future; without a handler Vert.x would also log them as unhandled
        request.exceptionHandler(IGNORE);
        if (decided) {
            request.reset();
        } else {
            upstreamRequest = request;
        }
    }

    private void onUpstream(AsyncResult<ProxyResponse> result) {
        if (result.succeeded()) {
            cancelTimer();
            if (!decide(result.result())) {
                result.result().release();
            }
        } else if (!decided) {
            cancelTimer();
            if (upstreamRequest == null) {
                answer(503, ApiError.SERVICE_UNAVAILABLE, "上游服务不可用: " + route.upstream().name());
            } else {
                answer(502, ApiError.INTERNAL_ERROR, "上游服务连接中断: " + route.upstream().name());
            }
        }
    }

    private void onTimer(long id) {
        timerId = -1;
        if (decided) {
            return;
        }
        if (body != null) {
            // the timeout counts from the body's last progress: its end, or the last chunk of a running upload
            long idle = System.nanoTime() - body.lastActivity();
            if (idle < timeoutNanos) {
                timerId = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos - idle)), this::onTimer);
                return;
            }
        }
        // decide first: resetting the upstream request fails its response future at once
        answer(504, ApiError.GATEWAY_TIMEOUT,
                "上游服务响应超时 (" + route.responseTimeoutMs() + " ms): " + route.upstream().name());
        abortUpstream();
    }

    @Override
    public void bodyTooLarge(long limit) {
        if (decided) {
            // the upstream has answered already and its response may be on its way: nothing to say any more
            abortUpstream();
            body.discard();
            context.request().proxiedRequest().response().reset();
            return;
        }
        cancelTimer();
        answer(413, ApiError.PAYLOAD_TOO_LARGE, "请求体超过上限 (" + limit + " 字节)");
        abortUpstream();
    }

    private void answer(int status, ApiError error, String message) {
        if (body != null) {
            body.discard();
            closeConnection = !body.ended();
        }
        ProxyResponse response = context.request().response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Errors.JSON)
                .setBody(Body.body(Errors.envelope(route.family(), status, error, message)));
        if (closeConnection) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        if (!decided) {
            // set before deciding: completing the outcome sends the response synchronously
            answeredItself = true;
            decide(response);
        }
    }

    private boolean decide(ProxyResponse response) {
        if (decided) {
            return false;
        }
        decided = true;
        outcome.complete(response);
        return true;
    }

    private void abortUpstream() {
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }

    private void cancelTimer() {
        if (timerId != -1) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    /** Whether the response going out is the gateway's own answer rather than the upstream's. */
    boolean answeredItself() {
        return answeredItself;
    }

    /**
     * After the gateway's own answer went out while the client was still sending its body: close the connection
     * once the body is read (or after a grace period), so the client reads the answer instead of a reset.
     */
    void afterResponse() {
        if (!closeConnection) {
            return;
        }
        HttpConnection connection = context.request().proxiedRequest().connection();
        long timer = vertx.setTimer(GatewayRouter.DRAIN_GRACE_MS, id -> connection.close());
        body.whenEnded(v -> {
            vertx.cancelTimer(timer);
            connection.close();
        });
    }
}
