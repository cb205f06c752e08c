package dev.tianshu.pipeline.llm;

/**
 * Writes an SQL statement the way the pair files keep it: on one line, ending with exactly one ';'. Comments are
 * removed (a {@code --} comment would otherwise swallow the rest of the joined line), runs of white space outside
 * literals become one blank, and string literals, quoted identifiers and dollar-quoted bodies are copied unchanged.
 * A surrounding Markdown code fence is dropped.
 */
public final class SqlOneLine {

    private SqlOneLine() {
    }

    public static String normalize(String sql) {
        if (sql == null) {
            return "";
        }
        String s = unfence(sql.strip());
        StringBuilder out = new StringBuilder(s.length() + 1);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'') {
                boolean escapes = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(s.charAt(i - 2)));
                i = copyQuoted(s, i, '\'', escapes, out);
            } else if (c == '"') {
                i = copyQuoted(s, i, '"', false, out);
            } else if (c == '$' && dollarTag(s, i) != null && (i == 0 || !isIdentifierPart(s.charAt(i - 1)))) {
                String tag = dollarTag(s, i);
                int end = s.indexOf(tag, i + tag.length());
                int stop = end < 0 ? n : end + tag.length();
                out.append(s, i, stop);
                i = stop;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
                blank(out);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = skipBlockComment(s, i);
                blank(out);
            } else if (Character.isWhitespace(c)) {
                blank(out);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        String one = out.toString().strip();
        while (one.endsWith(";")) {
            one = one.substring(0, one.length() - 1).stripTrailing();
        }
        return one.isEmpty() ? "" : one + ";";
    }

    private static String unfence(String s) {
        if (s.startsWith("```")) {
            int newline = s.indexOf('\n');
            s = newline < 0 ? "" : s.substring(newline + 1);
        }
        s = s.strip();
        if (s.endsWith("```")) {
            s = s.substring(0, s.length() - 3);
        }
        return s.strip();
    }

    private static int copyQuoted(String s, int start, char quote, boolean backslashEscapes, StringBuilder out) {
        int i = start + 1;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < n) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            i++;
        }
        out.append(s, start, i);
        return i;
    }

    private static int skipBlockComment(String s, int start) {
        int depth = 0;
        int i = start;
        int n = s.length();
        while (i < n) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The dollar-quote tag starting at {@code i} ({@code $$} or {@code $name$}), or null. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
            return s.substring(i, j + 1);
        }
        return null;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static void blank(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }
}
