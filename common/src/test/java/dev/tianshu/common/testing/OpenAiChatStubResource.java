package dev.tianshu.common.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an {@link OpenAiChatStub} for a {@code @QuarkusTest} and points the service's LLM at it, the way the
 * TIANSHU_LLM_* variables would ({@code tianshu.llm.base-url}, {@code api-key}, {@code model}; quarkus-langchain4j
 * takes its settings from these). Used through a test profile of the service (e.g. pipeline-service's
 * {@code OpenAiChatStubProfile}), so tests without that profile keep running with no LLM configured. The running
 * stub is {@link #stub()}.
 */
public class OpenAiChatStubResource implements QuarkusTestResourceLifecycleManager {

    private static volatile OpenAiChatStub stub;

    /** The stub of the running test application. */
    public static OpenAiChatStub stub() {
        OpenAiChatStub s = stub;
        if (s == null) {
            throw new IllegalStateException(
                    "no OpenAiChatStub is running: use a @TestProfile whose test resources include OpenAiChatStubResource");
        }
        return s;
    }

    @Override
    public Map<String, String> start() {
        stub = OpenAiChatStub.start();
        return Map.of(
                "tianshu.llm.base-url", stub.baseUrl(),
                "tianshu.llm.api-key", stub.key(),
                "tianshu.llm.model", stub.model());
    }

    @Override
    public void stop() {
        OpenAiChatStub s = stub;
        stub = null;
        if (s != null) {
            s.close();
        }
    }
}
