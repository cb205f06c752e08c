package dev.tianshu.pipeline.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt templates of the LLM engines, read (UTF-8) from {@code prompts/*.txt} on the class path and filled in.
 * A prompt {@code name} has two templates, {@code name.system.txt} and {@code name.user.txt}; a fragment (a part
 * repeated inside a prompt, e.g. one failing statement of a repair request) is a single {@code name.txt}.
 *
 * <p>Placeholders are written {@code {{name}}}. Every placeholder must get a value, else filling fails at once
 * with an {@link IllegalArgumentException}; values are inserted as they are, never scanned for placeholders again.
 */
public final class Prompts {

    /** Table comment of a table the catalog has none for (answer: the comment as plain text). */
    public static final String TABLE_COMMENT = "table-comment";
    /** Comments of the columns the catalog has none for (answer: {"fields":[{"name","comment"}]}). */
    public static final String COLUMN_COMMENTS = "column-comments";
    /** Business themes over the tables (answer: {"themes":[…]}). */
    public static final String THEMES = "themes";
    /** Question–SQL pairs of one theme (answer: [{"question","sql"}]). */
    public static final String QUESTION_SQL = "question-sql";
    /** The text of db_query_decision_prompt.txt (answer: plain text). */
    public static final String DECISION_PROMPT = "decision-prompt";
    /** Repair of failing statements (answer: {"repaired_sqls":[…]}). */
    public static final String SQL_REPAIR = "sql-repair";
    /** One failing statement inside {@link #SQL_REPAIR}. */
    public static final String SQL_REPAIR_ITEM = "sql-repair.item";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private Prompts() {
    }

    /** The system and user templates of {@code name}, filled with {@code values}. */
    public static Prompt render(String name, Map<String, ?> values) {
        return new Prompt(fill(name + ".system", values), fill(name + ".user", values));
    }

    /** The single template {@code name.txt} filled with {@code values}. */
    public static String fragment(String name, Map<String, ?> values) {
        return fill(name, values);
    }

    /** The placeholders a template uses, in order of first use. */
    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template(template));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String fill(String template, Map<String, ?> values) {
        String text = template(template);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("提示词模板 " + template + " 缺少参数: " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The raw text of {@code prompts/<template>.txt}, without its final line break. */
    public static String template(String template) {
        return TEMPLATES.computeIfAbsent(template, Prompts::load);
    }

    private static String load(String template) {
        String resource = "prompts/" + template + ".txt";
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("提示词模板不存在: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException("无法读取提示词模板: " + resource, e);
        }
    }
}
