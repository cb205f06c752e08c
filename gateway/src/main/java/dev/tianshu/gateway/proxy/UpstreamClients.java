package dev.tianshu.gateway.proxy;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import dev.tianshu.gateway.config.GatewayConfig;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The HTTP clients towards the upstreams: one per event loop, each with its own keep-alive pool per upstream. A
 * request arriving on an event loop is forwarded over a connection owned by the same event loop, so a proxied exchange
 * never hops between threads (a single shared client would hand out connections of any event loop).
 */
@Singleton
public class UpstreamClients {

    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    private final Queue<HttpClient> created = new ConcurrentLinkedQueue<>();
    private final FastThreadLocal<HttpClient> perEventLoop = new FastThreadLocal<>() {
        @Override
        protected HttpClient initialValue() {
            return create();
        }
    };
    private volatile HttpClient shared;

    public UpstreamClients(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        GatewayConfig.Client client = config.client();
        this.clientOptions = new HttpClientOptions()
                .setName("tianshu-gateway")
                .setKeepAlive(true)
                .setKeepAliveTimeout(Math.max(1, (int) client.keepAliveTimeout().toSeconds()))
                .setConnectTimeout((int) client.connectTimeout().toMillis())
                .setMaxHeaderSize((int) client.maxHeaderSize().asLongValue())
                .setTcpNoDelay(true)
                // bodies pass through as they are: no decompression, no Accept-Encoding of our own
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setVerifyHost(true);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(client.poolSizePerEventLoop());
    }

    /**
     * The client of the calling event loop, or a shared one when called outside an event loop (health checks run
     * there; their few requests need no thread affinity).
     */
    public HttpClient current() {
        Context context = Vertx.currentContext();
        if (context != null && context.isEventLoopContext()) {
            return perEventLoop.get();
        }
        HttpClient client = shared;
        if (client == null) {
            synchronized (this) {
                client = shared;
                if (client == null) {
                    client = shared = create();
                }
            }
        }
        return client;
    }

    private HttpClient create() {
        HttpClient client = vertx.createHttpClient(clientOptions, poolOptions);
        created.add(client);
        return client;
    }

    @PreDestroy
    void close() {
        for (HttpClient client; (client = created.poll()) != null;) {
            client.close();
        }
    }
}
