package dev.tianshu.pipeline.llm;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the LLM engines (prefix {@code tianshu.llm}, from TIANSHU_LLM_BASE_URL, TIANSHU_LLM_API_KEY,
 * TIANSHU_LLM_MODEL). The OpenAI-compatible chat model of quarkus-langchain4j is configured from the same values in
 * application.properties; without a base URL the LLM is not configured and nothing connects to it.
 */
@ConfigMapping(prefix = "tianshu.llm")
public interface LlmConfig {

    /** The OpenAI-compatible endpoint, e.g. {@code https://api.openai.com/v1/}; empty means "no LLM". */
    Optional<String> baseUrl();

    /** The API key; handed to quarkus-langchain4j only, never logged. */
    Optional<String> apiKey();

    /** The chat model's name, written into the engine name "llm:&lt;model&gt;". */
    @WithDefault("gpt-4o-mini")
    String model();

    /** How long one call may take before it counts as a failed attempt. */
    @WithDefault("120s")
    Duration timeout();

    /** Attempts per request (the first call and its retries). */
    @WithDefault("3")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further one. */
    @WithDefault("1s")
    Duration backoff();
}
