package dev.tianshu.gateway.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.tianshu.common.api.ApiFamily;
import dev.tianshu.gateway.config.GatewayConfig;

/**
 * The upstreams and routes of the configuration, checked at start (a route naming an unknown upstream, a prefix outside
 * the API families or a malformed upstream URL stop the gateway with a message naming the key).
 */
@Singleton
public class RouteTable {

    private static final Logger LOG = Logger.getLogger(RouteTable.class);

    private final Map<String, Upstream> upstreams;
    /** Longest prefix first, so that a more specific route (an upload endpoint) wins. */
    private final Route[] routes;
    private final Set<ApiFamily> protectedFamilies;

    public RouteTable(GatewayConfig config) {
        long connectTimeoutMs = config.client().connectTimeout().toMillis();
        Map<String, Upstream> parsed = new LinkedHashMap<>();
        config.upstreams().forEach((name, url) -> parsed.put(name, Upstream.parse(name, url, connectTimeoutMs)));
        this.upstreams = Map.copyOf(parsed);

        List<Route> list = new ArrayList<>();
        config.routes().forEach((name, route) -> list.add(toRoute(name, route, config)));
        list.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed().thenComparing(Route::name));
        this.routes = list.toArray(Route[]::new);
        this.protectedFamilies = config.protectedFamilies().isEmpty() ? EnumSet.noneOf(ApiFamily.class)
                : EnumSet.copyOf(config.protectedFamilies());

        for (Route route : routes) {
            LOG.infof("route %s/** -> %s (body limit %d bytes, response timeout %d ms%s)", route.prefix(),
                    route.upstream(), route.bodyLimit(), route.responseTimeoutMs(),
                    protectedFamilies.contains(route.family()) ? ", API key required" : "");
        }
    }

    private Route toRoute(String name, GatewayConfig.RouteConfig route, GatewayConfig config) {
        String prefix = route.prefix().trim();
        while (prefix.length() > 1 && prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException(
                    "tianshu.gateway.routes." + name + ".prefix=" + route.prefix() + " must start with /");
        }
        ApiFamily family = ApiFamily.ofPath(prefix + "/");
        if (family == null) {
            throw new IllegalArgumentException("tianshu.gateway.routes." + name + ".prefix=" + route.prefix()
                    + " is outside the API families (/api/v0, /df/rest, /api/v2, /api/v1)");
        }
        Upstream upstream = upstreams.get(route.upstream());
        if (upstream == null) {
            throw new IllegalArgumentException("tianshu.gateway.routes." + name + ".upstream=" + route.upstream()
                    + " names no upstream; known: " + upstreams.keySet());
        }
        long bodyLimit = route.bodyLimit().orElse(config.bodyLimit()).asLongValue();
        long timeoutMs = route.responseTimeout().orElse(config.responseTimeout()).toMillis();
        return new Route(name, prefix, family, upstream, bodyLimit, timeoutMs);
    }

    /** The route serving {@code path} (normalized, without query), or {@code null}. */
    public Route match(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    public List<Route> routes() {
        return List.of(routes);
    }

    public Map<String, Upstream> upstreams() {
        return upstreams;
    }

    /** Whether requests of {@code family} need an API key. */
    public boolean isProtected(ApiFamily family) {
        return protectedFamilies.contains(family);
    }

    public Set<ApiFamily> protectedFamilies() {
        return protectedFamilies;
    }
}
