package dev.tianshu.nl2sql.llm;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON of an LLM answer strictly: either the whole answer (whitespace aside) is one JSON value, or the
 * answer holds exactly one fenced block ({@code ```json} or plain {@code ```}) whose whole content is one JSON
 * value. Prose around bare JSON, two blocks, a block of another language, truncated or trailing text are refused
 * with an {@link IllegalArgumentException} saying why (the reason is sent back to the LLM for repair).
 *
 * <p>The same rules as pipeline-service's {@code LlmJson.parse}; nl2sql-service cannot depend on pipeline-service.
 */
final class StrictJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String FENCE = "```";

    private StrictJson() {
    }

    static JsonNode parse(String answer) {
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the answer is empty");
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return read(text);
        }
        int fences = count(text, FENCE);
        if (fences == 0) {
            throw new IllegalArgumentException("the answer is not JSON and holds no ```json block");
        }
        if (fences != 2) {
            throw new IllegalArgumentException(fences % 2 == 0
                    ? "the answer must hold exactly one code block, it holds " + fences / 2
                    : "the answer holds an unclosed code block");
        }
        int open = text.indexOf(FENCE);
        int close = text.indexOf(FENCE, open + FENCE.length());
        String block = text.substring(open + FENCE.length(), close);
        int newline = block.indexOf('\n');
        String language = (newline < 0 ? "" : block.substring(0, newline)).strip().toLowerCase(Locale.ROOT);
        if (newline < 0 || !(language.isEmpty() || language.equals("json"))) {
            throw new IllegalArgumentException("the code block is not JSON (```" + language + ")");
        }
        String body = block.substring(newline + 1).strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("the code block is empty");
        }
        return read(body);
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("the JSON is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String why = String.valueOf(e.getOriginalMessage());
            int location = why.indexOf(" (start marker");
            why = location > 0 ? why.substring(0, location) : why;
            why = why.length() > 160 ? why.substring(0, 160) + "…" : why;
            throw new IllegalArgumentException("the JSON is not complete and valid (" + why + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the JSON cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
