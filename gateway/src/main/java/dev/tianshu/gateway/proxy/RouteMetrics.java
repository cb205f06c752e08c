package dev.tianshu.gateway.proxy;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;

/**
 * {@code tianshu_gateway_requests_seconds{route, upstream, outcome}}: the gateway's request timer, one per route
 * and status class, registered up front so that recording costs no meter lookup (the generic HTTP server metrics of
 * Quarkus build and look up a tag set per request). WebSocket sessions (101) are not recorded: their duration is not
 * a response time.
 */
final class RouteMetrics {

    private final Timer[] byStatusClass = new Timer[6];

    RouteMetrics(MeterRegistry registry, String route, String upstream) {
        for (int statusClass = 0; statusClass < byStatusClass.length; statusClass++) {
            Outcome outcome = statusClass == 0 ? Outcome.UNKNOWN : Outcome.forStatus(statusClass * 100);
            byStatusClass[statusClass] = Timer.builder("tianshu.gateway.requests")
                    .description("Requests through the gateway, by route and status class")
                    .tag("route", route)
                    .tag("upstream", upstream)
                    .tag("outcome", outcome.name())
                    .register(registry);
        }
    }

    void record(int status, long elapsedNanos) {
        if (status == 101) {
            return;
        }
        int statusClass = status / 100;
        byStatusClass[statusClass >= 1 && statusClass <= 5 ? statusClass : 0].record(elapsedNanos,
                TimeUnit.NANOSECONDS);
    }
}
