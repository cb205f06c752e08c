package dev.tianshu.nl2sql.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.engine.ExampleTimes.When;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The literals of a question (times, sample values, top-N counts, other numbers), what remains around them, and
 * how the literals of a stored question pair up with those of a new one.
 */
final class ExampleLiterals {

    /** Stands in for a found literal while looking for the next ones (matches no pattern, no term). */
    private static final char MASK = '\uE00F';
    private static final Pattern TOP = Pattern.compile(
            "(?:前|后|top\\s*|bottom\\s*|最[高多大低少小]的?\\s*)((\\d{1,4}|[一二两三四五六七八九十])\\s*(?:个|名|条|家|位)?)");
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern MULTIPLIER = Pattern.compile("\\s*(万|千|亿)");
    private static final Pattern PERCENT = Pattern.compile("\\s*%");

    private ExampleLiterals() {
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

    /** The literals of two close-enough questions: pairs (stored, asked) that differ, stored ones that don't. */
    record Alignment(List<Literal[]> changed, List<Literal> unchanged) {
    }

    /**
     * The literals of {@code stored} paired with those of {@code asked} in order, when what remains around them is
     * identical, every pair is of one kind, and two sample values that differ are held by a common column; empty
     * otherwise.
     */
    static Optional<Alignment> align(Shape stored, Shape asked) {
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
        return Optional.of(new Alignment(changed, unchanged));
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
            literals.add(new TimeLiteral(start, end,
                    ExampleTimes.when(text.substring(start, end).strip(), m.get().range())));
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
            literals.add(new LimitLiteral(top.start(1), top.end(1), ExampleTimes.count(top.group(2))));
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
}
