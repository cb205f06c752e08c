package dev.tianshu.pipeline.llm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.llm.FencedJson;

/**
 * Reads JSON out of an LLM answer, strictly: either the whole answer (whitespace aside) is one JSON value, or the
 * answer holds exactly one fenced code block ({@code ```json} or a plain {@code ```}) whose whole content is one
 * JSON value. Anything else — prose before or after bare JSON, two blocks, a block of another language, truncated
 * or trailing text — is refused with an {@link LlmAnswerException}, so that the attempt counts as failed. Also the
 * helpers the engines' readers use to take required fields out of the parsed value.
 */
public final class LlmJson {

    /** How the message of every parse failure starts. */
    public static final String PARSE_FAILURE = "无法解析LLM响应为JSON格式: ";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int EXCERPT = 160;

    private LlmJson() {
    }

    /** The JSON value of an answer, or an {@link LlmAnswerException} saying why there is none. */
    public static JsonNode parse(String answer) {
        FencedJson.Found found = FencedJson.find(answer);
        String text = answer == null ? "" : answer.strip();
        if (found.problem() != null) {
            throw new LlmAnswerException(PARSE_FAILURE + switch (found.problem()) {
                case EMPTY -> "响应为空";
                case NO_JSON -> "响应不是JSON，也不含```json代码块: " + excerpt(text);
                case BLOCKS -> "响应应当只含一个代码块，实际有" + found.blocks() + "个: " + excerpt(text);
                case UNCLOSED -> "响应应当只含一个代码块，实际有未闭合的代码块: " + excerpt(text);
                case NOT_JSON_BLOCK -> "代码块不是JSON（```" + found.language() + "）: " + excerpt(text);
                case EMPTY_BLOCK -> "代码块为空";
            });
        }
        return read(found.json(), found.block() ? "代码块" : "响应");
    }

    private static JsonNode read(String json, String where) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new LlmAnswerException(PARSE_FAILURE + where + "为空");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new LlmAnswerException(PARSE_FAILURE + where + "不是完整的JSON（" + e.getOriginalMessage() + "）: "
                    + excerpt(json), e);
        } catch (IOException e) {
            throw new LlmAnswerException(PARSE_FAILURE + e.getMessage(), e);
        }
    }

    /** A required object field, or the value itself when {@code field} is null; it must be a JSON object. */
    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = field == null ? node : node.get(field);
        if (value == null || !value.isObject()) {
            throw missing(field == null ? "对象" : field, "对象");
        }
        return value;
    }

    /** A required array field (or the value itself when {@code field} is null). */
    public static JsonNode array(JsonNode node, String field) {
        JsonNode value = field == null ? node : node.get(field);
        if (value == null || !value.isArray()) {
            throw missing(field == null ? "数组" : field, "数组");
        }
        return value;
    }

    /** A required, non-blank text field of an object. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw missing(field, "非空文本");
        }
        return value.asText();
    }

    /** A required array of texts; blank entries are left out, entries that are not text are refused. */
    public static List<String> texts(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(node, field)) {
            if (!item.isTextual()) {
                throw missing(field, "文本数组");
            }
            if (!item.asText().isBlank()) {
                values.add(item.asText().strip());
            }
        }
        return values;
    }

    private static LlmAnswerException missing(String field, String kind) {
        return new LlmAnswerException("LLM响应的JSON不符合要求: 缺少字段 " + field + "，或它不是" + kind);
    }

    static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "…";
    }
}
