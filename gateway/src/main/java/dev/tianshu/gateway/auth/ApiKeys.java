package dev.tianshu.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.tianshu.gateway.config.GatewayConfig;
import dev.tianshu.gateway.route.RouteTable;
import io.netty.util.concurrent.FastThreadLocal;
import io.quarkus.runtime.Startup;

/**
 * The API keys of {@code TIANSHU_API_KEYS}. Only their SHA-256 digests are kept; a presented key is digested and
 * compared with every digest in constant time ({@link MessageDigest#isEqual}), so neither the key's length nor the
 * position of the first differing byte shows in the timing.
 */
@Startup
@Singleton
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final String BEARER = "bearer ";

    /** The outcome of checking an Authorization header. */
    public enum Check {
        VALID, MISSING, INVALID, NONE_CONFIGURED
    }

    private final byte[][] digests;
    private final FastThreadLocal<MessageDigest> sha256 = new FastThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() {
            return newSha256();
        }
    };

    public ApiKeys(GatewayConfig config, RouteTable routes) {
        List<String> keys = config.apiKeys().orElse(List.of()).stream()
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .distinct()
                .toList();
        MessageDigest digest = newSha256();
        this.digests = keys.stream().map(key -> digest.digest(key.getBytes(StandardCharsets.UTF_8)))
                .toArray(byte[][]::new);
        if (digests.length == 0 && !routes.protectedFamilies().isEmpty()) {
            LOG.errorf("No API key configured (TIANSHU_API_KEYS is empty): the families %s answer 503 until keys are"
                    + " configured; the other paths keep working", routes.protectedFamilies());
        } else {
            LOG.infof("%d API key(s) configured for the families %s", digests.length, routes.protectedFamilies());
        }
    }

    public boolean configured() {
        return digests.length > 0;
    }

    /**
     * Checks {@code Authorization: Bearer <key>}; the scheme is case-insensitive (nl2sql's clients send
     * {@code bearer}).
     */
    public Check check(String authorization) {
        if (digests.length == 0) {
            return Check.NONE_CONFIGURED;
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Check.MISSING;
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (key.isEmpty()) {
            return Check.MISSING;
        }
        byte[] presented = sha256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match ? Check.VALID : Check.INVALID;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
