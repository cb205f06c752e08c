package dev.tianshu.pipeline.step.qa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;

/**
 * Reads a table back from its {@code <table>_detail.md} file (the format step 1 writes, also the original's):
 *
 * <pre>
 * ## &lt;table&gt;（&lt;short comment&gt;）
 * &lt;table&gt; 表&lt;full comment&gt;
 * 字段列表：
 * - &lt;col&gt; (&lt;type&gt;) - &lt;comment&gt; [主键, 外键, 非空] [示例: v1, v2]
 * 字段补充说明：
 * - &lt;col&gt; 为主键 | - 复合主键：a, b
 * - &lt;col&gt; 为外键，关联 &lt;schema.table&gt;.&lt;col&gt;
 * - &lt;col&gt; 为枚举字段，包含取值：A、B、C
 * </pre>
 *
 * Names may be wrapped in backticks; brackets, comments and the foreign-key target may be missing; lines it does not
 * understand are ignored. The examples of each column become {@link TableInfo#samples()} with row i holding the i-th
 * example of every column (null where a column has fewer examples); the row count is unknown (-1) and the engine of
 * the result is "markdown".
 */
public class DetailMarkdownParser {

    /** The engine name of docs read back from markdown. */
    public static final String ENGINE = "markdown";

    private static final Pattern HEADER = Pattern.compile("^##\\s+`?([^`（(\\s]+)`?\\s*(?:[（(](.*)[）)])?\\s*$");
    private static final Pattern COLUMN = Pattern.compile(
            "^[-*]\\s+`?([^`\\s(]+)`?\\s*\\((.+?)\\)\\s*(?:-(?:\\s+(.*))?)?$");
    private static final Pattern PRIMARY_KEY = Pattern.compile("^[-*]\\s+`?([^`\\s]+?)`?\\s*为主键.*$");
    private static final Pattern COMPOSITE_KEY = Pattern.compile("^[-*]\\s+复合主键[：:]\\s*(.+)$");
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "^[-*]\\s+`?([^`\\s]+?)`?\\s*为外键(?:[，,]?\\s*(?:关联|引用|参照|references)\\s*`?([^`\\s，,。;；]+)`?)?.*$");
    private static final Pattern ENUM = Pattern.compile(
            "^[-*]\\s+`?([^`\\s]+?)`?\\s*为枚举字段[，,]?\\s*(?:包含)?取值[：:]\\s*(.*)$");
    private static final Pattern TRAILING_BRACKET = Pattern.compile("\\s*\\[([^\\[\\]]*)\\]\\s*$");
    private static final Set<String> FLAGS = Set.of("主键", "外键", "非空", "唯一", "自增", "可空", "索引");

    /**
     * Parses one file. Never throws for content it does not understand; a file without a {@code ## } header takes
     * its table name from {@code fileName} ({@code t_detail.md} → public.t).
     */
    public TableDoc parse(String markdown, String fileName) {
        List<String> lines = (markdown == null ? "" : markdown.replace("\r\n", "\n").replace('\r', '\n'))
                .lines().map(String::strip).toList();

        TableRef ref = null;
        String shortComment = null;
        String description = null;
        boolean inColumns = false;
        boolean sawColumns = false;
        List<ParsedColumn> columns = new ArrayList<>();
        Set<String> primaryKey = new LinkedHashSet<>();
        Map<String, ForeignKeyRef> foreignKeys = new LinkedHashMap<>();
        Map<String, List<String>> enums = new LinkedHashMap<>();

        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (ref == null && header.matches()) {
                ref = tableRef(header.group(1));
                shortComment = header.group(2) == null ? null : header.group(2).strip();
                continue;
            }
            if (line.startsWith("字段列表")) {
                inColumns = true;
                sawColumns = true;
                continue;
            }
            if (line.startsWith("字段补充说明")) {
                inColumns = false;
                continue;
            }
            if (!sawColumns) {
                if (description == null && !line.startsWith("#")) {
                    description = line;
                }
                continue;
            }
            if (inColumns) {
                ParsedColumn column = column(line);
                if (column != null) {
                    columns.add(column);
                    if (column.flags.contains("主键")) {
                        primaryKey.add(column.name);
                    }
                }
                continue;
            }
            supplement(line, primaryKey, foreignKeys, enums);
        }

        if (ref == null) {
            ref = fromFileName(fileName);
        }
        String tableComment = tableComment(ref, shortComment, description);
        return toDoc(ref, tableComment, columns, primaryKey, foreignKeys, enums);
    }

    private static void supplement(String line, Set<String> primaryKey, Map<String, ForeignKeyRef> foreignKeys,
            Map<String, List<String>> enums) {
        Matcher m = COMPOSITE_KEY.matcher(line);
        if (m.matches()) {
            for (String name : m.group(1).split("[,，、]")) {
                String n = unquote(name);
                if (!n.isEmpty()) {
                    primaryKey.add(n);
                }
            }
            return;
        }
        m = ENUM.matcher(line);
        if (m.matches()) {
            List<String> values = new ArrayList<>();
            for (String v : m.group(2).split("、")) {
                String value = v.strip();
                if (!value.isEmpty() && !values.contains(value)) {
                    values.add(value);
                }
            }
            enums.put(unquote(m.group(1)), values);
            return;
        }
        m = FOREIGN_KEY.matcher(line);
        if (m.matches()) {
            String column = unquote(m.group(1));
            ForeignKeyRef target = foreignKeyTarget(column, m.group(2));
            if (target != null) {
                foreignKeys.put(column, target);
            }
            return;
        }
        m = PRIMARY_KEY.matcher(line);
        if (m.matches()) {
            primaryKey.add(unquote(m.group(1)));
        }
    }

    /** {@code schema.table.column} or {@code table.column} (public); null when the target cannot be read. */
    private static ForeignKeyRef foreignKeyTarget(String column, String target) {
        if (target == null || target.isBlank()) {
            return null;
        }
        String t = target.strip().replaceAll("[。.;；]+$", "");
        int dot = t.lastIndexOf('.');
        if (dot <= 0 || dot == t.length() - 1) {
            return null;
        }
        TableRef table = tableRef(t.substring(0, dot));
        return table == null ? null : new ForeignKeyRef(column, table, unquote(t.substring(dot + 1)));
    }

    private static ParsedColumn column(String line) {
        Matcher m = COLUMN.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String rest = m.group(3) == null ? "" : m.group(3).strip();
        List<String> samples = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        String defaultValue = null;
        // brackets are read from the end: [示例: …], [默认值: …], [主键, 非空]; anything else stays in the comment
        while (true) {
            Matcher b = TRAILING_BRACKET.matcher(rest);
            if (!b.find()) {
                break;
            }
            String content = b.group(1).strip();
            if (content.startsWith("示例")) {
                String values = content.replaceFirst("^示例\\s*[:：]?", "");
                for (String v : values.split(",\\s+")) {
                    samples.add(v.strip());
                }
                if (samples.size() == 1 && samples.get(0).isEmpty()) {
                    samples.clear();
                }
            } else if (content.startsWith("默认值")) {
                defaultValue = unquote(content.replaceFirst("^默认值\\s*[:：]?", ""));
            } else if (isFlagList(content)) {
                for (String f : content.split("[,，、]")) {
                    flags.add(f.strip());
                }
            } else {
                break;
            }
            rest = rest.substring(0, b.start()).strip();
        }
        if (rest.equals("-")) {
            rest = "";
        }
        return new ParsedColumn(unquote(m.group(1)), m.group(2).strip(), rest, flags, samples, defaultValue);
    }

    private static boolean isFlagList(String content) {
        if (content.isEmpty()) {
            return false;
        }
        for (String f : content.split("[,，、]")) {
            if (!FLAGS.contains(f.strip())) {
                return false;
            }
        }
        return true;
    }

    private static String tableComment(TableRef ref, String shortComment, String description) {
        String d = description == null ? "" : description.strip();
        // "<table> 表<comment>" (backticks allowed): drop the name and the "表" after it
        for (String name : List.of(ref.qualified(), ref.name())) {
            for (String prefix : List.of("`" + name + "`", name)) {
                if (d.startsWith(prefix)) {
                    d = d.substring(prefix.length()).strip();
                    if (d.startsWith("表")) {
                        d = d.substring(1).strip();
                    }
                    break;
                }
            }
        }
        String s = shortComment == null ? "" : shortComment;
        if (d.isEmpty()) {
            return s;
        }
        if (s.isEmpty() || d.startsWith(s)) {
            return d;
        }
        return s + "，" + d;
    }

    private static TableDoc toDoc(TableRef ref, String tableComment, List<ParsedColumn> parsed, Set<String> primaryKey,
            Map<String, ForeignKeyRef> foreignKeys, Map<String, List<String>> enums) {
        List<ColumnInfo> columns = new ArrayList<>();
        Map<String, String> comments = new LinkedHashMap<>();
        int rows = 0;
        for (ParsedColumn c : parsed) {
            rows = Math.max(rows, c.samples.size());
        }
        List<Map<String, String>> samples = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            samples.add(new LinkedHashMap<>());
        }
        int position = 1;
        for (ParsedColumn c : parsed) {
            boolean pk = primaryKey.contains(c.name);
            columns.add(new ColumnInfo(position++, c.name, c.type, !c.flags.contains("非空") && !pk, c.defaultValue,
                    c.comment.isEmpty() ? null : c.comment, pk, foreignKeys.get(c.name)));
            comments.put(c.name, c.comment);
            for (int i = 0; i < rows; i++) {
                samples.get(i).put(c.name, i < c.samples.size() ? c.samples.get(i) : null);
            }
        }
        List<String> pkColumns = new ArrayList<>(primaryKey);
        List<ForeignKeyRef> fks = columns.stream().map(ColumnInfo::foreignKey).filter(f -> f != null).toList();
        Map<String, List<String>> enumValues = new LinkedHashMap<>();
        enums.forEach((column, values) -> {
            if (columns.stream().anyMatch(c -> c.name().equals(column))) {
                enumValues.put(column, List.copyOf(values));
            }
        });
        TableInfo table = new TableInfo(ref, tableComment.isEmpty() ? null : tableComment, List.copyOf(columns),
                List.copyOf(pkColumns), fks, -1, null, samples.stream().map(Collections::unmodifiableMap)
                        .toList(), enumValues);
        return new TableDoc(table, tableComment, comments, ENGINE);
    }

    private static TableRef tableRef(String name) {
        String n = unquote(name).replace("\"", "");
        if (n.isEmpty()) {
            return null;
        }
        int dot = n.indexOf('.');
        if (dot > 0 && dot < n.length() - 1) {
            return new TableRef(n.substring(0, dot), n.substring(dot + 1));
        }
        return dot < 0 ? new TableRef("public", n) : null;
    }

    private static TableRef fromFileName(String fileName) {
        String f = fileName == null ? "" : fileName.strip();
        int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
        f = f.substring(slash + 1).replaceFirst("_detail\\.md$", "").replaceFirst("\\.md$", "");
        return new TableRef("public", f.isEmpty() ? "unknown" : f);
    }

    private static String unquote(String s) {
        return s == null ? "" : s.strip().replace("`", "").strip();
    }

    private record ParsedColumn(String name, String type, String comment, Set<String> flags, List<String> samples,
            String defaultValue) {
    }
}
