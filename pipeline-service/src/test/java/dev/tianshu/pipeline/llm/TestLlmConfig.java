package dev.tianshu.pipeline.llm;

import java.time.Duration;
import java.util.Optional;

/** LLM settings built in a test, for an {@link LlmClient} made by hand (short time-outs, no LLM at all…). */
public record TestLlmConfig(Optional<String> baseUrl, Optional<String> apiKey, String model, Duration timeout,
        int maxAttempts, Duration backoff) implements LlmConfig {

    /** Configured (some base URL), with the given time-out and attempts, 10 ms back-off. */
    public static TestLlmConfig configured(String model, Duration timeout, int maxAttempts) {
        return new TestLlmConfig(Optional.of("http://127.0.0.1:1/v1/"), Optional.empty(), model, timeout,
                maxAttempts, Duration.ofMillis(10));
    }

    /** No base URL: the LLM is not configured. */
    public static TestLlmConfig notConfigured() {
        return new TestLlmConfig(Optional.empty(), Optional.empty(), "gpt-4o-mini", Duration.ofSeconds(120), 3,
                Duration.ofSeconds(1));
    }
}
