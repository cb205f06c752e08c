package dev.tianshu.nl2sql.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.tianshu.nl2sql.engine.Example;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.repository.ConversationRepository;
import dev.tianshu.nl2sql.sql.ModelSqlCheck;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The LLM path of /df/rest/gpt/chat, on when an OpenAI-compatible model is configured ({@code tianshu.llm.base-url}):
 * the model is prompted with the conversation's semantic model, the retrieved examples and the conversation so far
 * (see {@link Nl2SqlPrompt}) and must answer one strict JSON object
 * {@code {"type":"sql"|"assistant","sql","question","answer"}}.
 *
 * <p>A SQL answer is only ever returned after {@link ModelSqlCheck} found it to be one read-only query over the
 * model's tables and columns. An answer that is not the JSON asked for, whose SQL does not pass, or whose assistant
 * text carries a data- or schema-changing statement is sent back with the problem, up to {@link #MAX_REPAIRS}
 * times. When it is still unusable, or the model cannot be reached, fails or exceeds the time-out
 * ({@code tianshu.llm.timeout} per call), the answer is empty and the caller answers with the built-in engine.
 *
 * <p>{@link #answer} blocks: call it on a worker thread. Without a base URL {@link #enabled()} is false, answers are
 * empty and nothing ever connects.
 */
@ApplicationScoped
public class LlmSqlEngine {

    /**
     * An answer in the seed's data shape.
     *
     * @param type     "sql" or "assistant"
     * @param content  the checked SELECT, or the assistant's plain text
     * @param question the normalised question (type sql only, else null)
     * @param repairs  how many repair requests it took (0 when the first answer was used)
     */
    public record LlmAnswer(String type, String content, String question, int repairs) {
    }

    /** Repair requests after the first answer; at most 1 + MAX_REPAIRS calls per question. */
    public static final int MAX_REPAIRS = 2;

    /** Longest assistant text returned; longer text is cut. */
    static final int MAX_ASSISTANT_LENGTH = 1_000;

    /** Statements that change data or schema, as they would be written inside an assistant's prose. */
    private static final Pattern MODIFYING_SQL = Pattern.compile("(?is)\\b(?:"
            + "delete\\s+from|insert\\s+(?:ignore\\s+)?into|replace\\s+into|merge\\s+into|upsert\\s+into"
            + "|update\\s+[\\w`\"\\[\\].]+\\s+set|truncate\\s+(?:table\\s+)?[\\w`\"]"
            + "|drop\\s+(?:table|database|schema|view|index|user|function|procedure|trigger|sequence)"
            + "|alter\\s+(?:table|database|schema|view|user|system)"
            + "|create\\s+(?:or\\s+replace\\s+)?(?:temporary\\s+)?(?:table|database|schema|view|index|user|function"
            + "|procedure|trigger)|grant\\s+[\\w ,]+\\s+on|revoke\\s+[\\w ,]+\\s+on|rename\\s+table"
            + "|copy\\s+[\\w`\"]+\\s+(?:from|to)|lock\\s+tables?)\\b");

    private static final Logger LOG = Logger.getLogger(LlmSqlEngine.class);

    private final ChatModel chat;
    private final Optional<String> baseUrl;
    private final Duration timeout;
    Clock clock = Clock.systemDefaultZone();

    @Inject
    LlmSqlEngine(ChatModel chat,
            @ConfigProperty(name = "tianshu.llm.base-url") Optional<String> baseUrl,
            @ConfigProperty(name = "tianshu.llm.timeout", defaultValue = "60s") Duration timeout) {
        this.chat = chat;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** Whether an LLM is configured (TIANSHU_LLM_BASE_URL set). */
    public boolean enabled() {
        return baseUrl.filter(url -> !url.isBlank()).isPresent();
    }

    /**
     * The LLM's answer to {@code input} in the conversation, or empty when the LLM is off, unreachable, too slow,
     * or gave nothing usable after {@link #MAX_REPAIRS} repairs. Blocking.
     *
     * @param language the conversation's language, "chinese" or "english"
     * @param examples similar stored question–SQL pairs (best first; the first few are used)
     * @param history  the conversation's previous turns, oldest first (the last few are used)
     */
    public Optional<LlmAnswer> answer(SemanticModel model, String language, List<Example> examples,
            List<ConversationRepository.Turn> history, String input) {
        if (!enabled() || model == null || input == null || input.isBlank()) {
            return Optional.empty();
        }
        Nl2SqlPrompt.Messages prompt = Nl2SqlPrompt.render(model, language, examples, history, input,
                LocalDate.now(clock));
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(prompt.system()));
        messages.add(UserMessage.from(prompt.user()));
        for (int repairs = 0; repairs <= MAX_REPAIRS; repairs++) {
            String text;
            try {
                text = call(List.copyOf(messages));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (TimeoutException e) {
                LOG.warnf("LLM did not answer within %s; the built-in engine answers", timeout);
                return Optional.empty();
            } catch (Exception e) {
                LOG.warnf("LLM call failed (%s); the built-in engine answers", describe(e));
                return Optional.empty();
            }
            Reply reply = read(text, model, input);
            if (reply.problem() == null) {
                LlmAnswer a = reply.answer();
                return Optional.of(new LlmAnswer(a.type(), a.content(), a.question(), repairs));
            }
            LOG.infof("LLM answer %d/%d unusable: %s", repairs + 1, MAX_REPAIRS + 1, reply.problem());
            messages.add(AiMessage.from(Nl2SqlPrompt.oneLine(text, 8_000)));
            messages.add(UserMessage.from(Nl2SqlPrompt.repair(reply.problem())));
        }
        return Optional.empty();
    }

    /** What an answer amounts to: a usable answer, or the problem to send back. */
    record Reply(LlmAnswer answer, String problem) {

        static Reply problem(String problem) {
            return new Reply(null, problem);
        }
    }

    /** Reads one answer of the LLM; never passes anything but a checked SELECT as type sql. */
    static Reply read(String text, SemanticModel model, String input) {
        JsonNode json;
        try {
            json = StrictJson.parse(text);
        } catch (IllegalArgumentException e) {
            return Reply.problem("the answer is not the single JSON object asked for: " + e.getMessage());
        }
        if (!json.isObject()) {
            return Reply.problem("the answer must be one JSON object {\"type\",\"sql\",\"question\",\"answer\"}");
        }
        String type = field(json, "type").toLowerCase(Locale.ROOT);
        String question = field(json, "question");
        switch (type) {
            case "sql": {
                String sql = withoutTrailingSemicolons(field(json, "sql"));
                if (sql.isEmpty()) {
                    return Reply.problem("\"type\" is \"sql\" but \"sql\" is empty");
                }
                Optional<String> problem = ModelSqlCheck.problem(sql, model);
                if (problem.isPresent()) {
                    return Reply.problem("the SQL cannot be used: " + problem.get());
                }
                return new Reply(new LlmAnswer("sql", sql, question.isEmpty() ? input.strip() : question, 0), null);
            }
            case "assistant": {
                String answer = field(json, "answer");
                if (answer.isEmpty()) {
                    return Reply.problem("\"type\" is \"assistant\" but \"answer\" is empty");
                }
                if (answer.contains("```") || MODIFYING_SQL.matcher(answer).find()) {
                    return Reply.problem("an \"assistant\" answer must be plain text without any SQL statement");
                }
                String plain = Nl2SqlPrompt.oneLine(answer, MAX_ASSISTANT_LENGTH);
                return new Reply(new LlmAnswer("assistant", plain, null, 0), null);
            }
            default:
                return Reply.problem("\"type\" must be \"sql\" or \"assistant\""
                        + (type.isEmpty() ? "" : ", not \"" + Nl2SqlPrompt.oneLine(type, 40) + "\""));
        }
    }

    /** A text field, stripped; empty when absent, null or not text. */
    private static String field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || !value.isTextual() ? "" : value.asText().strip();
    }

    private static String withoutTrailingSemicolons(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }

    /** One chat request, bounded by the time-out. */
    private String call(List<ChatMessage> messages) throws Exception {
        CompletableFuture<String> future = CompletableFuture.supplyAsync(() -> {
            ChatResponse response = chat.chat(ChatRequest.builder().messages(messages).build());
            AiMessage message = response == null ? null : response.aiMessage();
            String text = message == null ? null : message.text();
            if (text == null || text.isBlank()) {
                throw new IllegalStateException("the LLM returned an empty answer");
            }
            return text;
        }, Infrastructure.getDefaultWorkerPool());
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Nl2SqlPrompt.oneLine(message, 300);
    }
}
