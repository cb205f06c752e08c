package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.pipeline.llm.CommentText;
import dev.tianshu.pipeline.llm.LlmAnswerException;
import dev.tianshu.pipeline.llm.LlmClient;
import dev.tianshu.pipeline.llm.LlmEngine;
import dev.tianshu.pipeline.llm.LlmJson;
import dev.tianshu.pipeline.llm.Prompt;
import dev.tianshu.pipeline.llm.Prompts;
import dev.tianshu.pipeline.llm.Refusals;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TaskParameters;
import io.smallrye.mutiny.Uni;

/**
 * Step 1's LLM engine. Comments the catalog already has are kept exactly as they are; the LLM writes the rest: the
 * table comment (one request, plain text) when the table has none, then the comments of the columns without one
 * (one request, JSON {@code {"fields":[{"name","comment"}]}}). Column comments are matched to columns by name, never
 * by position; a column the answer leaves out gets the built-in engine's comment (or, without a built-in engine,
 * its own name). Every generated comment is cleaned by {@link CommentText}; an answer that apologises or refuses
 * is a failed attempt, never a comment.
 */
@ApplicationScoped
public class LlmCommentGenerator extends LlmEngine implements CommentGenerator {

    static final String BUILTIN = "builtin";
    private static final int MAX_LISTED_COLUMNS = 80;
    private static final int SAMPLE_ROWS = 3;
    private static final int SAMPLE_ROW_COLUMNS = 8;
    private static final int SAMPLE_VALUES = 3;
    private static final int SAMPLE_VALUE_ROWS = 5;
    private static final int VALUE_CHARS = 60;
    private static final int ENUM_VALUES = 10;

    private final Supplier<Optional<CommentGenerator>> builtin;

    /** The built-in engine is the generator bean whose engine is "builtin", looked up when first needed. */
    @Inject
    LlmCommentGenerator(LlmClient llm, @Any Instance<CommentGenerator> generators) {
        this(llm, () -> generators.stream().filter(g -> BUILTIN.equals(g.engine()) && g.available()).findFirst());
    }

    /** An engine whose comments for columns the LLM leaves out come from {@code builtin} (when it has one). */
    public LlmCommentGenerator(LlmClient llm, Supplier<Optional<CommentGenerator>> builtin) {
        super(llm);
        this.builtin = builtin;
    }

    @Override
    public Uni<TableDoc> comment(TableInfo table, String businessContext) {
        String context = businessContext == null || businessContext.isBlank()
                ? TaskParameters.DEFAULT_BUSINESS_CONTEXT : businessContext.strip();
        Uni<String> tableComment = hasText(table.comment())
                ? Uni.createFrom().item(table.comment())
                : generateTableComment(table, context);
        return tableComment.chain(comment -> {
            List<ColumnInfo> missing = table.columns().stream().filter(c -> !hasText(c.comment())).toList();
            Uni<Map<String, String>> generated = missing.isEmpty()
                    ? Uni.createFrom().item(Map.of())
                    : generateColumnComments(table, context, comment, missing);
            return generated.chain(columns -> complete(table, context, comment, columns));
        });
    }

    private Uni<String> generateTableComment(TableInfo table, String context) {
        Prompt prompt = Prompts.render(Prompts.TABLE_COMMENT, Map.of(
                "business_context", context,
                "table", table.ref().qualified(),
                "existing_comment", "无",
                "column_count", table.columns().size(),
                "row_count", table.rowCount(),
                "columns", columnLines(table, false),
                "sample_rows", sampleRows(table)));
        return llm.chat(prompt.system(), prompt.user(), answer -> {
            Refusals.reject(answer, "表注释");
            String comment = CommentText.firstLine(answer);
            if (comment.isEmpty()) {
                throw new LlmAnswerException("LLM没有给出表注释");
            }
            return comment;
        });
    }

    private Uni<Map<String, String>> generateColumnComments(TableInfo table, String context, String tableComment,
            List<ColumnInfo> missing) {
        Prompt prompt = Prompts.render(Prompts.COLUMN_COMMENTS, Map.of(
                "business_context", context,
                "table", table.ref().qualified(),
                "table_comment", tableComment,
                "columns", columnLines(table, true),
                "missing_columns", String.join("\n", missing.stream().map(c -> "- " + c.name()).toList())));
        return llm.chatJson(prompt.system(), prompt.user(), root -> readColumnComments(root, missing));
    }

