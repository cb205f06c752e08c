package dev.tianshu.pipeline.llm;

import java.util.List;
import java.util.Locale;

/**
 * Recognises answers in which the model apologises or refuses instead of doing the task (the original system wrote
 * "抱歉，我暂时无法回答您的问题。请稍后再试。" into table comments). Such an answer is a failed attempt, never data.
 */
public final class Refusals {

    private static final List<String> PHRASES = List.of(
            "抱歉", "对不起", "很遗憾", "无法回答", "无法提供", "无法完成", "无法生成", "无法确定该", "请稍后再试",
            "作为一个ai", "作为ai", "作为人工智能", "作为一个人工智能", "我是一个ai", "我只是一个",
            "sorry", "apolog", "as an ai", "i cannot", "i can't", "i can not", "i am unable", "i'm unable",
            "unable to help", "cannot assist", "can't assist");

    private Refusals() {
    }

    public static boolean looksLikeRefusal(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        return PHRASES.stream().anyMatch(t::contains);
    }

    /** Throws an {@link LlmAnswerException} when {@code text} is a refusal. */
    public static String reject(String text, String what) {
        if (looksLikeRefusal(text)) {
            throw new LlmAnswerException("LLM拒绝或未能完成" + what + "，回答: " + LlmJson.excerpt(text));
        }
        return text;
    }
}
