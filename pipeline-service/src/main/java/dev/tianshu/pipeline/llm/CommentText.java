package dev.tianshu.pipeline.llm;

import java.util.regex.Pattern;

/**
 * Turns what the LLM wrote as a table or column comment into a comment the DDL and markdown files can carry: one
 * line, no ASCII ';' (the .ddl files are split on it), no label such as "表注释：", no quotes, Markdown or "(12字)"
 * counts, at most {@value #MAX_LENGTH} characters.
 */
public final class CommentText {

    public static final int MAX_LENGTH = 200;

    private static final Pattern LABEL = Pattern.compile(
            "^(?:(?:该|此)?(?:数据)?(?:表|字段|列)?(?:的)?(?:中文)?(?:注释|说明|描述|备注|含义|名称|comment)"
                    + "|table\\s+comment|column\\s+comment)\\s*[:：]\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTES = Pattern.compile("^[\"'“”‘’「」『』《》`]+|[\"'“”‘’「」『』《》`]+$");
    private static final Pattern COUNT = Pattern.compile("[（(]\\s*(?:约|共)?\\s*\\d+\\s*(?:个)?(?:汉)?字(?:符)?\\s*[）)]");
    private static final Pattern LIST_MARK = Pattern.compile("^(?:[-*+>•]|#+|\\d+[.、)])\\s+");

    private CommentText() {
    }

    /** The comment, cleaned; empty when nothing is left. */
    public static String sanitize(String raw) {
        if (raw == null) {
            return "";
        }
        String c = raw.replaceAll("\\s+", " ").strip();
        c = c.replace("**", "").replace("__", "");
        String previous;
        do {
            previous = c;
            c = LIST_MARK.matcher(c).replaceFirst("");
            c = LABEL.matcher(c).replaceFirst("");
            c = QUOTES.matcher(c).replaceAll("").strip();
        } while (!c.equals(previous));
        c = COUNT.matcher(c).replaceAll("");
        c = c.replace(';', '；').strip();
        if (c.codePointCount(0, c.length()) > MAX_LENGTH) {
            c = c.substring(0, c.offsetByCodePoints(0, MAX_LENGTH)).strip();
        }
        return c;
    }

    /**
     * The comment in a plain-text answer: the first line that is not empty, a code fence or a Markdown heading,
     * cleaned by {@link #sanitize}.
     */
    public static String firstLine(String answer) {
        if (answer == null) {
            return "";
        }
        for (String line : answer.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("```") || l.startsWith("#")) {
                continue;
            }
            String c = sanitize(l);
            if (!c.isEmpty()) {
                return c;
            }
        }
        return "";
    }
}
