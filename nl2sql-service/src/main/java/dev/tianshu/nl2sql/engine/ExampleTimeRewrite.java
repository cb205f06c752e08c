package dev.tianshu.nl2sql.engine;

import static dev.tianshu.nl2sql.engine.SqlIntervals.newInterval;
import static dev.tianshu.nl2sql.engine.SqlIntervals.sameCase;
import static dev.tianshu.nl2sql.engine.SqlIntervals.setInterval;
import static dev.tianshu.nl2sql.engine.SqlIntervals.span;
import static dev.tianshu.nl2sql.engine.SqlIntervals.unitOf;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;

import dev.tianshu.nl2sql.engine.ExampleTimes.Absolute;
import dev.tianshu.nl2sql.engine.ExampleTimes.DaysAgo;
import dev.tianshu.nl2sql.engine.ExampleTimes.Period;
import dev.tianshu.nl2sql.engine.ExampleTimes.Recent;
import dev.tianshu.nl2sql.engine.ExampleTimes.When;

/**
 * The times written in one stored SQL being rewritten (date literals, EXTRACT/YEAR parts, {@code CURRENT_DATE - n},
 * intervals, truncations of now) and their moves when a time of the question changes; replacements are planned on
 * the {@link ExampleRewrite} it belongs to.
 */
final class ExampleTimeRewrite {

