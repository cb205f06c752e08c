package dev.tianshu.pipeline.llm;

/**
 * A request to the LLM failed for good: every attempt failed (error, time-out or unusable answer). The message says
 * what was wrong with the last attempt and how many attempts were made.
 */
public class LlmException extends RuntimeException {

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
