package dev.tianshu.pipeline.llm;

/** A filled-in prompt: the system message and the user message of one chat request. */
public record Prompt(String system, String user) {
}
