package dev.tianshu.pipeline.llm;

/**
 * The LLM answered, but the answer cannot be used: not the strict JSON asked for, missing or wrongly typed fields,
 * the wrong number of entries, a refusal. It makes the attempt fail, so the request is retried.
 */
public class LlmAnswerException extends RuntimeException {

    public LlmAnswerException(String message) {
        super(message);
    }

    public LlmAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
