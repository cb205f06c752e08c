package dev.tianshu.common.llm;

import java.util.Locale;

/**
 * Where the JSON of an LLM answer is, read strictly: either the whole answer (whitespace aside) is the JSON, or the
 * answer holds exactly one fenced block ({@code ```json} or plain {@code ```}) whose content is. Anything else is a
 * {@link Problem} the caller words in its own language (pipeline-service's LlmJson, nl2sql-service's StrictJson).
 */
public final class FencedJson {

    /** Why an answer holds no JSON to read. */
    public enum Problem {
        /** the answer is empty */
        EMPTY,
        /** neither JSON nor a code block */
        NO_JSON,
        /** more than one code block ({@link Found#blocks()}) */
        BLOCKS,
        /** an odd number of fences */
        UNCLOSED,
        /** a block of another language ({@link Found#language()}) */
        NOT_JSON_BLOCK,
        /** an empty block */
        EMPTY_BLOCK
    }

    /**
     * The JSON text to read ({@code json}, from a code block when {@code block}), or the {@code problem} with the
     * number of blocks or the block's language.
     */
    public record Found(String json, boolean block, Problem problem, int blocks, String language) {

        static Found problem(Problem problem, int blocks, String language) {
            return new Found(null, false, problem, blocks, language);
        }
    }

    private static final String FENCE = "```";

    private FencedJson() {
    }

    public static Found find(String answer) {
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty()) {
            return Found.problem(Problem.EMPTY, 0, "");
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return new Found(text, false, null, 0, "");
        }
        int fences = 0;
        for (int i = text.indexOf(FENCE); i >= 0; i = text.indexOf(FENCE, i + FENCE.length())) {
            fences++;
        }
        if (fences == 0) {
            return Found.problem(Problem.NO_JSON, 0, "");
        }
        if (fences != 2) {
            return Found.problem(fences % 2 == 0 ? Problem.BLOCKS : Problem.UNCLOSED, fences / 2, "");
        }
        int open = text.indexOf(FENCE);
        int close = text.indexOf(FENCE, open + FENCE.length());
        String block = text.substring(open + FENCE.length(), close);
        int newline = block.indexOf('\n');
        String language = (newline < 0 ? "" : block.substring(0, newline)).strip().toLowerCase(Locale.ROOT);
        if (newline < 0 || !(language.isEmpty() || language.equals("json"))) {
            return Found.problem(Problem.NOT_JSON_BLOCK, 1, language);
        }
        String body = block.substring(newline + 1).strip();
        return body.isEmpty() ? Found.problem(Problem.EMPTY_BLOCK, 1, language) : new Found(body, true, null, 1, language);
    }
}
