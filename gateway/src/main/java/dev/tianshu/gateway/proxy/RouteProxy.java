package dev.tianshu.gateway.proxy;

import dev.tianshu.gateway.route.Route;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The vertx-http-proxy reverse proxy of one route: path and query go upstream unchanged, end-to-end headers are
 * forwarded and hop-by-hop headers dropped by the library; the interceptor adds the response timeout, the streaming
 * body limit and the family's error envelopes.
 * <p>
 * WebSocket upgrades are tunnelled by the library too, but it runs no interceptor for them and answers a bare 502
 * when the upstream cannot be reached. So the gateway first obtains the upstream connection itself ({@link
 * #upgrade}), answers 503 in the envelope if that fails, and otherwise hands the ready request to the library through
 * {@link #pendingUpgrade}, which the origin provider picks up synchronously within {@link HttpProxy#handle}.
 */
final class RouteProxy implements ProxyInterceptor {

    /** The upstream request prepared for the WebSocket upgrade being handed to the proxy on this thread. */
    private static final FastThreadLocal<HttpClientRequest> pendingUpgrade = new FastThreadLocal<>();
    private static final CharSequence PROXY_CONNECTION = HttpHeaders.createOptimized("proxy-connection");
    private static final CharSequence TRAILER = HttpHeaders.createOptimized("trailer");
    private static final CharSequence TE = HttpHeaders.createOptimized("te");

    private final Route route;
    private final Vertx vertx;
    private final UpstreamClients clients;
    private final HttpProxy proxy;
    private final RouteMetrics metrics;

    RouteProxy(Route route, Vertx vertx, UpstreamClients clients, RouteMetrics metrics) {
        this.route = route;
        this.vertx = vertx;
        this.clients = clients;
        this.metrics = metrics;
        // the client passed here is only what ProxyContext.client() returns; the origin provider picks the client of
        // the current event loop instead
        this.proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), clients.current())
                .origin(this::connect)
                .addInterceptor(this);
    }

    /** Forwards a plain HTTP request (SSE included). */
    void forward(HttpServerRequest request) {
        proxy.handle(request);
    }

    /** Forwards a WebSocket upgrade over a connection obtained beforehand. */
    void upgrade(HttpServerRequest request, HttpClientRequest upstreamRequest) {
        pendingUpgrade.set(upstreamRequest);
        try {
            proxy.handle(request);
        } finally {
            pendingUpgrade.remove();
        }
    }

    /** Obtains a request on a pooled connection to this route's upstream. */
    Future<HttpClientRequest> openUpstreamRequest() {
        return clients.current().request(route.upstream().requestOptions());
    }

    Route route() {
        return route;
    }

    RouteMetrics metrics() {
        return metrics;
    }

    private Future<HttpClientRequest> connect(ProxyContext context) {
        HttpClientRequest prepared = pendingUpgrade.get();
        if (prepared != null) {
            pendingUpgrade.remove();
            return Future.succeededFuture(prepared);
        }
        Future<HttpClientRequest> request = openUpstreamRequest();
        Forward forward = context.get(Forward.KEY, Forward.class);
        if (forward != null) {
            request.onSuccess(forward::attached);
        }
        return request;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        Forward forward = new Forward(route, context, vertx);
        context.set(Forward.KEY, forward);
        return forward.start();
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        Forward forward = context.get(Forward.KEY, Forward.class);
        if (forward == null || !forward.answeredItself()) {
            stripHopByHopHeaders(context.response().headers());
        }
        Future<Void> sent = context.sendResponse();
        if (forward != null && forward.answeredItself()) {
            sent.onComplete(ar -> forward.afterResponse());
        }
        return sent;
    }

    /**
     * The library forwards every upstream response header but Transfer-Encoding; the other hop-by-hop headers
     * (and those the upstream's Connection header names) describe the upstream connection, not the client's. Date
     * goes too, as nginx does: the library stamps the gateway's own (instead of parsing and re-formatting the
     * upstream's on every response).
     */
    static void stripHopByHopHeaders(MultiMap headers) {
        String connection = headers.get(HttpHeaders.CONNECTION);
        if (connection != null) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")) {
                    headers.remove(name);
                }
            }
            headers.remove(HttpHeaders.CONNECTION);
        }
        headers.remove(HttpHeaders.KEEP_ALIVE)
                .remove(PROXY_CONNECTION)
                .remove(HttpHeaders.PROXY_AUTHENTICATE)
                .remove(TE)
                .remove(TRAILER)
                .remove(HttpHeaders.UPGRADE)
                .remove(HttpHeaders.DATE);
    }
}
