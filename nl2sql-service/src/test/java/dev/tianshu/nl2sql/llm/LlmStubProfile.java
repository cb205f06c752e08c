package dev.tianshu.nl2sql.llm;

import java.util.List;
import java.util.Map;

import dev.tianshu.common.testing.OpenAiChatStubResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * nl2sql-service with its LLM path on: {@link OpenAiChatStubResource} starts the OpenAI-compatible stub and points
 * {@code tianshu.llm.base-url}, {@code api-key} and {@code model} at it; one call may take {@link #TIMEOUT}.
 */
public class LlmStubProfile implements QuarkusTestProfile {

    public static final String TIMEOUT = "2s";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tianshu.llm.timeout", TIMEOUT);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiChatStubResource.class));
    }
}
