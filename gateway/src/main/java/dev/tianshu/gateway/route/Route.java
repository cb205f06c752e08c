package dev.tianshu.gateway.route;

import dev.tianshu.common.api.ApiFamily;

/**
 * A path prefix, the upstream serving it and its limits.
 *
 * @param name the route's configuration name
 * @param prefix the path prefix without trailing slash; matches itself and everything below it
 * @param family the API family of the prefix (error envelope, authentication)
 * @param upstream where the requests go
 * @param bodyLimit the largest accepted request body, in bytes
 * @param responseTimeoutMs how long the upstream may take to send its response headers
 */
public record Route(String name, String prefix, ApiFamily family, Upstream upstream, long bodyLimit,
        long responseTimeoutMs) {

    /** Whether {@code path} (normalized, without query) is the prefix or below it. */
    public boolean matches(String path) {
        int length = prefix.length();
        return path.startsWith(prefix) && (path.length() == length || path.charAt(length) == '/');
    }
}
