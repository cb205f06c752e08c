package dev.tianshu.common.training;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for training task files, used both by the data pipeline (when it loads a task directory) and by
 * file uploads. It turns the text of one file into {@link TrainingItemInput}s plus a list of {@link Problem}s; it
 * never throws and does no I/O.
 *
 * <p>File types:
 * <ul>
 *   <li>{@link FileType#DDL}: SQL statements; one ddl item per statement, except that {@code COMMENT ON TABLE/COLUMN}
 *       statements are appended to the item of the preceding {@code CREATE TABLE} of the same table.</li>
 *   <li>{@link FileType#MARKDOWN}: one documentation item per section (split at level 1–3 headings).</li>
 *   <li>{@link FileType#SQL_PAIR_JSON}: a JSON array of {@code {"question": …, "sql": …}} objects.</li>
 *   <li>{@link FileType#SQL_PAIR}: blocks of {@code Question: …} / {@code SQL: …} lines.</li>
 * </ul>
 *
 * <p>What {@link Problem#position()} counts depends on the file type: DDL – the line where the statement (or the
 * unclosed string/comment) starts; MARKDOWN – the section number; SQL_PAIR_JSON – the array element, or the line of a
 * JSON syntax error; SQL_PAIR – the line where the block starts. {@code 0} means the file as a whole. The message
 * always says in words what it refers to.
 */
public final class TrainingFileParser {

    /** Documentation sections longer than this (in characters) are kept whole but reported. */
    public static final int DOCUMENT_SECTION_WARN_CHARS = 2000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TrainingFileParser() {
    }

    // ------------------------------------------------------------------------------------------------ public API

    /** The kinds of task file, with the names the HTTP API uses for them. */
    public enum FileType {
        DDL("ddl"),
        MARKDOWN("markdown"),
        SQL_PAIR_JSON("sql_pair_json"),
        SQL_PAIR("sql_pair");

        /** Names the loader must skip: numbered copies ({@code x.ddl_1}), {@code *_old}, backups. */
        private static final Pattern NUMBERED_COPY = Pattern.compile("\\.(ddl|md)_\\d+$");

        private final String apiName;

        FileType(String apiName) {
            this.apiName = apiName;
        }

        /** The name used by the API ("ddl", "markdown", "sql_pair_json", "sql_pair"). */
        public String apiName() {
            return apiName;
        }

        /** The type with the given API name (case and surrounding blanks ignored); empty when unknown. */
        public static Optional<FileType> ofName(String apiName) {
            if (apiName == null) {
                return Optional.empty();
            }
            String name = apiName.strip();
            for (FileType type : values()) {
                if (type.apiName.equalsIgnoreCase(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }

        /**
         * The type a task file has by its name (a leading directory path is ignored, case is ignored); empty for
         * files that are not training files and for files the loader must skip (names matching
         * {@code \.(ddl|md)_\d+$}, ending with {@code _old}, or containing {@code .backup}).
         */
        public static Optional<FileType> ofFileName(String fileName) {
            if (fileName == null) {
                return Optional.empty();
            }
            String name = fileName.strip();
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            name = name.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (name.isEmpty()
                    || NUMBERED_COPY.matcher(name).find()
                    || name.endsWith("_old")
                    || name.contains(".backup")) {
                return Optional.empty();
            }
            if (name.endsWith(".ddl")) {
                return Optional.of(DDL);
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return Optional.of(MARKDOWN);
            }
            if (name.endsWith("_pair.json") || name.endsWith("_pairs.json")) {
                return Optional.of(SQL_PAIR_JSON);
            }
            if (name.endsWith("_pair.sql") || name.endsWith("_pairs.sql")) {
                return Optional.of(SQL_PAIR);
            }
            return Optional.empty();
        }
    }

    /** The outcome of parsing one file: the items found and what was wrong or noteworthy. */
    public record Parsed(List<TrainingItemInput> items, List<Problem> problems) {
        public Parsed {
            items = items == null ? List.of() : List.copyOf(items);
            problems = problems == null ? List.of() : List.copyOf(problems);
        }
    }

    /**
     * Something wrong or noteworthy in a file.
     *
     * @param position 1-based item/block/line number (see the class comment), 0 for the whole file
     * @param message a clear Chinese description that names the place itself
     */
    public record Problem(int position, String message) {
        public Problem {
            message = message == null ? "" : message;
        }
    }

    /**
     * Parses the text of one task file. Never throws: whatever cannot be read becomes a {@link Problem}.
     *
     * @param sourceFile recorded on every item (may be null)
     */
    public static Parsed parse(FileType type, String text, String sourceFile) {
        List<TrainingItemInput> items = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (type == null) {
            problems.add(new Problem(0, "未指定文件类型，无法解析"));
            return new Parsed(items, problems);
        }
        if (text == null) {
            problems.add(new Problem(0, "文件内容为空（null），没有可导入的条目"));
            return new Parsed(items, problems);
        }
        String normalized = normalize(text);
        if (normalized.isBlank()) {
            problems.add(new Problem(0, "文件内容为空，没有可导入的条目"));
            return new Parsed(items, problems);
        }
        try {
            switch (type) {
                case DDL -> parseDdl(normalized, sourceFile, items, problems);
                case MARKDOWN -> parseMarkdown(normalized, sourceFile, items, problems);
                case SQL_PAIR_JSON -> parseSqlPairJson(normalized, sourceFile, items, problems);
                case SQL_PAIR -> parseSqlPair(normalized, sourceFile, items, problems);
                default -> problems.add(new Problem(0, "不支持的文件类型：" + type));
            }
        } catch (RuntimeException | StackOverflowError e) {
            return new Parsed(List.of(), List.of(new Problem(0,
                    "解析文件时发生内部错误，未导入任何条目：" + e.getClass().getSimpleName())));
        }
        if (items.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(0, "文件中没有找到可导入的条目"));
        }
        return new Parsed(items, problems);
    }

    /** Strips a leading BOM and turns CRLF (and lone CR) line ends into LF. */
    private static String normalize(String text) {
        String s = text;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        if (s.indexOf('\r') >= 0) {
            s = s.replace("\r\n", "\n").replace('\r', '\n');
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------------- DDL

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?(?:(?:TEMPORARY|TEMP|UNLOGGED)\\s+)?"
                    + "TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern COMMENT_ON = Pattern.compile(
            "\\s*COMMENT\\s+ON\\s+(TABLE|COLUMN)\\s+", Pattern.CASE_INSENSITIVE);

    /**
     * One statement as split from the file.
     *
     * @param raw the text from the end of the previous statement up to (excluding) the terminating {@code ;}
     * @param code {@code raw} with comments blanked out (strings and quoted identifiers kept)
     * @param lastCodeEnd offset in {@code raw} just after the last character that is not a comment or blank
     * @param trailingComment a {@code --} comment that followed the {@code ;} on the same line, or ""
     * @param line the line where the statement's first non-blank character is
     */
    private record Statement(String raw, String code, int lastCodeEnd, String trailingComment, int line) {
    }

    /** A ddl item under construction, remembering the table it creates (if it is a CREATE TABLE). */
    private static final class DdlGroup {
        final StringBuilder text;
        final TableName table;

        DdlGroup(String text, TableName table) {
            this.text = new StringBuilder(text);
            this.table = table;
        }
    }

    /** A table name, unquoted parts folded to lower case; schema null when not given. */
    private record TableName(String schema, String table) {
        boolean sameTableAs(TableName other) {
            return table.equals(other.table)
                    && (schema == null || other.schema == null || schema.equals(other.schema));
        }

        String display() {
            return schema == null ? table : schema + "." + table;
        }
    }

    private static void parseDdl(String text, String sourceFile, List<TrainingItemInput> items,
            List<Problem> problems) {
        LineIndex lines = new LineIndex(text);
        List<Statement> statements = splitStatements(text, lines, problems);
        List<DdlGroup> groups = new ArrayList<>();
        for (Statement st : statements) {
            if (st.code().isBlank()) {
                continue; // only comments and blanks
            }
            String statementText = terminated(st);
            Matcher comment = COMMENT_ON.matcher(st.code());
            if (comment.lookingAt()) {
                List<String> parts = parseQualifiedName(st.code(), comment.end());
                boolean column = comment.group(1).equalsIgnoreCase("COLUMN");
                if (column && parts != null) {
                    parts = parts.size() >= 2 ? parts.subList(0, parts.size() - 1) : null;
                }
                TableName target = toTableName(parts);
                DdlGroup owner = null;
                if (target != null) {
                    for (int g = groups.size() - 1; g >= 0 && owner == null; g--) {
                        TableName created = groups.get(g).table;
                        if (created != null && created.sameTableAs(target)) {
                            owner = groups.get(g);
                        }
                    }
                }
                if (owner != null) {
                    owner.text.append('\n').append(statementText);
                } else {
                    problems.add(new Problem(st.line(), "第" + st.line() + "行的 COMMENT ON 语句"
                            + (target == null ? "无法识别目标表" : "找不到前面表 " + target.display() + " 的 CREATE TABLE")
                            + "，已单独作为一条 DDL 导入"));
                    groups.add(new DdlGroup(statementText, null));
                }
                continue;
            }
            Matcher create = CREATE_TABLE.matcher(st.code());
            TableName table = create.lookingAt() ? toTableName(parseQualifiedName(st.code(), create.end())) : null;
            groups.add(new DdlGroup(statementText, table));
        }
        for (DdlGroup group : groups) {
            items.add(TrainingItemInput.ddl(group.text.toString(), sourceFile));
        }
        if (items.isEmpty()) {
            problems.add(new Problem(0, "DDL 文件中没有找到任何 SQL 语句（只有注释或空白）"));
        }
    }

    /** The statement trimmed and terminated by {@code ;}, placed before any comments that end it. */
    private static String terminated(Statement st) {
        String head = st.raw().substring(0, st.lastCodeEnd()).strip();
        String tail = st.raw().substring(st.lastCodeEnd()).strip();
        StringBuilder sb = new StringBuilder(head).append(';');
        if (!tail.isEmpty()) {
            sb.append(' ').append(tail);
        }
        if (!st.trailingComment().isEmpty()) {
            sb.append(tail.isEmpty() ? " " : "\n").append(st.trailingComment());
        }
        return sb.toString();
    }

    private static TableName toTableName(List<String> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        String table = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        return new TableName(schema, table);
    }

    /**
     * Splits SQL text at top-level semicolons: not inside single-quoted strings ({@code ''} escapes, backslash
     * escapes in {@code E'…'}), dollar-quoted strings, double-quoted or back-quoted identifiers, {@code --} line
     * comments or (nestable) block comments.
     */
    private static List<Statement> splitStatements(String s, LineIndex lines, List<Problem> problems) {
        List<Statement> out = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        int n = s.length();
        int start = 0;
        int lastCodeEnd = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                code.append(' ');
                i = end;
                continue;
            }
            if (c == '/' && next == '*') {
                int end = skipBlockComment(s, i);
                if (end < 0) {
                    int line = lines.lineOf(i);
                    problems.add(new Problem(line, "第" + line + "行开始的块注释 /* 直到文件末尾都没有闭合"));
                    end = n;
                }
                code.append(' ');
                i = end;
                continue;
            }
            int end = -1;
            String what = null;
            if (c == '\'') {
                boolean backslash = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentPart(s.charAt(i - 2)));
                end = skipQuoted(s, i, '\'', backslash);
                what = "单引号字符串";
            } else if (c == '"' || c == '`') {
                end = skipQuoted(s, i, c, false);
                what = c == '"' ? "双引号标识符" : "反引号标识符";
            } else if (c == '$' && (i == 0 || !isIdentPart(s.charAt(i - 1)))) {
                String tag = dollarTag(s, i);
                if (tag != null) {
                    int close = s.indexOf(tag, i + tag.length());
                    end = close < 0 ? -1 : close + tag.length();
                    what = "美元符号引用的字符串 " + tag;
                }
            }
            if (what != null) {
                if (end < 0) {
                    int line = lines.lineOf(i);
                    problems.add(new Problem(line, "第" + line + "行开始的" + what
                            + "直到文件末尾都没有闭合，其后的内容都算作同一条语句"));
                    end = n;
                }
                code.append(s, i, end);
                i = end;
                lastCodeEnd = end - start;
                continue;
            }
            if (c == ';') {
                String raw = s.substring(start, i);
                i++;
                int j = i;
                while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                    j++;
                }
                String trailing = "";
                if (j + 1 < n && s.charAt(j) == '-' && s.charAt(j + 1) == '-') {
                    int eol = s.indexOf('\n', j);
                    eol = eol < 0 ? n : eol;
                    trailing = s.substring(j, eol).strip();
                    i = eol;
                }
                out.add(new Statement(raw, code.toString(), lastCodeEnd, trailing, firstLine(s, start, lines)));
                code.setLength(0);
                start = i;
                lastCodeEnd = 0;
                continue;
            }
            code.append(c);
            if (!Character.isWhitespace(c)) {
                lastCodeEnd = i + 1 - start;
            }
            i++;
        }
        if (start < n) {
            out.add(new Statement(s.substring(start), code.toString(), lastCodeEnd, "", firstLine(s, start, lines)));
        }
        return out;
    }

    private static int firstLine(String s, int from, LineIndex lines) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return lines.lineOf(Math.min(i, Math.max(0, s.length() - 1)));
    }

    /** The offset just after the block comment starting at {@code i}, or -1 when it is not closed. */
    private static int skipBlockComment(String s, int i) {
        int depth = 0;
        int j = i;
        int n = s.length();
        while (j < n) {
            if (s.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (s.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return -1;
    }

    /** The offset just after the quoted text starting at {@code i} (doubled quote escapes), or -1 if unclosed. */
    private static int skipQuoted(String s, int i, char quote, boolean backslashEscapes) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < n && s.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return -1;
    }

    /** The dollar-quote delimiter ({@code $$} or {@code $tag$}) starting at {@code i}, or null. */
    private static String dollarTag(String s, int i) {
        int n = s.length();
        int j = i + 1;
        if (j < n && s.charAt(j) != '$') {
            char first = s.charAt(j);
            if (!(Character.isLetter(first) || first == '_')) {
                return null; // e.g. a parameter like $1
            }
            while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
        }
        if (j < n && s.charAt(j) == '$') {
            return s.substring(i, j + 1);
        }
        return null;
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /**
     * Reads a possibly qualified name ({@code a.b."C"}) from {@code code} at {@code pos}. Unquoted parts are folded
     * to lower case, quoted parts kept as written. Null when there is no name there.
     */
    private static List<String> parseQualifiedName(String code, int pos) {
        List<String> parts = new ArrayList<>();
        int n = code.length();
        int i = pos;
        while (true) {
            while (i < n && Character.isWhitespace(code.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = code.charAt(i);
            if (c == '"' || c == '`') {
                int end = skipQuoted(code, i, c, false);
                if (end < 0) {
                    break;
                }
                String q = String.valueOf(c);
                parts.add(code.substring(i + 1, end - 1).replace(q + q, q));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && isIdentPart(code.charAt(j))) {
                    j++;
                }
                parts.add(code.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else {
                break;
            }
            int k = i;
            while (k < n && Character.isWhitespace(code.charAt(k))) {
                k++;
            }
            if (k < n && code.charAt(k) == '.') {
                i = k + 1;
            } else {
                break;
            }
        }
        return parts.isEmpty() ? null : parts;
    }

    /** Maps offsets to 1-based line numbers. */
    private static final class LineIndex {
        private final int[] starts;

        LineIndex(String s) {
            int count = 1;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    count++;
                }
            }
            starts = new int[count];
            int k = 1;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    starts[k++] = i + 1;
                }
            }
        }

        int lineOf(int offset) {
            int idx = Arrays.binarySearch(starts, offset);
            return (idx >= 0 ? idx : -idx - 2) + 1;
        }
    }

    // -------------------------------------------------------------------------------------------------- Markdown

    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,3}(?:[ \\t].*)?$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    private static void parseMarkdown(String text, String sourceFile, List<TrainingItemInput> items,
            List<Problem> problems) {
        String[] lines = text.split("\n", -1);
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String fence = null; // the opening fence while inside a fenced code block
        int fenceLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher f = FENCE.matcher(line);
            if (fence == null) {
                if (f.matches() && !(f.group(1).charAt(0) == '`' && f.group(2).indexOf('`') >= 0)) {
                    fence = f.group(1);
                    fenceLine = i + 1;
                } else if (HEADING.matcher(line).matches()) {
                    sections.add(current.toString());
                    current.setLength(0);
                }
            } else if (f.matches() && f.group(1).charAt(0) == fence.charAt(0)
                    && f.group(1).length() >= fence.length() && f.group(2).isBlank()) {
                fence = null;
            }
            current.append(line).append('\n');
        }
        sections.add(current.toString());
        if (fence != null) {
            problems.add(new Problem(0, "第" + fenceLine + "行开始的代码块（" + fence
                    + "）直到文件末尾都没有闭合，其中的 # 行未作为标题处理"));
        }
        for (String section : sections) {
            String content = section.strip();
            if (content.isEmpty()) {
                continue;
            }
            items.add(TrainingItemInput.documentation(content, sourceFile));
            int length = content.codePointCount(0, content.length());
            if (length > DOCUMENT_SECTION_WARN_CHARS) {
                int number = items.size();
                problems.add(new Problem(number, "文档片段超过" + DOCUMENT_SECTION_WARN_CHARS + "字符：第" + number
                        + "个片段「" + abbreviate(content.lines().findFirst().orElse(""), 40) + "」共" + length
                        + "字符，仍作为一条导入；建议用标题拆分成更小的片段以提高检索效果"));
            }
        }
    }

    private static String abbreviate(String s, int max) {
        String t = s.strip();
        return t.codePointCount(0, t.length()) <= max ? t : t.substring(0, t.offsetByCodePoints(0, max)) + "…";
    }

    // ------------------------------------------------------------------------------------------------ JSON pairs

    private static void parseSqlPairJson(String text, String sourceFile, List<TrainingItemInput> items,
            List<Problem> problems) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
            String where = loc == null ? "" : "（第" + line + "行第" + loc.getColumnNr() + "列）";
            problems.add(new Problem(line, "不是有效的 JSON" + where + "，未导入任何条目："
                    + abbreviate(String.valueOf(e.getOriginalMessage()), 200)));
            return;
        }
        if (root == null || !root.isArray()) {
            String actual = root == null || root.isMissingNode() ? "空" : nodeKind(root);
            problems.add(new Problem(0, "JSON 顶层必须是数组（[ {\"question\": …, \"sql\": …}, … ]），实际是" + actual
                    + "，未导入任何条目"));
            return;
        }
        for (int i = 0; i < root.size(); i++) {
            int number = i + 1;
            JsonNode element = root.get(i);
            if (element == null || !element.isObject()) {
                problems.add(new Problem(number, "第" + number + "个元素不是对象（实际是" + nodeKind(element)
                        + "），已跳过"));
                continue;
            }
            List<String> faults = new ArrayList<>();
            String question = textField(element, "question", faults);
            String sql = textField(element, "sql", faults);
            if (!faults.isEmpty()) {
                problems.add(new Problem(number, "第" + number + "个元素：" + String.join("，", faults) + "，已跳过"));
                continue;
            }
            items.add(TrainingItemInput.sql(question.strip(), sql.strip(), sourceFile));
        }
    }

    /** The value of the field named {@code name} in any letter case; null (with a fault noted) when unusable. */
    private static String textField(JsonNode object, String name, List<String> faults) {
        String value = null;
        boolean present = false;
        boolean notText = false;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!field.getKey().strip().equalsIgnoreCase(name)) {
                continue;
            }
            JsonNode v = field.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            present = true;
            if (!v.isTextual()) {
                notText = true;
            } else if (value == null || value.isBlank()) {
                value = v.textValue();
            }
        }
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (!present) {
            faults.add("缺少 " + name + " 字段");
        } else if (value == null && notText) {
            faults.add(name + " 不是字符串");
        } else {
            faults.add(name + " 为空");
        }
        return null;
    }

    private static String nodeKind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "数组";
        }
        if (node.isObject()) {
            return "对象";
        }
        if (node.isTextual()) {
            return "字符串";
        }
        if (node.isNumber()) {
            return "数字";
        }
        if (node.isBoolean()) {
            return "布尔值";
        }
        return node.getNodeType().toString();
    }

    // ----------------------------------------------------------------------------------------------- text pairs

    private static final Pattern QUESTION_LABEL =
            Pattern.compile("^\\s*question\\s*[:：]\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_LABEL =
            Pattern.compile("^\\s*sql\\s*[:：]\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    /** A Question/SQL pair (or stray text) being read. */
    private static final class PairBlock {
        final int line;
        final boolean stray;
        StringBuilder question;
        StringBuilder sql;
        boolean duplicateSql;

        PairBlock(int line, boolean stray) {
            this.line = line;
            this.stray = stray;
        }
    }

    private static void parseSqlPair(String text, String sourceFile, List<TrainingItemInput> items,
            List<Problem> problems) {
        String[] lines = text.split("\n", -1);
        PairBlock block = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (line.isBlank()) {
                finishPair(block, sourceFile, items, problems);
                block = null;
                continue;
            }
            Matcher q = QUESTION_LABEL.matcher(line);
            if (q.matches()) {
                finishPair(block, sourceFile, items, problems);
                block = new PairBlock(lineNo, false);
                block.question = new StringBuilder(q.group(1));
                continue;
            }
            Matcher s = SQL_LABEL.matcher(line);
            if (s.matches() && (block == null || !block.stray)) {
                if (block == null) {
                    block = new PairBlock(lineNo, false); // SQL without a question: reported when finished
                }
                if (block.sql != null) {
                    block.duplicateSql = true;
                    block.sql.append('\n').append(line);
                } else {
                    block.sql = new StringBuilder(s.group(1));
                }
                continue;
            }
            if (block == null) {
                block = new PairBlock(lineNo, true);
            } else if (block.stray) {
                continue;
            } else if (block.sql != null) {
                block.sql.append('\n').append(line);
            } else {
                block.question.append('\n').append(line);
            }
        }
        finishPair(block, sourceFile, items, problems);
    }

    private static void finishPair(PairBlock block, String sourceFile, List<TrainingItemInput> items,
            List<Problem> problems) {
        if (block == null) {
            return;
        }
        String where = "第" + block.line + "行开始的块";
        if (block.stray) {
            problems.add(new Problem(block.line, where + "不是 \"Question: …\" / \"SQL: …\" 格式，已跳过"));
            return;
        }
        String question = block.question == null ? null : block.question.toString().strip();
        String sql = block.sql == null ? null : block.sql.toString().strip();
        String fault = null;
        if (question == null) {
            fault = "缺少 Question: 行";
        } else if (question.isEmpty()) {
            fault = "的问题为空";
        } else if (sql == null) {
            fault = "缺少 SQL: 行";
        } else if (block.duplicateSql) {
            fault = "有多个 SQL: 行";
        } else if (sql.isEmpty()) {
            fault = "的 SQL 为空";
        }
        if (fault != null) {
            problems.add(new Problem(block.line, where + fault + "，已跳过"));
            return;
        }
        items.add(TrainingItemInput.sql(question, sql, sourceFile));
    }
}
