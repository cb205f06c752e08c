package dev.tianshu.pipeline.llm;

import java.time.Duration;

/** One call to the LLM took longer than the configured time-out; it counts as a failed attempt. */
public class LlmTimeout extends RuntimeException {

    public LlmTimeout(Duration timeout) {
        super("LLM调用超时（超过" + (timeout.toMillis() % 1000 == 0 ? Long.toString(timeout.toSeconds())
                : String.format("%.1f", timeout.toMillis() / 1000.0)) + "秒未返回）");
    }
}
