package dev.tianshu.gateway.proxy;

import java.util.IdentityHashMap;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.tianshu.common.api.ApiError;
import dev.tianshu.common.api.ApiFamily;
import dev.tianshu.gateway.auth.ApiKeys;
import dev.tianshu.gateway.route.Route;
import dev.tianshu.gateway.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's entrance, first on Quarkus' router: gives every request its X-Request-Id and access-log line, and
 * sends the API families' requests (after the API key and the body limit) to their route's proxy. Everything else
 * (/q/health, /q/metrics, /docs) continues to the handlers registered after it.
 */
@Singleton
public class GatewayRouter {

    /** Before Quarkus' own handlers (body limit at -2, the application's routes at 0 and above). */
    public static final int ORDER = -1000;

    private static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized(RequestIds.HEADER);
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
    private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");
    private static final CharSequence WWW_AUTHENTICATE = HttpHeaders.createOptimized("WWW-Authenticate");
    private static final CharSequence BEARER = HttpHeaders.createOptimized("Bearer");

    /** How long an abandoned request body is read and dropped before the connection closes anyway. */
    static final long DRAIN_GRACE_MS = 2_000;

    private final RouteTable routes;
    private final ApiKeys apiKeys;
    private final Map<Route, RouteProxy> proxies = new IdentityHashMap<>();
    private RouteMetrics unrouted;

    public GatewayRouter(RouteTable routes, ApiKeys apiKeys) {
        this.routes = routes;
        this.apiKeys = apiKeys;
    }

