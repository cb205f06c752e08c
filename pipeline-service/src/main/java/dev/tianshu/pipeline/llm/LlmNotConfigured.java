package dev.tianshu.pipeline.llm;

/** An LLM engine was used although no LLM is configured (no TIANSHU_LLM_BASE_URL). */
public class LlmNotConfigured extends RuntimeException {

    public LlmNotConfigured() {
        super("未配置大模型（LLM）：请设置 TIANSHU_LLM_BASE_URL、TIANSHU_LLM_API_KEY 和 TIANSHU_LLM_MODEL");
    }
}
