package dev.tianshu.pipeline.testing;

import java.util.List;
import java.util.Map;

import dev.tianshu.common.testing.OpenAiChatStubResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test profile of {@code @QuarkusTest} classes that run with an LLM: {@link OpenAiChatStubResource} starts the
 * stub and configures it, attempts are retried after 20 ms, 40 ms… instead of seconds, and one call may take 10 s.
 * All classes with this profile share one application (and one stub; reset it between tests).
 */
public class OpenAiChatStubProfile implements QuarkusTestProfile {

    public static final String TIMEOUT = "10s";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tianshu.llm.timeout", TIMEOUT,
                "tianshu.llm.backoff", "20ms",
                "tianshu.llm.max-attempts", "3");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiChatStubResource.class));
    }
}