    /** Comments by column name: names the answer gives that are not among {@code missing} are ignored. */
    static Map<String, String> readColumnComments(JsonNode root, List<ColumnInfo> missing) {
        Map<String, String> byName = new HashMap<>();
        Map<String, String> byLowerName = new HashMap<>();
        for (ColumnInfo c : missing) {
            byName.put(c.name(), c.name());
            byLowerName.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c.name());
        }
        Map<String, String> comments = new LinkedHashMap<>();
        for (JsonNode field : LlmJson.array(LlmJson.object(root, null), "fields")) {
            LlmJson.object(field, null);
            String name = LlmJson.text(field, "name").replace("\"", "").replace("`", "").strip();
            String comment = LlmJson.text(field, "comment");
            Refusals.reject(comment, "字段注释");
            String column = byName.getOrDefault(name, byLowerName.get(name.toLowerCase(Locale.ROOT)));
            String clean = CommentText.sanitize(comment);
            if (column != null && !clean.isEmpty()) {
                comments.putIfAbsent(column, clean);
            }
        }
        if (comments.isEmpty()) {
            throw new LlmAnswerException("LLM的回答没有为任何需要注释的字段给出注释");
        }
        return comments;
    }

    private Uni<TableDoc> complete(TableInfo table, String context, String tableComment,
            Map<String, String> generated) {
        boolean omitted = table.columns().stream()
                .anyMatch(c -> !hasText(c.comment()) && !generated.containsKey(c.name()));
        Uni<Map<String, String>> fallback = omitted ? builtinComments(table, context) : Uni.createFrom().item(Map.of());
        return fallback.map(fromBuiltin -> {
            Map<String, String> comments = new LinkedHashMap<>();
            for (ColumnInfo c : table.columns()) {
                String comment;
                if (hasText(c.comment())) {
                    comment = c.comment();
                } else if (generated.containsKey(c.name())) {
                    comment = generated.get(c.name());
                } else {
                    comment = hasText(fromBuiltin.get(c.name())) ? fromBuiltin.get(c.name()) : c.name();
                }
                comments.put(c.name(), comment);
            }
            return new TableDoc(table, tableComment, comments, engine());
        });
    }

    /** The built-in engine's column comments, or none when there is no built-in engine. */
    private Uni<Map<String, String>> builtinComments(TableInfo table, String context) {
        return builtin.get().map(g -> g.comment(table, context).map(TableDoc::columnComments)
                        .onFailure().recoverWithItem(Map.of()))
                .orElseGet(() -> Uni.createFrom().item(Map.of()));
    }

    /** "- name (type)：comment" per column; with details also sample and enum values. */
    private static String columnLines(TableInfo table, boolean details) {
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> samples = details ? sampleValues(table) : Map.of();
        for (ColumnInfo c : table.columns()) {
            if (lines.size() == MAX_LISTED_COLUMNS) {
                lines.add("- ……（共" + table.columns().size() + "个字段）");
                break;
            }
            StringBuilder line = new StringBuilder("- ").append(c.name()).append(" (").append(c.dataType()).append(')');
            line.append(hasText(c.comment()) ? "：" + oneLine(c.comment()) : "：无注释");
            if (c.primaryKey()) {
                line.append("，主键");
            }
            if (c.isForeignKey()) {
                line.append("，外键，引用 ").append(c.foreignKey().table().qualified()).append('.')
                        .append(c.foreignKey().referencedColumn());
            }
            if (details) {
                List<String> enumValues = table.enums() == null ? null : table.enums().get(c.name());
                if (enumValues != null && !enumValues.isEmpty()) {
                    line.append("，枚举取值：").append(String.join("、", enumValues.stream().limit(ENUM_VALUES)
                            .map(LlmCommentGenerator::shortValue).toList()));
                } else if (!samples.getOrDefault(c.name(), List.of()).isEmpty()) {
                    line.append("，样例值：").append(String.join("、", samples.get(c.name())));
                }
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    /** Up to 3 distinct values per column from the first 5 sample rows. */
    private static Map<String, List<String>> sampleValues(TableInfo table) {
        Map<String, List<String>> values = new HashMap<>();
        List<Map<String, String>> rows = table.samples() == null ? List.of() : table.samples();
        for (Map<String, String> row : rows.subList(0, Math.min(SAMPLE_VALUE_ROWS, rows.size()))) {
            for (ColumnInfo c : table.columns()) {
                String v = row.get(c.name());
                List<String> list = values.computeIfAbsent(c.name(), k -> new ArrayList<>());
                if (v != null && !v.isBlank() && list.size() < SAMPLE_VALUES && !list.contains(shortValue(v))) {
                    list.add(shortValue(v));
                }
            }
        }
        return values;
    }

    /** The first sample rows as "col=value" lists of their first columns. */
    private static String sampleRows(TableInfo table) {
        List<Map<String, String>> rows = table.samples() == null ? List.of() : table.samples();
        if (rows.isEmpty()) {
            return "（表中没有数据）";
        }
        List<String> lines = new ArrayList<>();
        for (Map<String, String> row : rows.subList(0, Math.min(SAMPLE_ROWS, rows.size()))) {
            List<String> cells = new ArrayList<>();
            for (ColumnInfo c : table.columns().subList(0, Math.min(SAMPLE_ROW_COLUMNS, table.columns().size()))) {
                cells.add(c.name() + "=" + shortValue(Objects.toString(row.get(c.name()), "NULL")));
            }
            lines.add("- " + String.join(", ", cells));
        }
        return String.join("\n", lines);
    }

    private static String shortValue(String value) {
        String v = oneLine(value);
        return v.length() <= VALUE_CHARS ? v : v.substring(0, VALUE_CHARS) + "…";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
