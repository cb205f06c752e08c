package dev.tianshu.pipeline.step.qa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.sql.ReadOnlySql;
import dev.tianshu.pipeline.llm.LlmAnswerException;
import dev.tianshu.pipeline.llm.LlmClient;
import dev.tianshu.pipeline.llm.LlmEngine;
import dev.tianshu.pipeline.llm.LlmJson;
import dev.tianshu.pipeline.llm.Prompt;
import dev.tianshu.pipeline.llm.Prompts;
import dev.tianshu.pipeline.llm.Refusals;
import dev.tianshu.pipeline.llm.SchemaText;
import dev.tianshu.pipeline.llm.SqlOneLine;
import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TaskParameters;
import dev.tianshu.pipeline.model.Theme;
import io.smallrye.mutiny.Uni;

/**
 * Step 2's LLM engine: business themes over the tables' markdown, question–SQL pairs per theme, and the text of
 * db_query_decision_prompt.txt, each one request. Answers are checked before they are used: a theme's
 * related_tables keep only tables of the schema (a theme left with none is dropped); every pair needs a question
 * and an SQL, written on one line ending with ';', and SQL that would change anything is dropped.
 */
@ApplicationScoped
public class LlmQuestionSqlGenerator extends LlmEngine implements QuestionSqlGenerator {

    static final String SOFT_DELETE_COLUMN = "delete_ts";


    LlmQuestionSqlGenerator(LlmClient llm) {
        super(llm);
    }

    @Override
    public Uni<List<Theme>> themes(SchemaDocs schema, String businessContext, int count) {
        Prompt prompt = Prompts.render(Prompts.THEMES, Map.of(
                "business_context", context(businessContext),
                "db_name", dbName(schema),
                "markdown", SchemaText.all(schema, SchemaText.MAX_CHARS),
                "table_names", String.join(", ", SchemaText.tableNames(schema)),
                "count", count));
        return llm.chatJson(prompt.system(), prompt.user(), root -> readThemes(root, schema, count));
    }

    static List<Theme> readThemes(JsonNode root, SchemaDocs schema, int count) {
        Map<String, Theme> themes = new LinkedHashMap<>();
        for (JsonNode item : LlmJson.array(LlmJson.object(root, null), "themes")) {
            LlmJson.object(item, null);
            String topic = oneLine(LlmJson.text(item, "topic_name"));
            String description = oneLine(LlmJson.text(item, "description"));
            List<String> named = LlmJson.texts(item, "related_tables");
            List<String> entities = LlmJson.texts(item, "biz_entities").stream().map(t -> oneLine(t)).toList();
            List<String> metrics = LlmJson.texts(item, "biz_metrics").stream().map(t -> oneLine(t)).toList();
            Set<String> related = new LinkedHashSet<>();
            for (String table : named) {
                SchemaText.resolve(schema, table).ifPresent(related::add);
            }
            if (!related.isEmpty() && themes.size() < count) {
                themes.putIfAbsent(topic, new Theme(topic, description, List.copyOf(related), entities, metrics));
            }
        }
        if (themes.isEmpty()) {
            throw new LlmAnswerException("LLM生成的主题中没有一个引用了表清单中的表");
        }
        return List.copyOf(themes.values());
    }

    @Override
    public Uni<List<QaPair>> pairs(SchemaDocs schema, String businessContext, Theme theme, int count) {
        List<String> related = theme.relatedTables() == null ? List.of() : theme.relatedTables();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("business_context", context(businessContext));
        values.put("topic_name", theme.topicName());
        values.put("description", theme.description());
        values.put("related_tables", String.join(", ", related));
        values.put("biz_entities", String.join("、", orEmpty(theme.bizEntities())));
        values.put("biz_metrics", String.join("、", orEmpty(theme.bizMetrics())));
        values.put("markdown", related.isEmpty() ? SchemaText.all(schema, SchemaText.MAX_CHARS)
                : SchemaText.of(schema, related, SchemaText.MAX_CHARS));
        values.put("soft_delete_tables", softDeleteTables(schema, related));
        values.put("count", count);
        Prompt prompt = Prompts.render(Prompts.QUESTION_SQL, values);
        return llm.chatJson(prompt.system(), prompt.user(), root -> readPairs(root, count));
    }

