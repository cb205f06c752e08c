package dev.tianshu.pipeline.step.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.model.QaPair;

class PairCleanupTest {

    @Test
    void putsSqlOnOneLineWithoutComments() {
        assertEquals("SELECT a FROM t WHERE b = 1;", PairCleanup.sql("SELECT a -- the a\nFROM t\n\tWHERE b = 1"));
        assertEquals("SELECT a FROM t;", PairCleanup.sql("SELECT a /* block\n comment */ FROM t;;  \n"));
        assertEquals("SELECT 'a  b -- not a comment' AS \"x  y\" FROM t;",
                PairCleanup.sql("SELECT 'a  b -- not a comment'   AS \"x  y\"\nFROM t ;"));
        assertEquals("SELECT 'it''s' FROM t;", PairCleanup.sql("SELECT 'it''s' FROM t"));
        assertEquals("", PairCleanup.sql("  -- only a comment\n ; "));
        assertEquals("", PairCleanup.sql(null));
    }

    @Test
    void dropsEmptyAndRepeatedQuestions() {
        Set<String> seen = new HashSet<>(List.of("已有的问题？"));
        List<QaPair> kept = PairCleanup.clean(List.of(
                new QaPair(" 问题\n一？ ", "SELECT 1"),
                new QaPair("问题 一？", "SELECT 2;"),
                new QaPair("已有的问题？", "SELECT 3;"),
                new QaPair("问题二？", "  "),
                new QaPair(null, "SELECT 4;"),
                new QaPair("问题三？", "SELECT 5;")), seen);
        assertEquals(List.of(new QaPair("问题 一？", "SELECT 1;"), new QaPair("问题三？", "SELECT 5;")), kept);
        assertEquals(Set.of("已有的问题？", "问题 一？", "问题三？"), seen);
    }
}
