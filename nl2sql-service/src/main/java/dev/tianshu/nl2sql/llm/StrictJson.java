package dev.tianshu.nl2sql.llm;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.llm.FencedJson;

/**
 * Reads the JSON of an LLM answer strictly: either the whole answer (whitespace aside) is one JSON value, or the
 * answer holds exactly one fenced block ({@code ```json} or plain {@code ```}) whose whole content is one JSON
 * value. Prose around bare JSON, two blocks, a block of another language, truncated or trailing text are refused
 * with an {@link IllegalArgumentException} saying why (the reason is sent back to the LLM for repair).
 *
 * <p>Where the JSON is comes from common's {@link FencedJson}, as for pipeline-service's {@code LlmJson.parse}.
 */
final class StrictJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    static JsonNode parse(String answer) {
        FencedJson.Found found = FencedJson.find(answer);
        if (found.problem() != null) {
            throw new IllegalArgumentException(switch (found.problem()) {
                case EMPTY -> "the answer is empty";
                case NO_JSON -> "the answer is not JSON and holds no ```json block";
                case BLOCKS -> "the answer must hold exactly one code block, it holds " + found.blocks();
                case UNCLOSED -> "the answer holds an unclosed code block";
                case NOT_JSON_BLOCK -> "the code block is not JSON (```" + found.language() + ")";
                case EMPTY_BLOCK -> "the code block is empty";
            });
        }
        return read(found.json());
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
}
