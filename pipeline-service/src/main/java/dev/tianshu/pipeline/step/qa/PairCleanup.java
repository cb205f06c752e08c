package dev.tianshu.pipeline.step.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tianshu.pipeline.model.QaPair;

/**
 * Puts generated pairs into the form qs_*_pair.json stores: question and SQL on one line each, SQL ending with exactly
 * one ';', no empty pairs and no question twice in the task. Unlike the original (which joined lines blindly, so that
 * a {@code --} comment swallowed the rest of the statement), comments are removed before the lines are joined, and
 * whitespace inside string literals and quoted names is kept (only line breaks there become spaces).
 */
public final class PairCleanup {

    private PairCleanup() {
    }

    /**
     * The pairs worth keeping, in order; {@code seenQuestions} holds the questions of the task so far and gets the
     * kept ones added.
     */
    public static List<QaPair> clean(List<QaPair> pairs, Set<String> seenQuestions) {
        List<QaPair> kept = new ArrayList<>();
        if (pairs == null) {
            return kept;
        }
        for (QaPair p : pairs) {
            if (p == null) {
                continue;
            }
            String question = question(p.question());
            String sql = sql(p.sql());
            if (question.isEmpty() || sql.isEmpty() || !seenQuestions.add(question)) {
                continue;
            }
            kept.add(new QaPair(question, sql));
        }
        return kept;
    }

    /** The question on one line with single spaces. */
    public static String question(String question) {
        return question == null ? "" : question.replaceAll("\\s+", " ").strip();
    }

    /** The SQL on one line, without comments, ending with one ';' (empty when nothing is left). */
    public static String sql(String sql) {
        if (sql == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int n = sql.length();
        int i = 0;
        boolean space = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(sql, i, c);
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
                space = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space = true;
            } else if (Character.isWhitespace(c)) {
                space = true;
                i++;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
                i++;
            }
        }
        String s = out.toString().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s.isEmpty() ? "" : s + ";";
    }

    /** The index after the quote that closes the one at {@code start} (a doubled quote is part of the text). */
    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
