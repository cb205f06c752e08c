package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.testing.OpenAiChatStub;

/** The OpenAI chat stub over real HTTP: OpenAI's API shape, its key and model checks, rules, failures, concurrency. */
class OpenAiChatStubTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static OpenAiChatStub stub;

    @BeforeAll
    static void start() {
        stub = OpenAiChatStub.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    @Test
    void answersInTheChatCompletionShapeAndRecordsTheMessages() throws Exception {
        stub.when("天气", "晴").when("天", "不会用到");
        HttpResponse<String> response = chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "你是助手",
                "今天天气如何");
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("chat.completion", body.get("object").asText());
        assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
        assertTrue(body.get("created").asLong() > 0);
        assertEquals(OpenAiChatStub.DEFAULT_MODEL, body.get("model").asText());
        JsonNode choice = body.get("choices").get(0);
        assertEquals(0, choice.get("index").asInt());
        assertEquals("assistant", choice.at("/message/role").asText());
        assertEquals("晴", choice.at("/message/content").asText(), "the first matching rule answers");
        assertEquals("stop", choice.get("finish_reason").asText());
        assertEquals(body.at("/usage/prompt_tokens").asInt() + body.at("/usage/completion_tokens").asInt(),
                body.at("/usage/total_tokens").asInt());
        assertEquals(List.of(new OpenAiChatStub.ChatCall("Bearer " + OpenAiChatStub.DEFAULT_KEY,
                OpenAiChatStub.DEFAULT_MODEL, "你是助手", "今天天气如何")), stub.calls());
    }

    @Test
    void contentGivenAsPartsIsRecordedToo() throws Exception {
        stub.when("部分", "好");
        String body = "{\"model\":\"" + OpenAiChatStub.DEFAULT_MODEL + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"第一部分\"},{\"type\":\"text\",\"text\":\"第二部分\"}]}]}";
        assertEquals(200, post("/v1/chat/completions", OpenAiChatStub.DEFAULT_KEY, body).statusCode());
        assertEquals("第一部分\n第二部分", stub.calls().get(0).user());
    }

    @Test
    void wrongKeyIs401AndWrongModelIs404LikeOpenAi() throws Exception {
        stub.when("x", "y");
        HttpResponse<String> badKey = chat("wrong", OpenAiChatStub.DEFAULT_MODEL, "s", "x");
        assertEquals(401, badKey.statusCode());
        assertEquals("invalid_api_key", JSON.readTree(badKey.body()).at("/error/code").asText());
        HttpResponse<String> badModel = chat(OpenAiChatStub.DEFAULT_KEY, "gpt-unknown", "s", "x");
        assertEquals(404, badModel.statusCode());
        assertEquals("model_not_found", JSON.readTree(badModel.body()).at("/error/code").asText());
        assertEquals(2, stub.calls().size(), "refused requests are recorded too");
        assertEquals("Bearer wrong", stub.calls().get(0).authorization());
    }

    @Test
    void listsTheModel() throws Exception {
        HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "models"))
                .header("Authorization", "Bearer " + OpenAiChatStub.DEFAULT_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, models.statusCode());
        assertEquals(OpenAiChatStub.DEFAULT_MODEL, JSON.readTree(models.body()).at("/data/0/id").asText());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "models")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void failsTheNextCallsOnRequestAndNamesUnmatchedPrompts() throws Exception {
        stub.when("问", "答").failNext(2);
        assertEquals(500, chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "问").statusCode());
        assertEquals(500, chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "问").statusCode());
        assertEquals(200, chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "问").statusCode());
        HttpResponse<String> unmatched = chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "别的");
        assertEquals(500, unmatched.statusCode());
        assertTrue(unmatched.body().contains("no rule matches"), unmatched.body());
        assertEquals(4, stub.calls().size());
    }

    @Test
    void theFallbackAnswersWhatNoRuleMatchesUntilReset() throws Exception {
        stub.when("问", "答").withFallback(call -> "兜底:" + call.user());
        assertEquals("答", content(chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "问")));
        assertEquals("兜底:别的", content(chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "别的")));
        stub.withFallback(call -> {
            throw new IllegalArgumentException("not mine");
        });
        assertEquals(500, chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "别的").statusCode());
        stub.reset();
        assertEquals(500, chat(OpenAiChatStub.DEFAULT_KEY, OpenAiChatStub.DEFAULT_MODEL, "s", "别的").statusCode());
    }

    private static String content(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).at("/choices/0/message/content").asText();
    }

    @Test
    void servesRequestsConcurrently() throws Exception {
        // each answer waits until both requests are being answered: served one after the other, the barrier breaks
        CyclicBarrier both = new CyclicBarrier(2);
        stub.when("并发", call -> {
            both.await(20, TimeUnit.SECONDS);
            return "一起";
        });
        CompletableFuture<HttpResponse<String>> first = chatAsync("并发1");
        CompletableFuture<HttpResponse<String>> second = chatAsync("并发2");
        assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals("一起", JSON.readTree(second.get().body()).at("/choices/0/message/content").asText());
    }

    private static CompletableFuture<HttpResponse<String>> chatAsync(String user) throws IOException {
        return HTTP.sendAsync(request("/v1/chat/completions", OpenAiChatStub.DEFAULT_KEY,
                body(OpenAiChatStub.DEFAULT_MODEL, "s", user)), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> chat(String key, String model, String system, String user) throws Exception {
        return post("/v1/chat/completions", key, body(model, system, user));
    }

    private static String body(String model, String system, String user) throws IOException {
        var body = JSON.createObjectNode().put("model", model);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        return JSON.writeValueAsString(body);
    }

    private static HttpResponse<String> post(String path, String key, String body) throws Exception {
        return HTTP.send(request(path, key, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