    void init(@Observes Router router, Vertx vertx, UpstreamClients clients, MeterRegistry registry) {
        for (Route route : routes.routes()) {
            proxies.put(route, new RouteProxy(route, vertx, clients,
                    new RouteMetrics(registry, route.name(), route.upstream().name())));
        }
        unrouted = new RouteMetrics(registry, "-", "-");
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Exchange exchange = new Exchange(rc, request, RequestIds.accept(request.getHeader(X_REQUEST_ID)));
        request.headers().set(X_REQUEST_ID, exchange.requestId);
        rc.addHeadersEndHandler(exchange);
        String path = rc.normalizedPath();
        Route route = routes.match(path);
        ApiFamily family = route != null ? route.family() : ApiFamily.ofPath(path);
        if (family == null) {
            // /q/*, /docs: served by Quarkus, logged, not counted in the gateway's request metrics
            if (AccessLog.enabled()) {
                rc.addEndHandler(exchange::ended);
            }
            rc.next();
            return;
        }
        RouteProxy proxy = route != null ? proxies.get(route) : null;
        exchange.metrics = proxy != null ? proxy.metrics() : unrouted;
        rc.addEndHandler(exchange::ended);
        if (routes.isProtected(family) && !authorized(exchange, family)) {
            return;
        }
        if (route == null) {
            exchange.answer(family, 404, ApiError.NOT_FOUND, "资源不存在: " + request.path());
            return;
        }
        exchange.upstream = route.upstream().name();

        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                exchange.answerAndClose(family, 400, ApiError.BAD_REQUEST, "Content-Length 无效");
                return;
            }
            if (length > route.bodyLimit()) {
                exchange.answerAndClose(family, 413, ApiError.PAYLOAD_TOO_LARGE,
                        "请求体超过上限 (" + route.bodyLimit() + " 字节)");
                return;
            }
        }

        addForwardedHeaders(request);
        if (expectsContinue(request)) {
            // the gateway accepts the body itself; the upstream is not asked again
            request.headers().remove(HttpHeaders.EXPECT);
            rc.response().writeContinue();
        }
        if (HttpUtils.canUpgradeToWebSocket(request)) {
            upgrade(proxy, request, exchange, family);
        } else {
            proxy.forward(request);
        }
    }

    static boolean expectsContinue(HttpServerRequest request) {
        String expect = request.getHeader(HttpHeaders.EXPECT);
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /**
     * X-Forwarded-For gets the client's address appended; X-Forwarded-Proto and X-Forwarded-Host are set unless a
     * proxy in front of the gateway set them already.
     */
    private static void addForwardedHeaders(HttpServerRequest request) {
        MultiMap headers = request.headers();
        // the connection's address, cached by the connection (the request's own parses Forwarded headers each time)
        SocketAddress remote = request.connection().remoteAddress();
        if (remote != null && remote.hostAddress() != null) {
            String prior = headers.get(X_FORWARDED_FOR);
            headers.set(X_FORWARDED_FOR, prior == null ? remote.hostAddress() : prior + ", " + remote.hostAddress());
        }
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, request.connection().isSsl() ? HTTPS : HTTP);
        }
        if (!headers.contains(X_FORWARDED_HOST)) {
            String host = headers.get(HttpHeaders.HOST);
            if (host != null) {
                headers.set(X_FORWARDED_HOST, host);
            }
        }
    }

    private boolean authorized(Exchange exchange, ApiFamily family) {
        HttpServerResponse response = exchange.rc.response();
        switch (apiKeys.check(exchange.request.getHeader(HttpHeaders.AUTHORIZATION))) {
            case VALID:
                return true;
            case NONE_CONFIGURED:
                exchange.answer(family, 503, ApiError.SERVICE_UNAVAILABLE,
                        "网关未配置 API Key (TIANSHU_API_KEYS)，该接口暂不可用");
                return false;
            case MISSING:
                response.putHeader(WWW_AUTHENTICATE, BEARER);
                exchange.answer(family, 401, ApiError.UNAUTHORIZED,
                        "缺少 API Key: 请求头需携带 Authorization: Bearer <key>");
                return false;
            default:
                response.putHeader(WWW_AUTHENTICATE, BEARER);
                exchange.answer(family, 401, ApiError.UNAUTHORIZED, "API Key 无效");
                return false;
        }
    }

    private static void upgrade(RouteProxy proxy, HttpServerRequest request, Exchange exchange, ApiFamily family) {
        request.pause();
        proxy.openUpstreamRequest().onComplete(ar -> {
            if (ar.succeeded()) {
                proxy.upgrade(request, ar.result());
            } else {
                request.resume();
                exchange.answer(family, 503, ApiError.SERVICE_UNAVAILABLE,
                        "上游服务不可用: " + proxy.route().upstream().name());
            }
        });
    }

    /** Per-request state of the entrance: request id, start time, access-log line. */
    static final class Exchange implements Handler<Void> {

        final RoutingContext rc;
        final HttpServerRequest request;
        final String requestId;
        final long start = System.nanoTime();
        String upstream;
        RouteMetrics metrics;

        Exchange(RoutingContext rc, HttpServerRequest request, String requestId) {
            this.rc = rc;
            this.request = request;
            this.requestId = requestId;
        }

        /** Response headers are about to be written: the request id goes on every response. */
        @Override
        public void handle(Void v) {
            rc.response().headers().set(X_REQUEST_ID, requestId);
        }

        /** The response has been sent (or the connection closed): metrics and access log. */
        void ended(AsyncResult<Void> result) {
            long elapsed = System.nanoTime() - start;
            int status = rc.response().getStatusCode();
            if (metrics != null) {
                metrics.record(status, elapsed);
            }
            if (AccessLog.enabled()) {
                AccessLog.log(request.method().name(), request.path(), status, elapsed, requestId, upstream);
            }
        }

        /**
         * Answers a request the gateway does not forward. A client that announced {@code Expect: 100-continue}
         * will not send its body after a final answer, so its connection cannot serve another request: it is
         * closed.
         */
        void answer(ApiFamily family, int status, ApiError error, String message) {
            if (expectsContinue(request)) {
                answerAndClose(family, status, error, message);
            } else {
                send(status, Errors.envelope(family, status, error, message));
            }
        }

        private Future<Void> send(int status, Buffer body) {
            HttpServerResponse response = rc.response();
            if (response.headWritten() || response.closed()) {
                return Future.succeededFuture();
            }
            return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Errors.JSON).end(body);
        }

        /**
         * Answers without reading the request body, then closes the connection: at once when there is no body to
         * wait for, otherwise once the body has been read and dropped (or after a grace period), so that the client
         * reads the answer rather than a reset.
         */
        void answerAndClose(ApiFamily family, int status, ApiError error, String message) {
            HttpServerResponse response = rc.response();
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            HttpConnection connection = request.connection();
            Future<Void> sent = send(status, Errors.envelope(family, status, error, message));
            if (request.isEnded() || expectsContinue(request)) {
                sent.onComplete(ar -> connection.close());
                return;
            }
            Vertx vertx = rc.vertx();
            long timer = vertx.setTimer(DRAIN_GRACE_MS, id -> connection.close());
            request.handler(null);
            request.endHandler(v -> {
                vertx.cancelTimer(timer);
                connection.close();
            });
            request.resume();
        }
    }
}
