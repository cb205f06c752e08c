package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The LLM section of application.properties read with environment variables as the service would see them:
 * TIANSHU_LLM_* configure both LlmConfig and quarkus-langchain4j, and without them nothing is configured.
 */
class LlmEnvironmentConfigTest {

    @Test
    void environmentVariablesConfigureTheEnginesAndTheChatModel() throws Exception {
        SmallRyeConfig config = config(Map.of("TIANSHU_LLM_BASE_URL", "http://llm.example:8000/v1/",
                "TIANSHU_LLM_API_KEY", "sk-secret", "TIANSHU_LLM_MODEL", "qwen-plus", "TIANSHU_LLM_TIMEOUT", "90s"));
        LlmConfig llm = config.getConfigMapping(LlmConfig.class);
        assertEquals(Optional.of("http://llm.example:8000/v1/"), llm.baseUrl());
        assertEquals("qwen-plus", llm.model());
        assertEquals(Duration.ofSeconds(90), llm.timeout());
        assertEquals(3, llm.maxAttempts());
        assertEquals("http://llm.example:8000/v1/", config.getRawValue("quarkus.langchain4j.openai.base-url"));
        assertEquals("sk-secret", config.getRawValue("quarkus.langchain4j.openai.api-key"));
        assertEquals("qwen-plus", config.getRawValue("quarkus.langchain4j.openai.chat-model.model-name"));
        assertEquals("90s", config.getRawValue("quarkus.langchain4j.openai.timeout"));
        assertEquals("0", config.getRawValue("quarkus.langchain4j.openai.max-retries"));
        assertTrue(new LlmClient(null, llm).configured());
    }

    @Test
    void withoutEnvironmentNothingIsConfiguredAndTheChatModelStillHasValidSettings() throws Exception {
        SmallRyeConfig config = config(Map.of());
        LlmConfig llm = config.getConfigMapping(LlmConfig.class);
        assertEquals(Optional.empty(), llm.baseUrl());
        assertFalse(new LlmClient(null, llm).configured());
        assertEquals("llm:gpt-4o-mini", new LlmClient(null, llm).engine());
        assertEquals(Duration.ofSeconds(120), llm.timeout());
        assertEquals("https://api.openai.com/v1/", config.getRawValue("quarkus.langchain4j.openai.base-url"));
        assertEquals("not-configured", config.getRawValue("quarkus.langchain4j.openai.api-key"));
    }

    private static SmallRyeConfig config(Map<String, String> environment) throws Exception {
        URL properties = LlmEnvironmentConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250), new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(LlmConfig.class)
                .build();
    }
}
