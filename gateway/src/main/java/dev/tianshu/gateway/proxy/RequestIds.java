package dev.tianshu.gateway.proxy;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * X-Request-Id: the client's value when it is a plausible identifier, otherwise a new random UUID.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** {@code candidate} when it is 1–128 characters of {@code [A-Za-z0-9._:+/=@-]}, else a new id. */
    public static String accept(String candidate) {
        return isValid(candidate) ? candidate : generate();
    }

    static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * A version-4 UUID from the thread's non-blocking random generator: request ids need to be unique, not secret,
     * and {@link UUID#randomUUID()} would draw from the shared SecureRandom on every request.
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
