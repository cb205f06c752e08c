package dev.tianshu.nl2sql.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of nl2sql-service (prefix {@code tianshu.nl2sql}). */
@ConfigMapping(prefix = "tianshu.nl2sql")
public interface Nl2SqlConfig {

    /** The bearer tokens /df/rest accepts (TIANSHU_API_KEYS, comma-separated); none configured refuses every call. */
    Optional<List<String>> tokens();

    /** A conversation idle for longer than this is gone; the client starts a new one. */
    @WithDefault("2h")
    Duration conversationIdleLifetime();

    /** Largest question accepted by /chat, in characters. */
    @WithDefault("2000")
    int maxInputLength();
}
