package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SQL on one line ending with one ';', with comments removed and literals untouched. */
class SqlOneLineTest {

    @Test
    void whitespaceIsCollapsedAndOneSemicolonEnds() {
        assertEquals("SELECT a AS 名称 FROM t WHERE b = 1;",
                SqlOneLine.normalize("SELECT a AS 名称\n  FROM t\n\tWHERE b = 1"));
        assertEquals("SELECT 1;", SqlOneLine.normalize("  SELECT 1 ;; \n"));
        assertEquals("", SqlOneLine.normalize("  ;\n"));
        assertEquals("", SqlOneLine.normalize(null));
    }

    @Test
    void commentsDoNotSwallowTheRestOfTheLine() {
        assertEquals("SELECT a FROM t WHERE x = 1;",
                SqlOneLine.normalize("SELECT a -- the name\nFROM t /* outer /* nested */ */\nWHERE x = 1; -- done"));
    }

    @Test
    void literalsAndQuotedIdentifiersAreCopiedUnchanged() {
        assertEquals("SELECT 'a  -- b;\n c' AS \"x  y\" FROM t;",
                SqlOneLine.normalize("SELECT 'a  -- b;\n c' AS \"x  y\"\nFROM t;"));
        assertEquals("SELECT 'it''s' , E'a\\'  b', $$ x -- y $$ FROM t;",
                SqlOneLine.normalize("SELECT 'it''s' ,\nE'a\\'  b', $$ x -- y $$ FROM t"));
    }

    @Test
    void aSurroundingCodeFenceIsDropped() {
        assertEquals("SELECT 1;", SqlOneLine.normalize("```sql\nSELECT 1\n```"));
    }
}
