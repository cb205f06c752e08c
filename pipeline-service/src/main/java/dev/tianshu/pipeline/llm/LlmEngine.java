package dev.tianshu.pipeline.llm;

/**
 * What the LLM engines of the steps share: their engine name is the model's ("llm:&lt;model&gt;"), and they are
 * available exactly when an LLM is configured.
 */
public abstract class LlmEngine {

    protected LlmClient llm;

    /** For CDI's client proxies only. */
    protected LlmEngine() {
    }

    protected LlmEngine(LlmClient llm) {
        this.llm = llm;
    }

    public String engine() {
        return llm.engine();
    }

    public boolean available() {
        return llm.configured();
    }
}