    static List<QaPair> readPairs(JsonNode root, int count) {
        Map<String, QaPair> pairs = new LinkedHashMap<>();
        for (JsonNode item : LlmJson.array(root, null)) {
            LlmJson.object(item, null);
            String question = oneLine(LlmJson.text(item, "question"));
            String sql = SqlOneLine.normalize(LlmJson.text(item, "sql"));
            if (sql.isEmpty() || writes(sql) || pairs.size() == count) {
                continue;
            }
            pairs.putIfAbsent(question, new QaPair(question, sql));
        }
        if (pairs.isEmpty()) {
            throw new LlmAnswerException("LLM没有生成可用的问题和SQL");
        }
        return List.copyOf(pairs.values());
    }

    /**
     * Whether the SQL is certainly not a read-only query. SQL the checker cannot parse is kept: PostgreSQL may well
     * accept it, and step 3 validates every statement against the database anyway.
     */
    private static boolean writes(String sql) {
        ReadOnlySql.Verdict verdict = ReadOnlySql.check(sql);
        return !verdict.allowed() && verdict.kind() != ReadOnlySql.Kind.UNPARSABLE;
    }

    @Override
    public Uni<String> decisionPrompt(SchemaDocs schema, String businessContext, List<Theme> themes) {
        List<String> lines = new ArrayList<>();
        for (Theme t : themes == null ? List.<Theme>of() : themes) {
            lines.add("- " + t.topicName() + "：" + t.description()
                    + "（业务实体：" + String.join("、", orEmpty(t.bizEntities()))
                    + "；业务指标：" + String.join("、", orEmpty(t.bizMetrics())) + "）");
        }
        Prompt prompt = Prompts.render(Prompts.DECISION_PROMPT, Map.of(
                "business_context", context(businessContext),
                "db_name", dbName(schema),
                "markdown", SchemaText.all(schema, SchemaText.MAX_CHARS),
                "themes", lines.isEmpty() ? "（无）" : String.join("\n", lines)));
        return llm.chat(prompt.system(), prompt.user(), LlmQuestionSqlGenerator::readDecisionPrompt);
    }

    static final String DECISION_HEADER = "=== 数据库业务范围 ===";

    static String readDecisionPrompt(String answer) {
        String text = answer.strip();
        if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
            int newline = text.indexOf('\n');
            text = newline < 0 ? "" : text.substring(newline + 1, text.length() - 3).strip();
        }
        Refusals.reject(text, "数据库业务范围说明");
        if (text.isBlank()) {
            throw new LlmAnswerException("LLM没有给出数据库业务范围说明");
        }
        int header = text.indexOf(DECISION_HEADER);
        return header >= 0 ? text.substring(header) : DECISION_HEADER + "\n" + text;
    }

    /** The tables among {@code related} (all tables when none) that have a delete_ts column, or "无". */
    private static String softDeleteTables(SchemaDocs schema, List<String> related) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String r : related) {
            SchemaText.resolve(schema, r).ifPresent(wanted::add);
        }
        List<String> tables = new ArrayList<>();
        for (TableDoc t : schema.tables()) {
            String name = SchemaText.tableName(t.table().ref());
            if ((wanted.isEmpty() || wanted.contains(name)) && t.table().column(SOFT_DELETE_COLUMN).isPresent()) {
                tables.add(name);
            }
        }
        return tables.isEmpty() ? "无" : String.join(", ", tables);
    }

    private static String context(String businessContext) {
        return businessContext == null || businessContext.isBlank()
                ? TaskParameters.DEFAULT_BUSINESS_CONTEXT : businessContext.strip();
    }

    private static String dbName(SchemaDocs schema) {
        return schema.dbName() == null || schema.dbName().isBlank() ? "（未命名）" : schema.dbName();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
