package dev.tianshu.nl2sql.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.nl2sql.engine.Lexicon;
import dev.tianshu.nl2sql.engine.QuestionParser;
import dev.tianshu.nl2sql.engine.Reading;
import dev.tianshu.nl2sql.engine.SqlWriter;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.repository.ConversationRepository.Conversation;
import io.vertx.core.json.JsonObject;

/**
 * Answers one turn of a conversation with the built-in engine: the question is read against the conversation's model
 * (continuing its previous reading), compiled to SQL in the model's dialect, or answered as type "assistant" with
 * what was understood and the columns that can be asked about.
 */
@ApplicationScoped
public class ChatService {

    /** An answer in the seed's data shape, the engine that gave it and the reading to remember (null if none). */
    public record Answer(String type, String content, String question, String engine, JsonObject reading) {

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", type);
            data.put("content", content);
            data.put("question", question);
            return data;
        }
    }

    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemDefaultZone();

    ChatService(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Answer answer(Conversation conversation, String input) {
        SemanticModel model = mapper.convertValue(conversation.model().getMap(), SemanticModel.class);
        Reading previous = conversation.reading() == null ? null
                : mapper.convertValue(conversation.reading().getMap(), Reading.class);
        QuestionParser.Parse parse = QuestionParser.parse(input, model, new Lexicon(model), LocalDate.now(clock),
                previous);
        if (parse.reading().isEmpty()) {
            return new Answer("assistant", notUnderstood(model, parse.understood(), conversation.language()), null,
                    "builtin", null);
        }
        Reading reading = parse.reading().get();
        try {
            String sql = SqlWriter.write(reading, model);
            return new Answer("sql", sql, parse.question(), "builtin",
                    new JsonObject(mapper.convertValue(reading, Map.class)));
        } catch (IllegalArgumentException e) {
            return new Answer("error", e.getMessage(), parse.question(), "builtin", null);
        }
    }

    private static String notUnderstood(SemanticModel model, List<String> understood, String language) {
        List<String> columns = model.tables().stream().flatMap(t -> t.columns().stream())
                .map(SemanticModel.Column::columnDisplayName).distinct().limit(12).toList();
        if ("english".equals(language)) {
            return (understood.isEmpty() ? "I could not relate the question to the data model."
                    : "I understood: " + String.join(", ", understood) + ", but not which data to show.")
                    + " You can ask about: " + String.join(", ", columns) + ".";
        }
        return (understood.isEmpty() ? "没有在数据模型中找到与问题对应的内容。"
                : "我理解到：" + String.join("、", understood) + "，但不清楚要查询哪些数据。")
                + "可以询问的列有：" + String.join("、", columns) + "。";
    }
}