    private static final Pattern SQL_DATE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})((?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?)$");
    private static final Pattern NOW = Pattern.compile(
            "(?i)^(current_date|current_timestamp|localtimestamp|now|today|curdate|sysdate|getdate)(\\s*\\(\\s*\\))?$");

    private final ExampleRewrite sql;
    private final String dialect;
    private final List<DateLiteral> dates = new ArrayList<>();
    private final List<Subtraction> dayOffsets = new ArrayList<>();
    private final List<IntervalExpression> intervals = new ArrayList<>();
    private final List<Function> truncations = new ArrayList<>();
    private final List<PartOfDate> parts = new ArrayList<>();

    /** A date string ('2023-04-01', '2023-04-01 00:00:00') or DATE '…' literal. */
    record DateLiteral(Object node, LocalDate date, String rest) {
    }

    /** {@code EXTRACT(YEAR FROM x) = n}, {@code YEAR(x) = n}: the number and the part (year or month). */
    record PartOfDate(LongValue number, String part) {
    }

    ExampleTimeRewrite(ExampleRewrite sql, String dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    // ---- the question's times, located

    /** Where a changed time of the question is written in the SQL, its replacements planned; false if nowhere. */
    boolean time(When from, When to, Map<LocalDate, LocalDate> dateMoves, Map<LocalDate, Integer> datePriority,
            Set<Object> accountedParts) {
        if (from instanceof Absolute a && to instanceof Absolute b) {
            if (a.singleDay() && !b.singleDay()) {
                return false;
            }
            if (!moveDates(a, b, dateMoves, datePriority)) {
                return false;
            }
            boolean inDates = dates.stream().anyMatch(d -> d.date().equals(a.from()) || d.date().equals(a.last())
                    || d.date().equals(a.to()));
            int before = accountedParts.size();
            if (!moveParts(a, b, accountedParts, true)) {
                return false;
            }
            return inDates || accountedParts.size() > before;
        }
        if (from instanceof Recent a && to instanceof Recent b) {
            return recent(a, b);
        }
        if (from instanceof DaysAgo a && to instanceof DaysAgo b) {
            return a.n() > 0 && daysAgo(a.n(), b.n());
        }
        if (from instanceof Period a && to instanceof Period b) {
            return a.back() == b.back() && period(a, b);
        }
        return false;
    }

    /** Notes what an unchanged relative time of the question is written as (while its rewrite is accounting). */
    void account(When when) {
        if (when instanceof Recent r) {
            recent(r, r);
        } else if (when instanceof DaysAgo d && d.n() > 0) {
            daysAgo(d.n(), d.n());
        } else if (when instanceof Period p) {
            period(p, p);
        }
    }

    /**
     * Plans the moves of every date of the SQL; false when a date or a part of a date belongs to none of the
     * question's ranges, which a changed time would leave behind.
     */
    boolean datesFollow(Map<LocalDate, LocalDate> dateMoves, Set<Object> accountedParts) {
        for (DateLiteral d : dates) {
            LocalDate to = dateMoves.get(d.date());
            if (to == null) {
                return false;
            }
            if (!to.equals(d.date()) && !sql.plan(d.node(), "date " + to, () -> setDate(d, to))) {
                return false;
            }
        }
        for (PartOfDate p : parts) {
            if (!accountedParts.contains(p.number())) {
                return false;
            }
        }
        return true;
    }

    /** Registers where the first day, last day and the day after of {@code a} move; false on a conflict. */
    static boolean moveDates(Absolute a, Absolute b, Map<LocalDate, LocalDate> moves,
            Map<LocalDate, Integer> priority) {
        return move(a.from(), b.from(), 0, moves, priority) && move(a.last(), b.last(), 0, moves, priority)
                && move(a.to(), b.to(), 1, moves, priority);
    }

    private static boolean move(LocalDate from, LocalDate to, int rank, Map<LocalDate, LocalDate> moves,
            Map<LocalDate, Integer> priority) {
        Integer existing = priority.get(from);
        if (existing == null || rank < existing) {
            moves.put(from, to);
            priority.put(from, rank);
            return true;
        }
        // a first or last day wins over the day after another range; two equal ranks must agree
        return rank > existing || moves.get(from).equals(to);
    }

    /**
     * EXTRACT(YEAR|MONTH …) = n for a whole year or month {@code a} becoming {@code b}; false when they exist but
     * cannot move (a year becoming a month, …).
     */
    boolean moveParts(Absolute a, Absolute b, Set<Object> accounted, boolean rewrite) {
        for (PartOfDate p : parts) {
            long n = p.number().getValue();
            boolean year = p.part().equals("year");
            boolean matches = (a.wholeYear() && year && n == a.from().getYear())
                    || (a.wholeMonth() && (year ? n == a.from().getYear() : n == a.from().getMonthValue()));
            if (!matches) {
                continue;
            }
            if (a.wholeYear() != b.wholeYear() || a.wholeMonth() != b.wholeMonth()) {
                return false;
            }
            long target = year ? b.from().getYear() : b.from().getMonthValue();
            if (rewrite && target != n
                    && !sql.plan(p.number(), "part " + target, () -> p.number().setValue(target))) {
                return false;
            }
            accounted.add(p.number());
        }
        return true;
    }

    private boolean recent(Recent a, Recent b) {
        boolean found = false;
        for (Subtraction s : dayOffsets) {
            LongValue days = (LongValue) s.getRightExpression();
            if (days.getValue() != a.days()) {
                continue;
            }
            found = true;
            boolean ok;
            if (b.unit().equals("day") || b.unit().equals("week") || b.unit().equals(a.unit())) {
                long target = b.days();
                ok = sql.plan(days, "days " + target, () -> days.setValue(target));
            } else {
                ok = sql.plan(s, "interval " + b,
                        () -> s.setRightExpression(newInterval(b.n(), b.unit(), dialect)));
            }
            if (!ok) {
                return false;
            }
        }
        for (IntervalExpression i : intervals) {
            Optional<long[]> span = span(i);
            String unit = span.isPresent() ? unitOf(i) : null;
            if (span.isEmpty() || unit == null) {
                continue;
            }
            long n = span.get()[0];
            boolean asUnits = unit.equals(a.unit()) && n == a.n();
            boolean asDays = unit.equals("day") && n == a.days();
            if (!asUnits && !asDays) {
                continue;
            }
            found = true;
            boolean inDays = asDays && !asUnits && (b.unit().equals("day") || b.unit().equals("week"));
            long count = inDays ? b.days() : b.n();
            String targetUnit = inDays ? "day" : b.unit();
            if (!sql.plan(i, "interval " + count + " " + targetUnit, () -> setInterval(i, count, targetUnit))) {
                return false;
            }
        }
        return found;
    }

    private boolean daysAgo(int from, int to) {
        boolean found = false;
        for (Subtraction s : dayOffsets) {
            LongValue days = (LongValue) s.getRightExpression();
            if (days.getValue() == from) {
                found = true;
                if (!sql.plan(days, "days " + to, () -> days.setValue(to))) {
                    return false;
                }
            }
        }
        for (IntervalExpression i : intervals) {
            Optional<long[]> span = span(i);
            if (span.isPresent() && span.get()[0] == from && "day".equals(unitOf(i))) {
                found = true;
                if (!sql.plan(i, "interval " + to + " day", () -> setInterval(i, to, "day"))) {
                    return false;
                }
            }
        }
        return found;
    }

    private boolean period(Period a, Period b) {
        boolean truncated = false;
        for (Function f : truncations) {
            if (f.getName().equalsIgnoreCase("date_trunc")) {
                StringValue unit = (StringValue) f.getParameters().get(0);
                if (unit.getValue().equalsIgnoreCase(a.unit())) {
                    truncated = true;
                    String target = sameCase(unit.getValue(), b.unit());
                    if (!sql.plan(unit, "unit " + target, () -> unit.setValue(target))) {
                        return false;
                    }
                }
            } else if (f.getName().equalsIgnoreCase("toStartOf" + a.unit())) {
                truncated = true;
                String target = "toStartOf" + Character.toUpperCase(b.unit().charAt(0)) + b.unit().substring(1);
                if (!sql.plan(f, "function " + target, () -> f.setName(target))) {
                    return false;
                }
            }
        }
        if (!truncated) {
            return false;
        }
        if (a.back() == 0) {
            return true;
        }
        // the interval going back: 1 month → 1 year (a quarter as 3 months)
        long fromCount = a.unit().equals("quarter") ? 3L * a.back() : a.back();
        String fromUnit = a.unit().equals("quarter") ? "month" : a.unit();
        long toCount = b.unit().equals("quarter") ? 3L * b.back() : b.back();
        String toUnit = b.unit().equals("quarter") ? "month" : b.unit();
        boolean back = false;
        for (IntervalExpression i : intervals) {
            Optional<long[]> span = span(i);
            String unit = span.isPresent() ? unitOf(i) : null;
            boolean matches = unit != null && ((unit.equals(fromUnit) && span.get()[0] == fromCount)
                    || (unit.equals(a.unit()) && span.get()[0] == a.back()));
            if (matches) {
                back = true;
                if (!sql.plan(i, "interval " + toCount + " " + toUnit, () -> setInterval(i, toCount, toUnit))) {
                    return false;
                }
            }
        }
        return back;
    }

    /**
     * Whether every piece of date arithmetic of the SQL ({@code CURRENT_DATE - n}, intervals) belongs to a time
     * of the question, so that a changed relative time leaves none behind: "昨日…环比" compares with
     * {@code CURRENT_DATE - 2}, which must not stay when yesterday becomes the day before. Only "yesterday" as
     * the end of a window ({@code BETWEEN CURRENT_DATE - 30 AND CURRENT_DATE - 1}) may stay, unless a day itself
     * changes.
     */
    boolean relativeArithmeticCovered(boolean daysAgoChanges) {
        for (Subtraction s : dayOffsets) {
            Object days = s.getRightExpression();
            boolean covered = sql.isPlanned(days) || sql.isPlanned(s) || sql.isAccounted(days);
            if (!covered && (daysAgoChanges || ((LongValue) days).getValue() > 1)) {
                return false;
            }
        }
        for (IntervalExpression i : intervals) {
            boolean endOfWindow = !daysAgoChanges && "day".equals(unitOf(i))
                    && span(i).map(n -> n[0] <= 1).orElse(false);
            if (!sql.isPlanned(i) && !sql.isAccounted(i) && !endOfWindow) {
                return false;
            }
        }
        return true;
    }

    // ---- the SQL's times

    /**
     * Notes {@code node} when it is a time; the numbers of date arithmetic and of parts of dates go to
     * {@code claimed}.
     */
    void index(Object node, Set<Object> claimed) {
        if (node instanceof StringValue s) {
            dateOf(s.getValue()).ifPresent(d -> dates.add(new DateLiteral(s, d, timePart(s.getValue()))));
        } else if (node instanceof DateTimeLiteralExpression d) {
            String raw = d.getValue() == null ? "" : d.getValue().replace("'", "");
            dateOf(raw).ifPresent(date -> dates.add(new DateLiteral(d, date, timePart(raw))));
        } else if (node instanceof Subtraction s && isNow(s.getLeftExpression())
                && s.getRightExpression() instanceof LongValue l) {
            dayOffsets.add(s);
            claimed.add(l);
        } else if (node instanceof IntervalExpression i) {
            intervals.add(i);
            if (i.getExpression() != null) {
                claimed.add(i.getExpression());
            }
        } else if (node instanceof Function f && isTruncationOfNow(f)) {
            truncations.add(f);
        } else if (node instanceof ComparisonOperator c) {
            partOfDate(c.getLeftExpression(), c.getRightExpression(), claimed);
            partOfDate(c.getRightExpression(), c.getLeftExpression(), claimed);
        }
    }

    private void partOfDate(Expression part, Expression value, Set<Object> claimed) {
        if (!(value instanceof LongValue number)) {
            return;
        }
        String name = null;
        if (part instanceof ExtractExpression e) {
            name = e.getName();
        } else if (part instanceof Function f && f.getParameters() != null && f.getParameters().size() == 1) {
            name = f.getName();
        }
        if (name == null) {
            return;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("year") || n.equals("toyear")) {
            parts.add(new PartOfDate(number, "year"));
            claimed.add(number);
        } else if (n.equals("month") || n.equals("tomonth")) {
            parts.add(new PartOfDate(number, "month"));
            claimed.add(number);
        }
    }

    private static boolean isNow(Expression e) {
        if (e instanceof TimeKeyExpression t) {
            return NOW.matcher(t.getStringValue().strip()).matches();
        }
        if (e instanceof Function f) {
            return (f.getParameters() == null || f.getParameters().isEmpty()) && NOW.matcher(f.getName()).matches();
        }
        return false;
    }

    /** DATE_TRUNC('unit', now) or ClickHouse's toStartOfUnit(now). */
    private static boolean isTruncationOfNow(Function f) {
        if (f.getParameters() == null || f.getName() == null) {
            return false;
        }
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (name.equals("date_trunc")) {
            return f.getParameters().size() == 2 && f.getParameters().get(0) instanceof StringValue
                    && isNow((Expression) f.getParameters().get(1));
        }
        return name.matches("tostartof(week|month|quarter|year)") && f.getParameters().size() == 1
                && isNow((Expression) f.getParameters().get(0));
    }

    private static Optional<LocalDate> dateOf(String text) {
        Matcher m = SQL_DATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String timePart(String text) {
        Matcher m = SQL_DATE.matcher(text);
        return m.matches() ? m.group(2) : "";
    }

    private static void setDate(DateLiteral d, LocalDate to) {
        if (d.node() instanceof StringValue s) {
            s.setValue(to + d.rest());
        } else {
            ((DateTimeLiteralExpression) d.node()).setValue("'" + to + d.rest() + "'");
        }
    }
}
