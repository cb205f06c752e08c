package dev.tianshu.gateway.route;

import java.net.URI;
import java.net.URISyntaxException;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * An upstream service: where its requests go. {@link #requestOptions()} is shared by every request to it and never
 * modified after start (the HTTP client only reads it).
 */
public final class Upstream {

    private final String name;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final RequestOptions requestOptions;

    private Upstream(String name, String host, int port, boolean ssl, long connectTimeoutMs) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.ssl = ssl;
        this.requestOptions = new RequestOptions()
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setConnectTimeout(connectTimeoutMs);
    }

    /**
     * Parses {@code http://host:port}, {@code https://host[:port]} or {@code host:port}.
     *
     * @throws IllegalArgumentException when the value is none of these or carries a path, query or fragment
     */
    public static Upstream parse(String name, String value, long connectTimeoutMs) {
        String text = value == null ? "" : value.trim();
        String withScheme = text.contains("://") ? text : "http://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw invalid(name, value, e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(name, value, "the scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw invalid(name, value, "no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw invalid(name, value, "a path prefix is not supported (the services serve the gateway's paths)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(name, value, "no query, fragment or user info allowed");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new Upstream(name, uri.getHost(), port, ssl, connectTimeoutMs);
    }

    private static IllegalArgumentException invalid(String name, String value, String why) {
        return new IllegalArgumentException(
                "tianshu.gateway.upstreams." + name + "=" + value + " is not a base URL (http://host:port): " + why);
    }

    public String name() {
        return name;
    }

    /** The options every proxied request to this upstream is created with. */
    public RequestOptions requestOptions() {
        return requestOptions;
    }

    /** New options for a request of the gateway's own (documents, health checks). */
    public RequestOptions newRequest(HttpMethod method, String uri, long timeoutMs) {
        return new RequestOptions(requestOptions).setMethod(method).setURI(uri).setIdleTimeout(timeoutMs);
    }

    @Override
    public String toString() {
        return name + "=" + (ssl ? "https://" : "http://") + host + ":" + port;
    }
}
