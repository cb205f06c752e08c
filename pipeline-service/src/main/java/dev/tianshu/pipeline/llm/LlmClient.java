package dev.tianshu.pipeline.llm;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The LLM as the engines use it: one chat request (system + user message) to the OpenAI-compatible model of
 * quarkus-langchain4j, made on a worker thread, with a time-out per call and a bounded number of attempts with a
 * growing wait between them. An attempt fails when the call fails or times out, and also when the answer cannot be
 * used: the reader given with the request throws (strict JSON for {@link #chatJson}, a refusal, a missing field…).
 * quarkus-langchain4j's own retries are switched off ({@code max-retries=0}; langchain4j counts retries, not
 * attempts) so that attempts do not multiply.
 *
 * <p>With no base URL configured, {@link #configured()} is false and every request fails at once with
 * {@link LlmNotConfigured}; nothing ever connects.
 */
@ApplicationScoped
public class LlmClient {

    private static final Logger LOG = Logger.getLogger(LlmClient.class);

    private final ChatModel model;
    private final LlmConfig config;

    LlmClient(ChatModel model, LlmConfig config) {
        this.model = model;
        this.config = config;
    }

    /** Whether an LLM is configured (TIANSHU_LLM_BASE_URL set). */
    public boolean configured() {
        return config.baseUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /** "llm:&lt;model&gt;", the engine name written into the task's results. */
    public String engine() {
        return "llm:" + config.model();
    }

    /** The answer's text as it is. */
    public Uni<String> chat(String system, String user) {
        return chat(system, user, Function.identity());
    }

    /**
     * The answer read by {@code reader}; an exception from the reader makes the attempt fail (and be retried), so
     * the reader is where an answer is checked.
     */
    public <T> Uni<T> chat(String system, String user, Function<String, T> reader) {
        if (!configured()) {
            return Uni.createFrom().failure(new LlmNotConfigured());
        }
        return attempt(system, user, reader, 1);
    }

    /**
     * The answer as strict JSON (see {@link LlmJson#parse}) read by {@code reader}; an answer that is not strict
     * JSON, or that the reader refuses, is a failed attempt. After the last attempt the request fails with an
     * {@link LlmException} saying what was wrong, e.g. "无法解析LLM响应为JSON格式: …".
     */
    public <T> Uni<T> chatJson(String system, String user, Function<JsonNode, T> reader) {
        return chat(system, user, text -> reader.apply(LlmJson.parse(text)));
    }

    private <T> Uni<T> attempt(String system, String user, Function<String, T> reader, int attempt) {
        int attempts = Math.max(1, config.maxAttempts());
        return once(system, user, attempt, attempts)
                .map(text -> read(reader, text))
                .onFailure().recoverWithUni(failure -> {
                    String why = describe(failure);
                    if (attempt >= attempts || failure instanceof NonRetriableException) {
                        LOG.warnf("LLM请求失败（第%d/%d次）: %s", attempt, attempts, why);
                        return Uni.createFrom().failure(new LlmException(why + "（共尝试" + attempt + "次）", failure));
                    }
                    Duration wait = config.backoff().multipliedBy(1L << Math.min(attempt - 1, 16));
                    LOG.infof("LLM请求第%d/%d次失败，%d毫秒后重试: %s", attempt, attempts, wait.toMillis(), why);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                            .chain(() -> attempt(system, user, reader, attempt + 1));
                });
    }

    /** One call: blocking, on a worker thread, bounded by the time-out. */
    private Uni<String> once(String system, String user, int attempt, int attempts) {
        Duration timeout = config.timeout();
        return Uni.createFrom().item(() -> call(system, user, attempt, attempts))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout)
                .failWith(() -> new LlmTimeout(timeout));
    }

    private String call(String system, String user, int attempt, int attempts) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            ChatResponse response = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(system), UserMessage.from(user))
                    .build());
            AiMessage message = response == null ? null : response.aiMessage();
            String text = message == null ? null : message.text();
            if (text == null || text.isBlank()) {
                throw new LlmAnswerException("LLM返回了空响应");
            }
            ok = true;
            return text;
        } finally {
            LOG.debugf("LLM调用 %s 第%d/%d次 %s，耗时 %d 毫秒", engine(), attempt, attempts, ok ? "成功" : "失败",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    private static <T> T read(Function<String, T> reader, String text) {
        try {
            return reader.apply(text);
        } catch (LlmAnswerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LlmAnswerException("LLM响应内容不符合要求: " + e.getMessage(), e);
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof LlmAnswerException || failure instanceof LlmTimeout) {
            return failure.getMessage();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return "LLM调用失败: " + LlmJson.excerpt(message);
    }
}
