package dev.tianshu.pipeline.llm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.step.qa.SchemaDocs;

/**
 * The schema as step 2's prompts carry it: the tables' markdown (all of it, or the sections of some tables), kept
 * within a size budget — beyond it each table is summarised on one line — and the table names the answers may use.
 */
public final class SchemaText {

    /** Characters of schema text one prompt carries at most. */
    public static final int MAX_CHARS = 60_000;

    private SchemaText() {
    }

    /** How prompts and answers name a table: {@code t} for public.t, {@code s.t} otherwise. */
    public static String tableName(TableRef ref) {
        return ref.schema().equals("public") ? ref.name() : ref.qualified();
    }

    /** The names of the schema's tables, as {@link #tableName} writes them. */
    public static List<String> tableNames(SchemaDocs schema) {
        return schema.tables().stream().map(t -> tableName(t.table().ref())).toList();
    }

    /**
     * The table a name in an answer means, by {@link #tableName} or schema-qualified name, ignoring case and
     * quotes; empty for a table the schema does not have.
     */
    public static Optional<String> resolve(SchemaDocs schema, String name) {
        return Optional.ofNullable(aliases(schema).get(key(name)));
    }

    private static Map<String, String> aliases(SchemaDocs schema) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (TableDoc t : schema.tables()) {
            TableRef ref = t.table().ref();
            aliases.put(key(ref.qualified()), tableName(ref));
            aliases.putIfAbsent(key(ref.name()), tableName(ref));
        }
        return aliases;
    }

    private static String key(String name) {
        return name == null ? "" : name.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }

    /** The whole markdown, summarised when it exceeds {@code maxChars}. */
    public static String all(SchemaDocs schema, int maxChars) {
        return withinBudget(schema.markdown(), schema.tables(), maxChars);
    }

    /**
     * The markdown sections ({@code ## <table>…}) of the given tables, summarised when they exceed {@code maxChars};
     * the whole markdown when no section of these tables is found.
     */
    public static String of(SchemaDocs schema, Collection<String> tables, int maxChars) {
        List<String> wanted = tables.stream().map(t -> resolve(schema, t).orElse(t)).map(SchemaText::key).toList();
        List<String> sections = new ArrayList<>();
        StringBuilder current = null;
        String markdown = schema.markdown() == null ? "" : schema.markdown();
        for (String line : markdown.split("\\R", -1)) {
            boolean heading = line.startsWith("## ");
            boolean boundary = heading || line.startsWith("# ") || line.startsWith("====") || line.startsWith("----");
            if (boundary && current != null) {
                sections.add(current.toString().strip());
                current = null;
            }
            if (heading && wanted.contains(key(resolve(schema, headingTable(line)).orElse(headingTable(line))))) {
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.add(current.toString().strip());
        }
        if (sections.isEmpty()) {
            return all(schema, maxChars);
        }
        List<TableDoc> docs = schema.tables().stream()
                .filter(t -> wanted.contains(key(tableName(t.table().ref())))).toList();
        return withinBudget(String.join("\n\n", sections), docs.isEmpty() ? schema.tables() : docs, maxChars);
    }

    /** The table named by a heading {@code ## name（comment）}. */
    private static String headingTable(String heading) {
        String rest = heading.substring(3).strip();
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end)) && rest.charAt(end) != '（'
                && rest.charAt(end) != '(') {
            end++;
        }
        return rest.substring(0, end);
    }

    private static String withinBudget(String markdown, List<TableDoc> tables, int maxChars) {
        if (markdown != null && !markdown.isBlank() && markdown.length() <= maxChars) {
            return markdown.strip();
        }
        StringBuilder out = new StringBuilder();
        int written = 0;
        for (TableDoc t : tables) {
            String line = summary(t);
            if (out.length() + line.length() + 1 > maxChars) {
                break;
            }
            out.append(line).append('\n');
            written++;
        }
        if (written < tables.size()) {
            out.append("（另有 ").append(tables.size() - written).append(" 个表因篇幅所限未列出）\n");
        }
        return out.toString().strip();
    }

    /** One line per table: {@code ## t（comment）字段：a (type) 注释、b (type) 注释}. */
    private static String summary(TableDoc t) {
        StringBuilder line = new StringBuilder("## ").append(tableName(t.table().ref()));
        if (!t.shortName().isBlank()) {
            line.append('（').append(t.shortName()).append('）');
        }
        line.append(" 字段：");
        List<String> columns = new ArrayList<>();
        for (ColumnInfo c : t.table().columns()) {
            String comment = t.columnComment(c.name());
            columns.add(c.name() + " (" + c.dataType() + ")" + (comment.isBlank() ? "" : " " + comment));
        }
        return line.append(String.join("、", columns)).toString();
    }
}
