package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

import net.sf.jsqlparser.JSQLParserException;

import dev.tianshu.nl2sql.engine.ExampleLiterals.Alignment;
import dev.tianshu.nl2sql.engine.ExampleLiterals.Shape;
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
 *
 * <p>The literals of a question and their pairing are {@link ExampleLiterals}', the kinds of its times
 * {@link ExampleTimes}'; the stored SQL is rewritten by an {@link ExampleRewrite}, its times by an
 * {@link ExampleTimeRewrite}.
 */
public final class ExampleAdapter {

    private ExampleAdapter() {
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
        Shape stored = ExampleLiterals.shape(example.question(), model, lexicon, today);
        Shape asked = ExampleLiterals.shape(input, model, lexicon, today);
        Optional<Alignment> aligned = ExampleLiterals.align(stored, asked);
        if (aligned.isEmpty()) {
            return Optional.empty();
        }
        if (aligned.get().changed().isEmpty()) {
            return Optional.of(example.sql());
        }
        if (Stream.concat(stored.literals().stream(), asked.literals().stream())
                .anyMatch(l -> l instanceof ExampleLiterals.TimeLiteral t && t.when() instanceof ExampleTimes.Absolute a
                        && a.open())) {
            // a time open on one side ("2020年以来") has no date literals to move: only identical questions reuse it
            return Optional.empty();
        }
        try {
            return new ExampleRewrite(example.sql(), model.dialect()).apply(aligned.get().changed(),
                    aligned.get().unchanged());
        } catch (JSQLParserException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
