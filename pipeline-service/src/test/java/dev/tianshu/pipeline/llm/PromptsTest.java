package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The prompt templates load, fill every placeholder, and refuse to run with one missing. */
class PromptsTest {

    static final Map<String, Set<String>> PLACEHOLDERS = Map.of(
            Prompts.TABLE_COMMENT, Set.of("business_context", "table", "existing_comment", "column_count",
                    "row_count", "columns", "sample_rows"),
            Prompts.COLUMN_COMMENTS, Set.of("business_context", "table", "table_comment", "columns",
                    "missing_columns"),
            Prompts.THEMES, Set.of("business_context", "db_name", "markdown", "table_names", "count"),
            Prompts.QUESTION_SQL, Set.of("business_context", "topic_name", "description", "related_tables",
                    "biz_entities", "biz_metrics", "markdown", "soft_delete_tables", "count"),
            Prompts.DECISION_PROMPT, Set.of("business_context", "db_name", "markdown", "themes"),
            Prompts.SQL_REPAIR, Set.of("count", "ddl", "items"));

    @Test
    void everyPromptHasTheExpectedPlaceholdersAndFillsCompletely() {
        PLACEHOLDERS.forEach((name, expected) -> {
            Set<String> used = new java.util.HashSet<>(Prompts.placeholders(name + ".system"));
            used.addAll(Prompts.placeholders(name + ".user"));
            assertEquals(expected, used, name);
            Map<String, Object> values = new HashMap<>();
            expected.forEach(p -> values.put(p, "<" + p + ">"));
            Prompt prompt = Prompts.render(name, values);
            assertFalse(prompt.system().isBlank(), name);
            assertFalse(prompt.system().contains("{{") || prompt.user().contains("{{"), name);
            String text = prompt.system() + prompt.user();
            expected.forEach(p -> assertTrue(text.contains("<" + p + ">"), name + " " + p));
        });
        assertEquals(Set.of("index", "question", "sql", "error"), Prompts.placeholders(Prompts.SQL_REPAIR_ITEM));
    }

    @Test
    void aMissingValueFailsAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prompts.render(Prompts.THEMES, Map.of("business_context", "x", "db_name", "d", "markdown", "m",
                        "count", 5)));
        assertTrue(e.getMessage().contains("table_names"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Prompts.render("no-such-prompt", Map.of()));
    }

    @Test
    void valuesAreInsertedVerbatimAndNotExpandedAgain() {
        String item = Prompts.fragment(Prompts.SQL_REPAIR_ITEM, Map.of("index", 1, "question", "{{sql}} $1 \\ 问",
                "sql", "SELECT '$0' AS 金额;", "error", "{{error}}"));
        assertTrue(item.contains("问题：{{sql}} $1 \\ 问"), item);
        assertTrue(item.contains("SELECT '$0' AS 金额;"), item);
        assertTrue(item.contains("数据库错误：{{error}}"), item);
    }

    @Test
    void promptsDoNotLeakTheOriginalsExampleTable() {
        for (String name : PLACEHOLDERS.keySet()) {
            for (String part : List.of(".system", ".user")) {
                assertFalse(Prompts.template(name + part).contains("bss_"), name + part);
            }
        }
    }
}
