package dev.tianshu.nl2sql.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tianshu.nl2sql.engine.Example;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.repository.ConversationRepository;

/**
 * The messages of the LLM path, from the templates {@code prompts/nl2sql.system.txt}, {@code nl2sql.user.txt} and
 * {@code nl2sql-repair.txt}: the system message holds the rules, the dialect, the schema rendered from the model
 * (tables with display names, columns with display name, type, default aggregation and samples, relations as join
 * conditions), the retrieved examples and today's date; the user message holds the conversation so far and the
 * input, both as JSON (so that nothing in them can pass for part of the prompt's own text).
 *
 * <p>Placeholders are {@code {{name}}}; every one must get a value, and values are inserted as they are, never
 * scanned for placeholders again.
 */
final class Nl2SqlPrompt {

    /** The system and user message of the first request. */
    record Messages(String system, String user) {
    }

    static final int MAX_EXAMPLES = 8;
    static final int MAX_HISTORY = 10;
    static final int MAX_SAMPLES = 5;
    static final int MAX_SAMPLE_LENGTH = 40;
    static final int MAX_HISTORY_CONTENT = 1_000;
    /** Longest schema text sent; the tables beyond it are left out (and cannot be used). */
    static final int MAX_SCHEMA_LENGTH = 60_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Nl2SqlPrompt() {
    }

    static Messages render(SemanticModel model, String language, List<Example> examples,
            List<ConversationRepository.Turn> history, String input, LocalDate today) {
        String dialect = model.dialect();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dialect", dialect);
        values.put("today", today.toString());
        values.put("schema", schema(model));
        values.put("examples", examples(examples));
        values.put("quoting", quoting(dialect));
        values.put("dialect_notes", dialectNotes(dialect));
        values.put("language_name", "english".equals(language) ? "英文（English）" : "中文");
        values.put("history", history(history));
        values.put("input", json(input));
        return new Messages(fill("nl2sql.system", values), fill("nl2sql.user", values));
    }

    static String repair(String problem) {
        return fill("nl2sql-repair", Map.of("problem", oneLine(problem, 2_000)));
    }

    /** The model as text: one block per table, then the relations as join conditions. */
    static String schema(SemanticModel model) {
        StringBuilder text = new StringBuilder();
        int left = 0;
        for (SemanticModel.Table table : model.tables()) {
            StringBuilder block = new StringBuilder();
            block.append("表 ").append(table.tableName());
            if (!table.tableDisplayName().equals(table.tableName())) {
                block.append("（").append(oneLine(table.tableDisplayName(), 100)).append("）");
            }
            block.append('\n');
            for (SemanticModel.Column c : table.columns()) {
                block.append("  - ").append(c.columnName()).append("：");
                if (!c.columnDisplayName().equals(c.columnName())) {
                    block.append(oneLine(c.columnDisplayName(), 100)).append("，");
                }
                block.append(c.dataType());
                if (!"NONE".equals(c.aggregation())) {
                    block.append("，默认聚合 ").append(c.aggregation());
                }
                if (!c.samples().isEmpty()) {
                    List<String> samples = new ArrayList<>();
                    for (String s : c.samples().subList(0, Math.min(MAX_SAMPLES, c.samples().size()))) {
                        samples.add(oneLine(s, MAX_SAMPLE_LENGTH));
                    }
                    block.append("，示例值：").append(String.join(" | ", samples));
                }
                block.append('\n');
            }
            if (text.length() + block.length() > MAX_SCHEMA_LENGTH) {
                left++;
                continue;
            }
            text.append(block).append('\n');
        }
        if (left > 0) {
            text.append("（另有 ").append(left).append(" 张表因篇幅未列出，不能使用）\n\n");
        }
        text.append("关联关系（事实表 → 维度表）：\n");
        if (model.relations().isEmpty()) {
            text.append("  （无）\n");
        }
        for (SemanticModel.Relation r : model.relations()) {
            List<String> on = new ArrayList<>();
            for (SemanticModel.Condition c : r.conditions()) {
                on.add(r.factTable() + "." + c.srcColName() + " = " + r.dimensionTable() + "." + c.dstColName());
            }
            text.append("  - ").append(r.factTable()).append(' ').append(r.joinType()).append(' ')
                    .append(r.dimensionTable()).append(" ON ").append(String.join(" AND ", on)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    static String examples(List<Example> examples) {
        if (examples == null || examples.isEmpty()) {
            return "（无）";
        }
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (Example e : examples) {
            if (e == null || e.question() == null || e.sql() == null || n >= MAX_EXAMPLES) {
                continue;
            }
            n++;
            text.append(n).append(". 问题：").append(oneLine(e.question(), 500)).append('\n')
                    .append("   SQL：").append(oneLine(e.sql(), 4_000)).append('\n');
        }
        return n == 0 ? "（无）" : text.toString().stripTrailing();
    }

    /** The last turns, oldest first, as a JSON array of {input, type, content, question}. */
    static String history(List<ConversationRepository.Turn> turns) {
        ArrayNode array = JSON.createArrayNode();
        if (turns != null) {
            List<ConversationRepository.Turn> last = turns.subList(Math.max(0, turns.size() - MAX_HISTORY),
                    turns.size());
            for (ConversationRepository.Turn t : last) {
                ObjectNode turn = array.addObject();
                turn.put("input", t.input());
                turn.put("type", t.type());
                turn.put("content", t.content() == null ? null : cut(t.content(), MAX_HISTORY_CONTENT));
                turn.put("question", t.question());
            }
        }
        if (array.isEmpty()) {
            return "[]";
        }
        StringBuilder text = new StringBuilder("[\n");
        for (int i = 0; i < array.size(); i++) {
            text.append("  ").append(array.get(i).toString()).append(i + 1 < array.size() ? ",\n" : "\n");
        }
        return text.append(']').toString();
    }

    private static String quoting(String dialect) {
        return "postgresql".equals(dialect)
                ? "需要引用的标识符用双引号 \"…\"，字符串常量用单引号 '…'。"
                : "需要引用的标识符用反引号 `…`，字符串常量只用单引号 '…'（不要用双引号）。";
    }

    private static String dialectNotes(String dialect) {
        return switch (dialect) {
            case "mysql" -> "MySQL 写法：日期用 CURDATE()、DATE_SUB(CURDATE(), INTERVAL 7 DAY)、DATE_FORMAT(d, '%Y-%m')，"
                    + "行数用 LIMIT n。";
            case "clickhouse" -> "ClickHouse 写法：日期用 today()、today() - 7、toStartOfMonth(d)、toYear(d)，行数用 LIMIT n。";
            case "impala" -> "Impala 写法：日期用 now()、days_sub(now(), 7)、trunc(d, 'MM')、year(d)，行数用 LIMIT n。";
            default -> "PostgreSQL 写法：日期用 CURRENT_DATE、CURRENT_DATE - INTERVAL '7 days'、DATE_TRUNC('month', d)，"
                    + "行数用 LIMIT n。";
        };
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text on one line (line breaks and other control characters as spaces), at most {@code max} characters. */
    static String oneLine(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return cut(b.toString().replaceAll(" {2,}", " ").strip(), max);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static String fill(String template, Map<String, String> values) {
        String text = TEMPLATES.computeIfAbsent(template, Nl2SqlPrompt::load);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 1024);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("prompt template " + template + " needs a value for " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String load(String template) {
        String resource = "prompts/" + template + ".txt";
        try (InputStream in = Nl2SqlPrompt.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("prompt template not found: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt template " + resource, e);
        }
    }
}
