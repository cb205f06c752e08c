package dev.tianshu.nl2sql.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;

/**
 * Reads and writes JSqlParser interval expressions ({@code INTERVAL '30 days'}, {@code INTERVAL 30 DAY},
 * {@code INTERVAL '30' DAY}): their count and unit, rewritten in their own spelling or new in a dialect's.
 */
final class SqlIntervals {

    private static final Pattern INTERVAL_TEXT = Pattern.compile("(?i)^\\s*(\\d{1,6})\\s*([a-z]+)?\\s*$");

    private SqlIntervals() {
    }

    /** The count of an interval ('30 days', 30 DAY, '30' DAY). */
    static Optional<long[]> span(IntervalExpression i) {
        String body;
        if (i.getParameter() != null) {
            body = unquote(i.getParameter());
        } else if (i.getExpression() instanceof LongValue l) {
            body = String.valueOf(l.getValue());
        } else {
            return Optional.empty();
        }
        Matcher m = INTERVAL_TEXT.matcher(body);
        return m.matches() ? Optional.of(new long[] {Long.parseLong(m.group(1))}) : Optional.empty();
    }

    /** The unit of an interval: day, week, month, quarter or year; null for anything else. */
    static String unitOf(IntervalExpression i) {
        String word = null;
        if (i.getParameter() != null) {
            Matcher m = INTERVAL_TEXT.matcher(unquote(i.getParameter()));
            if (m.matches()) {
                word = m.group(2);
            }
        }
        if (word == null) {
            word = i.getIntervalType();
        }
        if (word == null) {
            return null;
        }
        String w = word.toLowerCase(Locale.ROOT);
        if (w.matches("days?|d")) {
            return "day";
        }
        if (w.matches("weeks?|w")) {
            return "week";
        }
        if (w.matches("months?|mons?")) {
            return "month";
        }
        if (w.matches("quarters?")) {
            return "quarter";
        }
        if (w.matches("years?|y")) {
            return "year";
        }
        return null;
    }

    /** Rewrites an interval to {@code count unit}, in the interval's own spelling. */
    static void setInterval(IntervalExpression i, long count, String unit) {
        String parameter = i.getParameter();
        if (parameter != null && parameter.strip().startsWith("'")) {
            Matcher m = INTERVAL_TEXT.matcher(unquote(parameter));
            if (m.matches() && m.group(2) != null) {
                // '30 days'
                i.setParameter("'" + count + " " + sameCase(m.group(2), plural(unit, count)) + "'");
                return;
            }
            // '30' DAY
            i.setParameter("'" + count + "'");
        } else if (parameter != null) {
            // 30 DAY
            i.setParameter(String.valueOf(count));
        } else {
            i.setExpression(new LongValue(count));
        }
        String type = i.getIntervalType();
        i.setIntervalType(type == null ? unit.toUpperCase(Locale.ROOT) : sameCase(type, unit));
    }

    /** A new interval of {@code count unit} in the dialect: '3 months' (PostgreSQL) or 3 MONTH. */
    static IntervalExpression newInterval(long count, String unit, String dialect) {
        IntervalExpression i = new IntervalExpression();
        if (dialect.equals("postgresql")) {
            i.setParameter("'" + count + " " + plural(unit, count) + "'");
        } else {
            i.setParameter(String.valueOf(count));
            i.setIntervalType(unit.toUpperCase(Locale.ROOT));
        }
        return i;
    }

    private static String plural(String unit, long count) {
        return count == 1 ? unit : unit + "s";
    }

    private static String unquote(String text) {
        String t = text.strip();
        return t.length() >= 2 && t.startsWith("'") && t.endsWith("'") ? t.substring(1, t.length() - 1) : t;
    }

    /** {@code word} in the letter case of {@code like} (upper case stays upper case). */
    static String sameCase(String like, String word) {
        return like.equals(like.toUpperCase(Locale.ROOT)) && !like.equals(like.toLowerCase(Locale.ROOT))
                ? word.toUpperCase(Locale.ROOT) : word.toLowerCase(Locale.ROOT);
    }
}
