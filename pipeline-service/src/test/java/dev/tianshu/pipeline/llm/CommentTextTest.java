package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Generated comments are one clean line; apologies are recognised. */
class CommentTextTest {

    @Test
    void labelsQuotesMarkdownAndCountsAreStripped() {
        assertEquals("高速公路服务区基础信息表", CommentText.sanitize("表注释：高速公路服务区基础信息表"));
        assertEquals("服务区名称", CommentText.sanitize("字段注释: \"服务区名称\""));
        assertEquals("服务区名称", CommentText.sanitize("**注释**：“服务区名称”"));
        assertEquals("服务区名称", CommentText.sanitize("- 中文注释：服务区名称"));
        assertEquals("每日经营数据表，记录营收", CommentText.sanitize("每日经营数据表，记录营收（12字）"));
        assertEquals("Comment text", CommentText.sanitize("comment: Comment text"));
    }

    @Test
    void oneLineWithoutAsciiSemicolonsAndBounded() {
        assertEquals("第一行 第二行；第三段", CommentText.sanitize("第一行\n  第二行;第三段\r\n"));
        String longText = "很".repeat(300);
        assertEquals(CommentText.MAX_LENGTH, CommentText.sanitize(longText).length());
        assertFalse(CommentText.sanitize("a;b;c").contains(";"));
        assertEquals("", CommentText.sanitize(null));
    }

    @Test
    void firstLineSkipsFencesHeadingsAndBlankLines() {
        assertEquals("服务区基础信息表", CommentText.firstLine("\n# 表注释\n```\n表注释：服务区基础信息表\n```\n说明：略"));
        assertEquals("", CommentText.firstLine("```\n```"));
    }

    @Test
    void apologiesAndRefusalsAreRecognised() {
        assertTrue(Refusals.looksLikeRefusal("抱歉，我暂时无法回答您的问题。请稍后再试。"));
        assertTrue(Refusals.looksLikeRefusal("I'm sorry, but I cannot help with that."));
        assertTrue(Refusals.looksLikeRefusal("As an AI language model, I can’t"));
        assertFalse(Refusals.looksLikeRefusal("服务区每日经营数据表"));
        assertFalse(Refusals.looksLikeRefusal("无法识别车型的车辆数量"));
        LlmAnswerException e = assertThrows(LlmAnswerException.class, () -> Refusals.reject("对不起，我不能", "表注释"));
        assertTrue(e.getMessage().contains("表注释"), e.getMessage());
    }
}
