package dev.tianshu.nl2sql.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.concurrent.Blocking;
import dev.tianshu.nl2sql.engine.ClosestColumns;
import dev.tianshu.nl2sql.engine.Example;
import dev.tianshu.nl2sql.engine.ExampleAdapter;
import dev.tianshu.nl2sql.engine.Lexicon;
import dev.tianshu.nl2sql.engine.QuestionParser;
import dev.tianshu.nl2sql.engine.Reading;
import dev.tianshu.nl2sql.engine.SqlWriter;
import dev.tianshu.nl2sql.engine.Unanswerable;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.llm.LlmSqlEngine;
import dev.tianshu.nl2sql.repository.ConversationRepository;
import dev.tianshu.nl2sql.repository.ConversationRepository.Conversation;
import dev.tianshu.nl2sql.sql.ModelSqlCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Answers one turn of a conversation, by one of three paths, and says which (conversation_turn.engine):
 * <ol>
 * <li><b>example</b>: the stored question–SQL pairs most similar to the input ({@link ExampleSearch}, best first) are
 * tried in turn; the first whose question is close enough to the input to be adapted ({@link ExampleAdapter}: same
 * words once dates, names, numbers and limits are taken out, each differing literal replaced in its SQL) and whose
 * adapted SQL passes {@link ModelSqlCheck} answers, as type "sql";</li>
 * <li><b>llm</b>: when an OpenAI-compatible model is configured, it is asked with the model's schema, the examples
 * found and the conversation so far ({@link LlmSqlEngine}: strict JSON, the SQL checked against the model and
 * repaired up to twice); when it gives nothing usable, the built-in parser answers;</li>
 * <li><b>builtin</b>: otherwise the question is read against the model ({@link QuestionParser}, continuing the
 * previous reading), compiled to SQL in the model's dialect, or answered as type "assistant" with what was
 * understood and the columns that can be asked about.</li>
 * </ol>
 * <p>A follow-up ("今年呢?", "按公司呢") is a continuation of the conversation, not a standalone question, so it goes to
 * the LLM (which sees the conversation) or else the parser, and examples are not adapted: a turn is a follow-up when
 * the parser read it as a change of the conversation's previous reading. When the parser cannot read a turn, the
 * examples are still tried. The parser's reading is remembered whichever path answered
 * (so a follow-up after an example answer continues the parser's reading of the same question), and the answer's
 * question is that reading's words, or the input itself when the parser had none.
 */
@ApplicationScoped
public class ChatService {

    /** The engines recorded in conversation_turn.engine. */
    public static final String EXAMPLE = "example";
    public static final String BUILTIN = "builtin";
    public static final String LLM = "llm";
    /** Earlier turns the LLM sees. */
    static final int HISTORY = 10;

    private static final Logger LOG = Logger.getLogger(ChatService.class);

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
    private final ExampleSearch examples;
    private final LlmSqlEngine llm;
    private final ConversationRepository conversations;
    private final Clock clock = Clock.systemDefaultZone();

    ChatService(ObjectMapper mapper, ExampleSearch examples, LlmSqlEngine llm, ConversationRepository conversations) {
        this.mapper = mapper;
        this.examples = examples;
        this.llm = llm;
        this.conversations = conversations;
    }

    /** Answers {@code input} in {@code conversation}, whose model and lexicon are {@code compiled}. */
    public Uni<Answer> answer(Conversation conversation, ModelCache.Compiled compiled, String input) {
        SemanticModel model = compiled.model();
        Reading previous = conversation.reading() == null ? null
                : mapper.convertValue(conversation.reading().getMap(), Reading.class);
        Lexicon lexicon = compiled.lexicon();
        LocalDate today = LocalDate.now(clock);
        QuestionParser.Parse parse = QuestionParser.parse(input, model, lexicon, today, previous);
        Answer builtin = builtin(input, parse, model, conversation.language());
        boolean followUp = parse.followUp();
        if (followUp && !llm.enabled()) {
            // a follow-up: the parser continued the previous reading
            return Uni.createFrom().item(builtin);
        }
        Uni<List<ConversationRepository.Turn>> history = llm.enabled()
                ? conversations.recentTurns(conversation.chatId(), HISTORY)
                : Uni.createFrom().item(List.of());
        return examples.similar(input).flatMap(found -> {
            if (found.isEmpty() && !llm.enabled()) {
                return Uni.createFrom().item(builtin);
            }
            return history.flatMap(turns -> Blocking.call(() -> {
                // adapting parses SQL, the check may wait for its parser, the LLM blocks: not on the event loop
                Optional<Answer> answer = followUp ? Optional.empty()
                        : fromExamples(found, input, model, lexicon, today, parse);
                return answer.or(() -> fromLlm(model, conversation.language(), found, turns, input, parse))
                        .orElse(builtin);
            }));
        });
    }

    /** The LLM's answer, if one is configured and it gave a usable one. */
    private Optional<Answer> fromLlm(SemanticModel model, String language, List<Example> found,
            List<ConversationRepository.Turn> turns, String input, QuestionParser.Parse parse) {
        if (!llm.enabled()) {
            return Optional.empty();
        }
        return llm.answer(model, language, found, turns, input).map(a -> new Answer(a.type(), a.content(),
                a.question() != null ? a.question() : parse.reading().isPresent() ? parse.question() : input, LLM,
                parse.reading().map(r -> new JsonObject(mapper.convertValue(r, Map.class))).orElse(null)));
    }

    /** The first example that adapts to the input and passes the model check, as an answer. */
    private Optional<Answer> fromExamples(List<Example> found, String input, SemanticModel model, Lexicon lexicon,
            LocalDate today, QuestionParser.Parse parse) {
        for (Example example : found) {
            try {
                Optional<String> sql = ExampleAdapter.adapt(example, input, model, lexicon, today);
                if (sql.isEmpty()) {
                    continue;
                }
                Optional<String> problem = ModelSqlCheck.problem(sql.get(), model);
                if (problem.isPresent()) {
                    LOG.debugf("example \"%s\" adapted but refused: %s", example.question(), problem.get());
                    continue;
                }
                JsonObject reading = parse.reading().map(r -> new JsonObject(mapper.convertValue(r, Map.class)))
                        .orElse(null);
                return Optional.of(new Answer("sql", sql.get(),
                        parse.reading().isPresent() ? parse.question() : input, EXAMPLE, reading));
            } catch (RuntimeException e) {
                LOG.debugf(e, "example \"%s\" could not be used", example.question());
            }
        }
        return Optional.empty();
    }

    private Answer builtin(String input, QuestionParser.Parse parse, SemanticModel model, String language) {
        if (parse.reading().isEmpty()) {
            return new Answer("assistant", notUnderstood(model, input, parse.understood(), language), null, BUILTIN,
                    null);
        }
        Reading reading = parse.reading().get();
        try {
            String sql = SqlWriter.write(reading, model);
            return new Answer("sql", sql, parse.question(), BUILTIN,
                    new JsonObject(mapper.convertValue(reading, Map.class)));
        } catch (IllegalArgumentException e) {
            String reason = e instanceof Unanswerable u ? u.message(language) : e.getMessage();
            return new Answer("error", reason, parse.question(), BUILTIN, null);
        }
    }

    private static String notUnderstood(SemanticModel model, String input, List<String> understood, String language) {
        List<String> closest = ClosestColumns.of(model, input, 6);
        List<String> columns = closest.isEmpty() ? ClosestColumns.sample(model, 8) : closest;
        if ("english".equals(language)) {
            return (understood.isEmpty() ? "I could not relate the question to the data model."
                    : "I understood: " + String.join(", ", understood) + ", but not which data to show.")
                    + (closest.isEmpty() ? " You can ask about: " : " The closest columns: ")
                    + String.join(", ", columns) + ".";
        }
        return (understood.isEmpty() ? "没有在数据模型中找到与问题对应的内容。"
                : "我理解到：" + String.join("、", understood) + "，但不清楚要查询哪些数据。")
                + (closest.isEmpty() ? "可以询问的列有：" : "最接近的列：") + String.join("、", columns) + "。";
    }
}
