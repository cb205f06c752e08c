package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Strict JSON out of LLM answers: the whole answer, or exactly one fenced block — nothing else. */
class LlmJsonTest {

    @Test
    void wholeAnswerIsJson() {
        assertEquals(1, LlmJson.parse("  {\"a\": 1}\n").get("a").asInt());
        assertEquals(2, LlmJson.parse("[1, 2]").size());
    }

    @Test
    void oneFencedBlockIsJson() {
        assertEquals(1, LlmJson.parse("```json\n{\"a\": 1}\n```").get("a").asInt());
        assertEquals(1, LlmJson.parse("```JSON\n{\"a\": 1}```").get("a").asInt());
        assertEquals(1, LlmJson.parse("```\n{\"a\": 1}\n```").get("a").asInt());
        assertEquals(1, LlmJson.parse("结果如下：\n```json\n{\"a\": 1}\n```\n请查收。").get("a").asInt(),
                "text outside the one fenced block does not matter");
    }

    @Test
    void proseAroundBareJsonIsRefused() {
        assertRefused("好的，结果是：{\"a\": 1}", "不是JSON");
        assertRefused("{\"a\": 1}\n以上就是结果", "不是完整的JSON");
        assertRefused("{\"a\": 1} {\"b\": 2}", "不是完整的JSON");
    }

    @Test
    void anythingElseIsRefused() {
        assertRefused("", "响应为空");
        assertRefused("   ", "响应为空");
        assertRefused("{\"a\": 1", "不是完整的JSON");
        assertRefused("```json\n{\"a\": 1}\n```\n```json\n{\"b\": 2}\n```", "实际有2个");
        assertRefused("```json\n{\"a\": 1}\n", "未闭合");
        assertRefused("```sql\nSELECT 1;\n```", "代码块不是JSON");
        assertRefused("```json\n```", "代码块为空");
        assertRefused("```json\n{\"a\": 1} 多余\n```", "代码块不是完整的JSON");
    }

    @Test
    void fieldHelpersRefuseMissingAndWronglyTypedFields() {
        JsonNode node = LlmJson.parse("{\"s\": \"x\", \"blank\": \" \", \"n\": 1, \"list\": [\"a\", \" \", \"b\"],"
                + " \"mixed\": [\"a\", 1], \"o\": {}}");
        assertEquals("x", LlmJson.text(node, "s"));
        assertEquals(List.of("a", "b"), LlmJson.texts(node, "list"));
        assertTrue(LlmJson.object(node, "o").isObject());
        for (Runnable bad : List.<Runnable>of(() -> LlmJson.text(node, "missing"), () -> LlmJson.text(node, "n"),
                () -> LlmJson.text(node, "blank"), () -> LlmJson.texts(node, "mixed"),
                () -> LlmJson.array(node, "s"), () -> LlmJson.object(node, "list"),
                () -> LlmJson.array(node, null))) {
            LlmAnswerException e = assertThrows(LlmAnswerException.class, bad::run);
            assertTrue(e.getMessage().startsWith("LLM响应的JSON不符合要求: 缺少字段"), e.getMessage());
        }
    }

    private static void assertRefused(String answer, String why) {
        LlmAnswerException e = assertThrows(LlmAnswerException.class, () -> LlmJson.parse(answer));
        assertTrue(e.getMessage().startsWith(LlmJson.PARSE_FAILURE), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
