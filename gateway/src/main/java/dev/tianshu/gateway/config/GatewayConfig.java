package dev.tianshu.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tianshu.common.api.ApiFamily;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's configuration, {@code tianshu.gateway.*}. Every key can be set from the environment with the usual
 * mapping ({@code tianshu.gateway.upstreams.training-data} ↔ {@code TIANSHU_GATEWAY_UPSTREAMS_TRAINING_DATA}).
 */
@ConfigMapping(prefix = "tianshu.gateway")
public interface GatewayConfig {

    /**
     * The upstream services by name: a base URL ({@code http://host:port}, {@code https://host:port}) or
     * {@code host:port}. The path of a base URL must be empty: the services serve the gateway's paths unchanged.
     */
    Map<String, String> upstreams();

    /** The routes by name. A request goes to the route with the longest matching prefix. */
    Map<String, RouteConfig> routes();

    /** The largest request body a route accepts unless the route sets its own {@code body-limit}. */
    @WithDefault("10M")
    MemorySize bodyLimit();

    /**
     * How long an upstream may take to send its response headers, counted once the request body has been forwarded
     * (while a body is still streaming, the timer only fires after this long without body progress). Once headers
     * have arrived the exchange is never cut: SSE and WebSocket streams live as long as both ends keep them open.
     */
    @WithDefault("30s")
    Duration responseTimeout();

    /**
     * The accepted API keys (from {@code TIANSHU_API_KEYS}, comma-separated). When there is none, the protected
     * families answer 503 and say that no key is configured; the other paths keep working.
     */
    Optional<List<String>> apiKeys();

    /** The API families whose requests need {@code Authorization: Bearer <api key>}. */
    @WithDefault("V0,DF,V2")
    List<ApiFamily> protectedFamilies();

    /** The connection pools towards the upstreams. */
    Client client();

    /** How long fetching an upstream's OpenAPI document (/docs/openapi/{upstream}) may take. */
    @WithDefault("10s")
    Duration docsTimeout();

    /** How long the upstream reachability check (/q/health/group/upstreams) waits for each upstream. */
    @WithDefault("2s")
    Duration healthTimeout();

    interface RouteConfig {

        /** The path prefix, e.g. {@code /api/v0/data_pipeline}: matches the prefix itself and everything below it. */
        String prefix();

        /** The name of the upstream (a key of {@code tianshu.gateway.upstreams}). */
        String upstream();

        /** This route's request body limit, e.g. {@code 200M} for upload endpoints. */
        Optional<MemorySize> bodyLimit();

        /** This route's response-header timeout. */
        Optional<Duration> responseTimeout();
    }

    interface Client {

        /**
         * The most keep-alive connections to one upstream per event loop (each event loop has its own pool, so that
         * a request and its upstream connection share one thread).
         */
        @WithDefault("64")
        int poolSizePerEventLoop();

        /** How long to wait for a connection (from the pool or newly opened). */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long an idle pooled connection is kept. */
        @WithDefault("60s")
        Duration keepAliveTimeout();

        /** The largest response header block accepted from an upstream. */
        @WithDefault("20K")
        MemorySize maxHeaderSize();
    }
}
