package dev.tianshu.nl2sql.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tianshu.common.api.ApiError;
import dev.tianshu.common.api.ApiException;
import dev.tianshu.nl2sql.config.Nl2SqlConfig;

/**
 * /df/rest needs {@code Authorization: Bearer <token>} with a configured token, as DataFocus does; anything else is
 * 401 in the DataFocus envelope. Tokens are compared in constant time.
 */
public class BearerTokenFilter {

    private final List<byte[]> tokens;

    BearerTokenFilter(Nl2SqlConfig config) {
        this.tokens = config.tokens().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/df/rest")) {
            return;
        }
        String header = request.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, ApiError.UNAUTHORIZED, "缺少 Bearer token，请在 Authorization 头中提供");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] token : tokens) {
            ok |= MessageDigest.isEqual(token, given);
        }
        if (!ok) {
            throw new ApiException(401, ApiError.UNAUTHORIZED, "Bearer token 无效");
        }
    }
}
