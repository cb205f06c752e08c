package dev.tianshu.nl2sql.rest;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.api.ApiError;
import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.DfResponse;
import dev.tianshu.nl2sql.config.Nl2SqlConfig;
import dev.tianshu.nl2sql.model.ModelValidator;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.repository.ConversationRepository;
import dev.tianshu.nl2sql.service.ChatService;
import dev.tianshu.nl2sql.service.ModelCache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Seed 002: POST /df/rest/gpt/start (a conversation over a semantic model) and POST /df/rest/gpt/chat (answered from
 * an adapted stored example or by the built-in engine, see {@link ChatService}; the turn is recorded with the engine
 * that answered).
 */
@Path("/df/rest/gpt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GptResource {

    /** DataFocus's code for "this conversation is unknown or expired: call /start again". */
    public static final int CONVERSATION_GONE = 1001;

    private final ConversationRepository conversations;
    private final ObjectMapper mapper;
    private final Nl2SqlConfig config;
    private final ChatService chat;
    private final ModelCache models;

    GptResource(ConversationRepository conversations, ObjectMapper mapper, Nl2SqlConfig config, ChatService chat,
            ModelCache models) {
        this.models = models;
        this.chat = chat;
        this.conversations = conversations;
        this.mapper = mapper;
        this.config = config;
    }

    @POST
    @Path("/start")
    public Uni<Map<String, Object>> start(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalidParams("请求体必须是JSON对象");
        }
        String language = ModelValidator.language(body);
        SemanticModel model = ModelValidator.model(body.get("model"));
        JsonObject json = new JsonObject(mapper.convertValue(model, Map.class));
        return conversations.create(language, json).map(chatId -> {
            models.remember(chatId, model);
            return DfResponse.ok(chatId);
        });
    }

    @POST
    @Path("/chat")
    public Uni<Map<String, Object>> chat(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalidParams("请求体必须是JSON对象");
        }
        String chatId = text(body, "chatId");
        String input = text(body, "input");
        if (!chatId.matches("^[0-9a-f]{32}$")) {
            throw gone(chatId);
        }
        if (input.length() > config.maxInputLength()) {
            throw ApiException.invalidParams("input 过长（最多 " + config.maxInputLength() + " 个字符）", "input");
        }
        // the model is read from the database only when this replica has not compiled it yet
        ModelCache.Compiled cached = models.get(chatId);
        return conversations.live(chatId, config.conversationIdleLifetime(), cached == null).flatMap(found -> {
            var conversation = found.orElseThrow(() -> gone(chatId));
            var compiled = cached != null ? cached : models.of(conversation);
            return chat.answer(conversation, compiled, input).flatMap(answer -> conversations.answered(chatId,
                    conversation.turns() + 1, new ConversationRepository.Turn(input, answer.type(), answer.content(),
                            answer.question(), answer.engine()), answer.reading())
                    .replaceWith(DfResponse.ok(answer.data())));
        });
    }

    private static String text(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull() || !node.isTextual() || node.asText().isBlank()) {
            throw ApiException.invalidParams("缺少必需参数: " + name, name);
        }
        return node.asText().strip();
    }

    static ApiException gone(String chatId) {
        return new ApiException(404, ApiError.NOT_FOUND, "对话不存在或已过期（chatId: " + chatId
                + "），请重新调用 /df/rest/gpt/start 初始化对话", Map.of("errCode", CONVERSATION_GONE));
    }
}
