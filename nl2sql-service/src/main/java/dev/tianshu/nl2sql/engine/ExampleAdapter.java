package dev.tianshu.nl2sql.engine;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Select;

import dev.tianshu.common.sql.SqlNodes;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Reuses a stored question–SQL pair for a new question that differs from the stored one only in its literals
 * (Vanna's "if the question has been asked and answered before, repeat the answer", made deterministic).
 *
 * <p><b>Close enough.</b> Both questions are normalised (NFKC, lower case) and their literals are found: time
 * expressions ({@link TimeExpressions}), sample values of the model ({@link Lexicon}), top-N counts ("前3个", "top 10",
 * "最高的五个") and other numbers ("低于50", "超过20%", "5万元"). Each literal is replaced by a placeholder of its
 * kind and whitespace and punctuation are dropped; the two questions are close enough only when what remains is
 * identical. The literals then pair up in order; two sample values only pair when some column lists both.
 *
 * <p><b>Rewriting.</b> Identical literals leave the SQL alone (identical questions give the stored SQL unchanged).
 * Every literal that differs is located in the SQL's syntax tree (JSqlParser) and replaced there:
 * <ul>
 * <li>a sample value: every string literal equal to it ({@code service_name = '宜春服务区'});</li>
 * <li>a top-N count: {@code LIMIT n};</li>
 * <li>a number: the numeric literals equal to it (a percentage also as a fraction, "5万" as 50000), outside LIMIT and
 * date arithmetic;</li>
 * <li>an absolute date, month, quarter or year: date literals equal to its first day, last day or the day after
 * ({@code BETWEEN '2023-04-01' AND '2023-04-30'}, {@code >= '2023-04-01' AND < '2023-05-01'}) move to the new
 * range's; {@code EXTRACT(YEAR|MONTH FROM x) = n} and {@code YEAR(x) = n} move when both are whole years (months).
 * A single day cannot become a longer period (its one date literal does not tell start from end);</li>
 * <li>"最近N天/周/个月/年": {@code CURRENT_DATE - N} (N days; a week as 7, a month as 30 days) and intervals
 * ({@code INTERVAL '30 days'}, {@code INTERVAL 1 MONTH}); a day count that becomes months or years becomes an
 * interval in the model's dialect;</li>
 * <li>"昨天/前天": {@code CURRENT_DATE - 1/2};</li>
 * <li>"本月/今年/本周/本季度" and "上个月/去年/上周/上季度": the unit of {@code DATE_TRUNC('month', CURRENT_DATE)}
 * (ClickHouse {@code toStartOfMonth(today())}) and of the interval going back.</li>
 * </ul>
 * It refuses (empty) rather than guess: when the remaining text differs, when the input has a literal the stored
 * question lacks (or the other way round), when a literal that differs cannot be located in the SQL, when a changed
 * time would leave another date literal or date arithmetic of the SQL behind ("昨日…环比" also compares with
 * {@code CURRENT_DATE - 2}; only "yesterday" as the end of a window may stay), when two literals would rewrite the
 * same SQL literal differently, when a time changes kind (a relative period to a date, "本月" to "上个月", …),
 * or when the SQL is not one SELECT JSqlParser can read. Pure and deterministic: the same arguments give the same
 * answer.
 */
public final class ExampleAdapter {

    private static final long PARSE_TIMEOUT_MILLIS = 2_000;
    /** Stands in for a found literal while looking for the next ones (matches no pattern, no term). */
    private static final char MASK = '\uE00F';
    private static final String NUM = "(\\d{1,3}|十一|十二|[一二两三四五六七八九十])";
    private static final Pattern RECENT = Pattern.compile(
            "(?:最近|近|过去|前)\\s*" + NUM + "\\s*(?:个)?\\s*(天|日|周|星期|月|年)");
    private static final Pattern RECENT_EN = Pattern.compile(
            "(?:last|past|previous)\\s+(\\d{1,3})\\s+(day|week|month|year)s?");
    private static final Pattern DAYS_AGO = Pattern.compile("今天|今日|today|昨天|昨日|yesterday|前天");
    private static final Map<Pattern, Period> PERIODS = periods();
    private static final Pattern TOP = Pattern.compile(
            "(?:前|后|top\\s*|bottom\\s*|最[高多大低少小]的?\\s*)((\\d{1,4}|[一二两三四五六七八九十])\\s*(?:个|名|条|家|位)?)");
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern MULTIPLIER = Pattern.compile("\\s*(万|千|亿)");
    private static final Pattern PERCENT = Pattern.compile("\\s*%");
    private static final Pattern SQL_DATE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})((?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?)$");
    private static final Pattern INTERVAL_TEXT = Pattern.compile("(?i)^\\s*(\\d{1,6})\\s*([a-z]+)?\\s*$");
    private static final Pattern NOW = Pattern.compile(
            "(?i)^(current_date|current_timestamp|localtimestamp|now|today|curdate|sysdate|getdate)(\\s*\\(\\s*\\))?$");
    private static final Map<String, Integer> CN = Map.ofEntries(Map.entry("一", 1), Map.entry("二", 2),
            Map.entry("两", 2), Map.entry("三", 3), Map.entry("四", 4), Map.entry("五", 5), Map.entry("六", 6),
            Map.entry("七", 7), Map.entry("八", 8), Map.entry("九", 9), Map.entry("十", 10), Map.entry("十一", 11),
            Map.entry("十二", 12));

    private ExampleAdapter() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // literals of a question

    /** What a time expression denotes, in the terms its SQL is written in. */
    sealed interface When permits Absolute, Recent, Period, DaysAgo, LatestDay {
    }

    /** The latest day that has data: the data's own day, never adapted to or from a date. */
    record LatestDay() implements When {
    }

    /** A fixed range of days [from, to): a date, month, quarter, half or year. */
    record Absolute(LocalDate from, LocalDate to) implements When {

        LocalDate last() {
            return to.minusDays(1);
        }

        boolean singleDay() {
            return from.plusDays(1).equals(to);
        }

        boolean wholeYear() {
            return from.getDayOfYear() == 1 && from.plusYears(1).equals(to);
        }

        boolean wholeMonth() {
            return from.getDayOfMonth() == 1 && from.plusMonths(1).equals(to);
        }
    }

    /** The last {@code n} days, weeks, months or years up to today ("最近7天"). */
    record Recent(int n, String unit) implements When {

        long days() {
            return days(n, unit);
        }

        static long days(long n, String unit) {
            return switch (unit) {
                case "week" -> 7 * n;
                case "month" -> 30 * n;
                case "year" -> 365 * n;
                default -> n;
            };
        }
    }

    /** The calendar week, month, quarter or year, {@code back} periods ago (0: this one, 1: the last one). */
    record Period(String unit, int back) implements When {
    }

    /** One day, {@code n} days ago (0: today, 1: yesterday). */
    record DaysAgo(int n) implements When {
    }

    /** A literal of a question: where it is and what it is. */
    sealed interface Literal permits TimeLiteral, ValueLiteral, LimitLiteral, NumberLiteral {

        int start();

        int end();

        /** The placeholder letter of the literal's kind. */
        char kind();
    }

    record TimeLiteral(int start, int end, When when) implements Literal {
        public char kind() {
            return 'T';
        }
    }

    /** A sample value; {@code columns} are the columns ("table.column") whose samples hold it. */
    record ValueLiteral(int start, int end, String value, Set<String> columns) implements Literal {
        public char kind() {
            return 'V';
        }
    }

    record LimitLiteral(int start, int end, int n) implements Literal {
        public char kind() {
            return 'L';
        }
    }

    /** A number; {@code value} already multiplied ("5万" is 50000); a percentage may be written as a fraction. */
    record NumberLiteral(int start, int end, BigDecimal value, boolean percent) implements Literal {
        public char kind() {
            return 'N';
        }
    }

    /** A question with its literals taken out. */
    record Shape(String skeleton, List<Literal> literals) {
    }

    /**
     * The stored SQL rewritten for {@code input}, when the stored question is close enough to it and every literal
     * that differs was located in the SQL; empty otherwise.
     */
    public static Optional<String> adapt(Example example, String input, SemanticModel model, Lexicon lexicon,
            LocalDate today) {
        if (example == null || example.question() == null || example.sql() == null || example.sql().isBlank()
                || input == null) {
            return Optional.empty();
        }
        Shape stored = shape(example.question(), model, lexicon, today);
        Shape asked = shape(input, model, lexicon, today);
        if (!stored.skeleton().equals(asked.skeleton()) || stored.literals().size() != asked.literals().size()) {
            return Optional.empty();
        }
        List<Literal[]> changed = new ArrayList<>();
        List<Literal> unchanged = new ArrayList<>();
        for (int i = 0; i < stored.literals().size(); i++) {
            Literal s = stored.literals().get(i);
            Literal a = asked.literals().get(i);
            if (s.kind() != a.kind()) {
                return Optional.empty();
            }
            if (same(s, a)) {
                unchanged.add(s);
                continue;
            }
            if (s instanceof ValueLiteral sv && a instanceof ValueLiteral av
                    && Collections.disjoint(sv.columns(), av.columns())) {
                // 宜春服务区 → 宜春分公司 would filter the wrong column
                return Optional.empty();
            }
            changed.add(new Literal[] {s, a});
        }
        if (changed.isEmpty()) {
            return Optional.of(example.sql());
        }
        try {
            return new Rewrite(example.sql(), model.dialect()).apply(changed, unchanged);
        } catch (JSQLParserException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean same(Literal s, Literal a) {
        if (s instanceof TimeLiteral st && a instanceof TimeLiteral at) {
            return st.when().equals(at.when());
        }
        if (s instanceof ValueLiteral sv && a instanceof ValueLiteral av) {
            return sv.value().equals(av.value());
        }
        if (s instanceof LimitLiteral sl && a instanceof LimitLiteral al) {
            return sl.n() == al.n();
        }
        if (s instanceof NumberLiteral sn && a instanceof NumberLiteral an) {
            return sn.value().compareTo(an.value()) == 0 && sn.percent() == an.percent();
        }
        return false;
    }

    /** The question's literals and what remains around them. */
    static Shape shape(String question, SemanticModel model, Lexicon lexicon, LocalDate today) {
        String text = Lexicon.normalise(question).replaceAll("[?？!！。，,;；]+", " ").strip();
        StringBuilder masked = new StringBuilder(text);
        List<Literal> literals = new ArrayList<>();

        // time expressions, leftmost first, until none is left
        for (int guard = 0; guard < 10; guard++) {
            Optional<TimeExpressions.Match> m = TimeExpressions.find(masked.toString(), today);
            if (m.isEmpty() || m.get().end() <= m.get().start()) {
                break;
            }
            int start = m.get().start();
            int end = m.get().end();
            literals.add(new TimeLiteral(start, end, when(text.substring(start, end).strip(), m.get().range())));
            mask(masked, start, end);
        }
        // sample values
        for (Lexicon.Hit hit : lexicon.find(masked.toString())) {
            if (hit.entry().value() != null && hit.entry().column() != null) {
                literals.add(new ValueLiteral(hit.start(), hit.end(), hit.entry().value(),
                        columnsHolding(hit.entry().value(), hit.entry().column(), model)));
                mask(masked, hit.start(), hit.end());
            }
        }
        // top-N
        Matcher top = TOP.matcher(masked);
        List<int[]> tops = new ArrayList<>();
        while (top.find()) {
            literals.add(new LimitLiteral(top.start(1), top.end(1), count(top.group(2))));
            tops.add(new int[] {top.start(1), top.end(1)});
        }
        tops.forEach(t -> mask(masked, t[0], t[1]));
        // other numbers (not part of a word like "g60" or "h03")
        Matcher digits = DIGITS.matcher(masked);
        List<int[]> numbers = new ArrayList<>();
        while (digits.find()) {
            int start = digits.start();
            int end = digits.end();
            if ((start > 0 && isAsciiLetter(masked.charAt(start - 1)))
                    || (end < masked.length() && isAsciiLetter(masked.charAt(end)))) {
                continue;
            }
            BigDecimal value = new BigDecimal(digits.group());
            Matcher multiplier = MULTIPLIER.matcher(masked).region(end, masked.length());
            if (multiplier.lookingAt()) {
                value = value.multiply(switch (multiplier.group(1)) {
                    case "万" -> BigDecimal.valueOf(10_000);
                    case "千" -> BigDecimal.valueOf(1_000);
                    default -> BigDecimal.valueOf(100_000_000);
                });
                end = multiplier.end();
            }
            Matcher percent = PERCENT.matcher(masked).region(end, masked.length());
            boolean isPercent = percent.lookingAt();
            if (isPercent) {
                end = percent.end();
            }
            literals.add(new NumberLiteral(start, end, value, isPercent));
            numbers.add(new int[] {start, end});
        }
        numbers.forEach(n -> mask(masked, n[0], n[1]));

        literals.sort(Comparator.comparingInt(Literal::start));
        StringBuilder skeleton = new StringBuilder();
        int at = 0;
        for (Literal l : literals) {
            skeleton.append(text, at, l.start()).append('\uE000').append(l.kind()).append('\uE001');
            at = l.end();
        }
        skeleton.append(text.substring(at));
        String remaining = skeleton.toString().replaceAll("[\\s\\p{P}]+", "");
        return new Shape(remaining, List.copyOf(literals));
    }

    private static void mask(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            text.setCharAt(i, MASK);
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** Every column whose samples hold {@code value}, and the column the lexicon read it as. */
    private static Set<String> columnsHolding(String value, Reading.Column column, SemanticModel model) {
        Set<String> columns = new HashSet<>();
        columns.add(key(column.table(), column.column()));
        for (SemanticModel.Table t : model.tables()) {
            for (SemanticModel.Column c : t.columns()) {
                if (c.samples().contains(value)) {
                    columns.add(key(t.tableName(), c.columnName()));
                }
            }
        }
        return columns;
    }

    private static String key(String table, String column) {
        return (table + "." + column).toLowerCase(Locale.ROOT);
    }

    /** The kind of a time expression, by its words: relative ones by what they say, anything else by its range. */
    static When when(String words, TimeRange range) {
        if (range.latest()) {
            return new LatestDay();
        }
        Matcher recent = RECENT.matcher(words);
        if (recent.matches()) {
            String unit = switch (recent.group(2)) {
                case "天", "日" -> "day";
                case "周", "星期" -> "week";
                case "月" -> "month";
                default -> "year";
            };
            return new Recent(count(recent.group(1)), unit);
        }
        Matcher recentEn = RECENT_EN.matcher(words);
        if (recentEn.matches()) {
            return new Recent(Integer.parseInt(recentEn.group(1)), recentEn.group(2));
        }
        if (DAYS_AGO.matcher(words).matches()) {
            return new DaysAgo(switch (words) {
                case "今天", "今日", "today" -> 0;
                case "前天" -> 2;
                default -> 1;
            });
        }
        for (Map.Entry<Pattern, Period> p : PERIODS.entrySet()) {
            if (p.getKey().matcher(words).matches()) {
                return p.getValue();
            }
        }
        return new Absolute(range.from(), range.to());
    }

    private static Map<Pattern, Period> periods() {
        Map<Pattern, Period> m = new LinkedHashMap<>();
        m.put(Pattern.compile("今年|本年|this year"), new Period("year", 0));
        m.put(Pattern.compile("去年|上一年|上年|last year"), new Period("year", 1));
        m.put(Pattern.compile("前年"), new Period("year", 2));
        m.put(Pattern.compile("本月|这个月|当月|this month"), new Period("month", 0));
        m.put(Pattern.compile("上个月|上月|last month"), new Period("month", 1));
        m.put(Pattern.compile("本周|这周|这个星期|本星期|this week"), new Period("week", 0));
        m.put(Pattern.compile("上周|上个星期|上星期|last week"), new Period("week", 1));
        m.put(Pattern.compile("本季度|这个季度|this quarter"), new Period("quarter", 0));
        m.put(Pattern.compile("上季度|上个季度|last quarter"), new Period("quarter", 1));
        return m;
    }

    private static int count(String text) {
        Integer cn = CN.get(text);
        return cn != null ? cn : Integer.parseInt(text);
    }

    // ------------------------------------------------------------------------------------------------------------
    // rewriting the SQL

    /** One stored SQL being rewritten: its tree, the literals found in it, and the replacements planned. */
    private static final class Rewrite {

        private final Statement statement;
        private final String dialect;
        private final List<StringValue> strings = new ArrayList<>();
        private final List<Expression> numbers = new ArrayList<>();
        private final List<DateLiteral> dates = new ArrayList<>();
        private final List<Subtraction> dayOffsets = new ArrayList<>();
        private final List<IntervalExpression> intervals = new ArrayList<>();
        private final List<Function> truncations = new ArrayList<>();
        private final List<PartOfDate> parts = new ArrayList<>();
        private final List<LongValue> limits = new ArrayList<>();
        /** Numeric literals that are part of date arithmetic, LIMIT or EXTRACT comparisons. */
        private final Set<Object> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Replacement planned per SQL node, with a description to tell two different plans apart. */
        private final Map<Object, String> planned = new IdentityHashMap<>();
        private final List<Runnable> actions = new ArrayList<>();
        /** SQL nodes the question's unchanged relative times are written as. */
        private final Set<Object> accounted = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean accounting;

        /** A date string ('2023-04-01', '2023-04-01 00:00:00') or DATE '…' literal. */
        record DateLiteral(Object node, LocalDate date, String rest) {
        }

        /** {@code EXTRACT(YEAR FROM x) = n}, {@code YEAR(x) = n}: the number and the part (year or month). */
        record PartOfDate(LongValue number, String part) {
        }

        Rewrite(String sql, String dialect) throws JSQLParserException {
            String text = sql.strip().replaceAll(";+\\s*$", "");
            this.statement = CCJSqlParserUtil.parse(text, parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS)
                    .withSquareBracketQuotation(false));
            this.dialect = dialect;
            if (statement instanceof Select) {
                index(nodes(statement));
            }
        }

        Optional<String> apply(List<Literal[]> changed, List<Literal> unchanged) throws JSQLParserException {
            if (!(statement instanceof Select)) {
                return Optional.empty();
            }
            // dates the question's fixed ranges account for, and to where they move
            Map<LocalDate, LocalDate> dateMoves = new HashMap<>();
            Map<LocalDate, Integer> datePriority = new HashMap<>();
            Set<Object> accountedParts = Collections.newSetFromMap(new IdentityHashMap<>());
            boolean timeChanges = false;
            for (Literal l : unchanged) {
                if (l instanceof TimeLiteral t && t.when() instanceof Absolute a
                        && (!moveDates(a, a, dateMoves, datePriority) || !moveParts(a, a, accountedParts, false))) {
                    return Optional.empty();
                }
            }
            // what the unchanged relative times are written as stays theirs
            accounting = true;
            for (Literal l : unchanged) {
                if (l instanceof TimeLiteral t) {
                    if (t.when() instanceof Recent r) {
                        recent(r, r);
                    } else if (t.when() instanceof DaysAgo d && d.n() > 0) {
                        daysAgo(d.n(), d.n());
                    } else if (t.when() instanceof Period p) {
                        period(p, p);
                    }
                }
            }
            accounting = false;
            boolean relativeChanges = false;
            boolean daysAgoChanges = false;
            Map<String, String> valueMoves = new LinkedHashMap<>();
            for (Literal[] pair : changed) {
                Literal s = pair[0];
                Literal a = pair[1];
                boolean located;
                if (s instanceof TimeLiteral st && a instanceof TimeLiteral at) {
                    timeChanges = true;
                    relativeChanges |= !(st.when() instanceof Absolute);
                    daysAgoChanges |= st.when() instanceof DaysAgo;
                    located = time(st.when(), at.when(), dateMoves, datePriority, accountedParts);
                } else if (s instanceof ValueLiteral sv && a instanceof ValueLiteral av) {
                    String before = valueMoves.putIfAbsent(sv.value(), av.value());
                    located = before == null || before.equals(av.value());
                } else if (s instanceof LimitLiteral sl && a instanceof LimitLiteral al) {
                    located = limit(sl.n(), al.n());
                } else if (s instanceof NumberLiteral sn && a instanceof NumberLiteral an) {
                    located = sn.percent() == an.percent() && number(sn, an);
                } else {
                    located = false;
                }
                if (!located) {
                    return Optional.empty();
                }
            }
            for (Map.Entry<String, String> move : valueMoves.entrySet()) {
                if (!value(move.getKey(), move.getValue())) {
                    return Optional.empty();
                }
            }
            if (timeChanges) {
                // every date of the SQL must belong to the question's ranges, or a changed time would leave it behind
                for (DateLiteral d : dates) {
                    LocalDate to = dateMoves.get(d.date());
                    if (to == null) {
                        return Optional.empty();
                    }
                    if (!to.equals(d.date()) && !plan(d.node(), "date " + to, () -> setDate(d, to))) {
                        return Optional.empty();
                    }
                }
                for (PartOfDate p : parts) {
                    if (!accountedParts.contains(p.number())) {
                        return Optional.empty();
                    }
                }
            }
            if (relativeChanges && !relativeArithmeticCovered(daysAgoChanges)) {
                return Optional.empty();
            }
            actions.forEach(Runnable::run);
            String out = statement.toString();
            // what was written must still be one statement JSqlParser reads
            CCJSqlParserUtil.parse(out, parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS)
                    .withSquareBracketQuotation(false));
            return Optional.of(out);
        }

        // ---- the question's literals, located

        private boolean value(String from, String to) {
            if (from.contains("\\") || to.contains("\\")) {
                return false;
            }
            String quotedFrom = from.replace("'", "''");
            String quotedTo = to.replace("'", "''");
            boolean found = false;
            for (StringValue s : strings) {
                if (s.getValue().equals(quotedFrom)) {
                    found = true;
                    if (!plan(s, "value " + quotedTo, () -> s.setValue(quotedTo))) {
                        return false;
                    }
                }
            }
            return found;
        }

        private boolean limit(int from, int to) {
            boolean found = false;
            for (LongValue l : limits) {
                if (l.getValue() == from) {
                    found = true;
                    if (!plan(l, "limit " + to, () -> l.setValue(to))) {
                        return false;
                    }
                }
            }
            return found;
        }

        private boolean number(NumberLiteral from, NumberLiteral to) {
            boolean found = false;
            for (Expression n : numbers) {
                if (claimed.contains(n)) {
                    continue;
                }
                BigDecimal v = numeric(n);
                BigDecimal target = null;
                if (v.compareTo(from.value()) == 0) {
                    target = to.value();
                } else if (from.percent() && v.compareTo(from.value().movePointLeft(2)) == 0) {
                    target = to.value().movePointLeft(2);
                }
                if (target == null) {
                    continue;
                }
                found = true;
                BigDecimal t = target;
                if (n instanceof LongValue l) {
                    if (t.stripTrailingZeros().scale() > 0) {
                        return false;
                    }
                    if (!plan(n, "number " + t.toPlainString(), () -> l.setValue(t.longValueExact()))) {
                        return false;
                    }
                } else if (!plan(n, "number " + t.toPlainString(), () -> ((DoubleValue) n).setValue(t.doubleValue()))) {
                    return false;
                }
            }
            return found;
        }

        private boolean time(When from, When to, Map<LocalDate, LocalDate> dateMoves,
                Map<LocalDate, Integer> datePriority, Set<Object> accountedParts) {
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

        /** Registers where the first day, last day and the day after of {@code a} move; false on a conflict. */
        private static boolean moveDates(Absolute a, Absolute b, Map<LocalDate, LocalDate> moves,
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
        private boolean moveParts(Absolute a, Absolute b, Set<Object> accounted, boolean rewrite) {
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
                if (rewrite && target != n && !plan(p.number(), "part " + target, () -> p.number().setValue(target))) {
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
                    ok = plan(days, "days " + target, () -> days.setValue(target));
                } else {
                    ok = plan(s, "interval " + b, () -> s.setRightExpression(newInterval(b.n(), b.unit())));
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
                if (!plan(i, "interval " + count + " " + targetUnit, () -> setInterval(i, count, targetUnit))) {
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
                    if (!plan(days, "days " + to, () -> days.setValue(to))) {
                        return false;
                    }
                }
            }
            for (IntervalExpression i : intervals) {
                Optional<long[]> span = span(i);
                if (span.isPresent() && span.get()[0] == from && "day".equals(unitOf(i))) {
                    found = true;
                    if (!plan(i, "interval " + to + " day", () -> setInterval(i, to, "day"))) {
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
                        if (!plan(unit, "unit " + target, () -> unit.setValue(target))) {
                            return false;
                        }
                    }
                } else if (f.getName().equalsIgnoreCase("toStartOf" + a.unit())) {
                    truncated = true;
                    String target = "toStartOf" + Character.toUpperCase(b.unit().charAt(0)) + b.unit().substring(1);
                    if (!plan(f, "function " + target, () -> f.setName(target))) {
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
                    if (!plan(i, "interval " + toCount + " " + toUnit, () -> setInterval(i, toCount, toUnit))) {
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
        private boolean relativeArithmeticCovered(boolean daysAgoChanges) {
            for (Subtraction s : dayOffsets) {
                Object days = s.getRightExpression();
                boolean covered = planned.containsKey(days) || planned.containsKey(s) || accounted.contains(days);
                if (!covered && (daysAgoChanges || ((LongValue) days).getValue() > 1)) {
                    return false;
                }
            }
            for (IntervalExpression i : intervals) {
                boolean endOfWindow = !daysAgoChanges && "day".equals(unitOf(i))
                        && span(i).map(n -> n[0] <= 1).orElse(false);
                if (!planned.containsKey(i) && !accounted.contains(i) && !endOfWindow) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Records a replacement of {@code node}; false when another replacement of it was planned or an unchanged
         * literal is written there. While {@link #accounting}, only notes the node as an unchanged literal's.
         */
        private boolean plan(Object node, String what, Runnable action) {
            if (accounting) {
                accounted.add(node);
                return true;
            }
            if (accounted.contains(node)) {
                return false;
            }
            String before = planned.putIfAbsent(node, what);
            if (before == null) {
                actions.add(action);
                return true;
            }
            return before.equals(what);
        }

        // ---- the SQL's literals

        private void index(List<Object> nodes) {
            for (Object node : nodes) {
                if (node instanceof StringValue s) {
                    strings.add(s);
                    dateOf(s.getValue()).ifPresent(d -> dates.add(new DateLiteral(s, d, timePart(s.getValue()))));
                } else if (node instanceof DateTimeLiteralExpression d) {
                    String raw = d.getValue() == null ? "" : d.getValue().replace("'", "");
                    dateOf(raw).ifPresent(date -> dates.add(new DateLiteral(d, date, timePart(raw))));
                } else if (node instanceof LongValue || node instanceof DoubleValue) {
                    numbers.add((Expression) node);
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
                    partOfDate(c.getLeftExpression(), c.getRightExpression());
                    partOfDate(c.getRightExpression(), c.getLeftExpression());
                } else if (node instanceof Limit limit && limit.getRowCount() instanceof LongValue l) {
                    limits.add(l);
                    claimed.add(l);
                }
            }
        }

        private void partOfDate(Expression part, Expression value) {
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

        private static BigDecimal numeric(Expression n) {
            return n instanceof LongValue l ? new BigDecimal(l.getBigIntegerValue())
                    : BigDecimal.valueOf(((DoubleValue) n).getValue());
        }

        // ---- intervals

        /** The count of an interval ('30 days', 30 DAY, '30' DAY). */
        private static Optional<long[]> span(IntervalExpression i) {
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
        private static String unitOf(IntervalExpression i) {
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
        private static void setInterval(IntervalExpression i, long count, String unit) {
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
        private IntervalExpression newInterval(long count, String unit) {
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
        private static String sameCase(String like, String word) {
            return like.equals(like.toUpperCase(Locale.ROOT)) && !like.equals(like.toLowerCase(Locale.ROOT))
                    ? word.toUpperCase(Locale.ROOT) : word.toLowerCase(Locale.ROOT);
        }

        // ---- walking the tree


        /** Every JSqlParser model object reachable from {@code root} (following fields, lists, maps). */
        private static List<Object> nodes(Object root) {
            List<Object> nodes = new ArrayList<>();
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            Deque<Object> todo = new ArrayDeque<>();
            todo.push(root);
            while (!todo.isEmpty()) {
                Object node = todo.pop();
                if (!seen.add(node)) {
                    continue;
                }
                if (seen.size() > 200_000) {
                    throw new IllegalStateException("syntax tree too large");
                }
                if (SqlNodes.forEachElement(node, item -> push(todo, item))) {
                    continue;
                }
                String name = node.getClass().getName();
                if (!name.startsWith("net.sf.jsqlparser.") || name.startsWith("net.sf.jsqlparser.parser.")) {
                    continue;
                }
                nodes.add(node);
                for (Field f : SqlNodes.fields(node.getClass())) {
                    push(todo, SqlNodes.value(f, node));
                }
            }
            return nodes;
        }

        private static void push(Deque<Object> todo, Object value) {
            if (value != null && !SqlNodes.isLeaf(value)) {
                todo.push(value);
            }
        }
    }
}
