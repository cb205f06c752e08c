package dev.tianshu.gateway.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import dev.tianshu.gateway.config.GatewayConfig;
import dev.tianshu.gateway.proxy.UpstreamClients;
import dev.tianshu.gateway.route.RouteTable;
import dev.tianshu.gateway.route.Upstream;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

/**
 * Informational: whether each upstream answers HTTP ({@code GET /q/health/live}), at
 * {@code /q/health/group/upstreams}. It is a health group of its own, deliberately not part of liveness or
 * readiness: the gateway serves (and answers 503 for a down service) whatever the state of the upstreams.
 */
@HealthGroup("upstreams")
@ApplicationScoped
public class UpstreamsHealthCheck implements AsyncHealthCheck {

    private final RouteTable routes;
    private final UpstreamClients clients;
    private final long timeoutMs;

    public UpstreamsHealthCheck(RouteTable routes, UpstreamClients clients, GatewayConfig config) {
        this.routes = routes;
        this.clients = clients;
        this.timeoutMs = config.healthTimeout().toMillis();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Future<String>> probes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Upstream> entry : routes.upstreams().entrySet()) {
            names.add(entry.getKey());
            probes.add(probe(entry.getValue()));
        }
        return Uni.createFrom().completionStage(Future.join(probes).toCompletionStage())
                .onFailure().recoverWithNull()
                .map(ignored -> {
                    HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
                    for (int i = 0; i < names.size(); i++) {
                        Future<String> probe = probes.get(i);
                        if (probe.succeeded()) {
                            builder.withData(names.get(i), probe.result());
                        } else {
                            builder.down().withData(names.get(i), "DOWN: " + probe.cause().getMessage());
                        }
                    }
                    return builder.build();
                });
    }

    private Future<String> probe(Upstream upstream) {
        return clients.current().request(upstream.newRequest(HttpMethod.GET, "/q/health/live", timeoutMs))
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(body -> describe(response)));
    }

    private static String describe(HttpClientResponse response) {
        return "reachable (HTTP " + response.statusCode() + ")";
    }
}
