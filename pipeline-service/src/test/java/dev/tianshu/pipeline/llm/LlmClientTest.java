package dev.tianshu.pipeline.llm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.langchain4j.model.chat.ChatModel;
import dev.tianshu.common.testing.OpenAiChatStub;
import dev.tianshu.common.testing.OpenAiChatStubResource;
import dev.tianshu.pipeline.testing.OpenAiChatStubProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * LlmClient against the OpenAI-compatible stub through quarkus-langchain4j's real client: what is sent, strict
 * JSON, attempts and their bound, time-outs.
 */
@QuarkusTest
@TestProfile(OpenAiChatStubProfile.class)
class LlmClientTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    LlmClient llm;

    @Inject
    ChatModel chatModel;

    OpenAiChatStub stub;

    @BeforeEach
    void reset() {
        stub = OpenAiChatStubResource.stub();
        stub.reset();
    }

    @Test
    void sendsTheKeyTheModelAndBothMessages() {
        stub.when("你好", "世界");
        assertTrue(llm.configured());
        assertEquals("llm:" + OpenAiChatStub.DEFAULT_MODEL, llm.engine());

        assertEquals("世界", llm.chat("系统说明", "你好").await().atMost(WAIT));

        assertEquals(1, stub.calls().size());
        OpenAiChatStub.ChatCall call = stub.calls().get(0);
        assertEquals("Bearer " + OpenAiChatStub.DEFAULT_KEY, call.authorization());
        assertEquals(OpenAiChatStub.DEFAULT_MODEL, call.model());
        assertEquals("系统说明", call.system());
        assertEquals("你好", call.user());
    }

    @Test
    void proseAroundJsonIsRetriedAndThenFails() {
        stub.when("列出", "好的，结果如下：{\"a\": 1}，希望对你有帮助。");
        LlmException e = assertThrows(LlmException.class,
                () -> llm.chatJson("s", "列出", node -> node).await().atMost(WAIT));
        assertTrue(e.getMessage().startsWith("无法解析LLM响应为JSON格式"), e.getMessage());
        assertTrue(e.getMessage().endsWith("（共尝试3次）"), e.getMessage());
        assertEquals(3, stub.calls().size());
    }

    @Test
    void aFencedBlockIsAccepted() {
        stub.when("列出", "以下是结果：\n```json\n{\"a\": 1}\n```");
        assertEquals(1, llm.chatJson("s", "列出", node -> node.get("a").asInt()).await().atMost(WAIT));
        assertEquals(1, stub.calls().size());
    }

    @Test
    void missingFieldsAreAFailedAttempt() {
        stub.when("列出", "{\"b\": 1}");
        LlmException e = assertThrows(LlmException.class,
                () -> llm.chatJson("s", "列出", node -> LlmJson.text(node, "a")).await().atMost(WAIT));
        assertTrue(e.getMessage().contains("缺少字段 a"), e.getMessage());
        assertEquals(3, stub.calls().size());
    }

    @Test
    void anyReaderExceptionIsAFailedAttemptAndABetterAnswerWins() {
        AtomicInteger n = new AtomicInteger();
        stub.when("列出", call -> n.incrementAndGet() == 1 ? "{\"a\": \"x\"}" : "{\"a\": 7}");
        int a = llm.chatJson("s", "列出", node -> Integer.parseInt(node.get("a").asText())).await().atMost(WAIT);
        assertEquals(7, a);
        assertEquals(2, stub.calls().size());
    }

    @Test
    void twoServerErrorsThenSuccess() {
        stub.when("问", "答").failNext(2);
        assertEquals("答", llm.chat("s", "问").await().atMost(WAIT));
        assertEquals(3, stub.calls().size());
    }

    @Test
    void serverErrorsOnEveryAttemptFailTheRequest() {
        stub.when("问", "答").failNext(3);
        LlmException e = assertThrows(LlmException.class, () -> llm.chat("s", "问").await().atMost(WAIT));
        assertTrue(e.getMessage().startsWith("LLM调用失败"), e.getMessage());
        assertEquals(3, stub.calls().size());
    }

    @Test
    void aCallThatTakesTooLongFailsWithinTheConfiguredBound() {
        stub.when(call -> call.user().contains("慢"), call -> "来晚了", Duration.ofSeconds(5));
        LlmClient quick = new LlmClient(chatModel,
                TestLlmConfig.configured(OpenAiChatStub.DEFAULT_MODEL, Duration.ofMillis(300), 2));

        // two attempts of 0.3 s and a 10 ms pause: far below the stub's 5 s and the bound awaited here
        LlmException e = assertThrows(LlmException.class,
                () -> quick.chat("s", "慢").await().atMost(Duration.ofSeconds(15)));
        assertInstanceOf(LlmTimeout.class, e.getCause());
        assertTrue(e.getMessage().startsWith("LLM调用超时（超过0.3秒未返回）"), e.getMessage());
        await().atMost(WAIT).until(() -> stub.calls().size() == 2);
    }

    @Test
    void notConfiguredFailsAtOnceWithoutConnecting() {
        LlmClient none = new LlmClient(chatModel, TestLlmConfig.notConfigured());
        assertEquals(false, none.configured());
        assertThrows(LlmNotConfigured.class, () -> none.chat("s", "u").await().atMost(WAIT));
        assertThrows(LlmNotConfigured.class, () -> none.chatJson("s", "u", n -> n).await().atMost(WAIT));
        assertEquals(0, stub.calls().size());
    }
}
