package dev.tianshu.gateway.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.tianshu.gateway.config.GatewayConfig;
import dev.tianshu.gateway.proxy.Errors;
import dev.tianshu.gateway.proxy.UpstreamClients;
import dev.tianshu.gateway.route.RouteTable;
import dev.tianshu.gateway.route.Upstream;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /docs/openapi/{upstream}}: the upstream service's OpenAPI document ({@code /q/openapi?format=json}),
 * which the Swagger UI at /docs lists in its drop-down ({@code quarkus.swagger-ui.urls.*}). A service that cannot be
 * reached gives 503 with a plain JSON body; an unknown name gives 404.
 */
@ApplicationScoped
public class OpenApiDocs {

    static final String OPENAPI_URI = "/q/openapi?format=json";

    private final RouteTable routes;
    private final UpstreamClients clients;
    private final long timeoutMs;

    public OpenApiDocs(RouteTable routes, UpstreamClients clients, GatewayConfig config) {
        this.routes = routes;
        this.clients = clients;
        this.timeoutMs = config.docsTimeout().toMillis();
    }

    void init(@Observes Router router) {
        router.get("/docs/openapi/:service").order(-900).handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        String name = rc.pathParam("service");
        Upstream upstream = routes.upstreams().get(name);
        if (upstream == null) {
            fail(rc, 404, "not_found", name, "no such service; known: " + routes.upstreams().keySet());
            return;
        }
        clients.current().request(upstream.newRequest(HttpMethod.GET, OPENAPI_URI, timeoutMs))
                .compose(request -> request.putHeader(HttpHeaders.ACCEPT, "application/json").send())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(rc, 503, "service_unavailable", name,
                                "the service's OpenAPI document cannot be fetched: " + ar.cause().getMessage());
                        return;
                    }
                    HttpClientResponse response = ar.result();
                    if (response.statusCode() != 200) {
                        response.resume();
                        fail(rc, 503, "service_unavailable", name,
                                "the service answered " + response.statusCode() + " for its OpenAPI document");
                        return;
                    }
                    String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
                    rc.response().setStatusCode(200)
                            .putHeader(HttpHeaders.CONTENT_TYPE, type != null ? type : "application/json");
                    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null) {
                        rc.response().putHeader(HttpHeaders.CONTENT_LENGTH, length);
                    } else {
                        rc.response().setChunked(true);
                    }
                    response.pipeTo(rc.response());
                });
    }

    private static void fail(RoutingContext rc, int status, String error, String service, String message) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Errors.JSON)
                .end(new JsonObject().put("error", error).put("service", service).put("message", message).toBuffer());
    }
}
