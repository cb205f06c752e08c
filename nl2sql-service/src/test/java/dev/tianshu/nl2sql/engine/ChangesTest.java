package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 环比: the period before one as long as it (a calendar month or year before a calendar one, else as many days), and
 * the conditions on the change (环比下降超过15% is below -15).
 */
class ChangesTest {

    private static final Reading.Column DAY = new Reading.Column("t", "d", "日期", "date");
    private static final Reading.Column AMOUNT = new Reading.Column("t", "x", "金额", "double");

    @ParameterizedTest(name = "{0}..{1}")
    @CsvSource({
            "2026-11-21, 2026-11-22, 2026-11-20",   // a day: the day before
            "2026-11-01, 2026-12-01, 2026-10-01",   // a calendar month: the month before (31 days, not 30)
            "2026-03-01, 2026-04-01, 2026-02-01",   // (28 days)
            "2026-01-01, 2027-01-01, 2025-01-01",   // a year
            "2026-07-01, 2026-10-01, 2026-04-01",   // a quarter
            "2026-11-16, 2026-11-23, 2026-11-09"})  // 7 days: the 7 before
    void thePeriodBeforeIsAsLong(LocalDate from, LocalDate to, LocalDate before) {
        TimeRange previous = Changes.previous(new TimeRange(from, to, "x"));
        assertEquals(before, previous.from());
        assertEquals(from, previous.to());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "昨日金额环比下降超过15%的服务区 | < | -15",
            "昨日金额环比下降的服务区 | < | 0",
            "本月金额环比增长超过20%的服务区 | > | 20",
            "本月金额环比增长至少10% | >= | 10",
            "本月金额环比下滑达到5% | <= | -5"})
    void aConditionOnTheChange(String question, String op, String value) {
        List<Reading.Measure> measures = new ArrayList<>(List.of(new Reading.Measure(AMOUNT, "SUM", "金额的总和")));
        Map<String, Reading.Filter> filters = new LinkedHashMap<>();
        TimeRange range = new TimeRange(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22), "昨天");
        Reading.Time time = Changes.take(question, measures, filters, DAY, range, false);
        assertEquals(List.of(range, Changes.previous(range)), time.ranges());
        assertEquals(List.of("金额的总和", "上期金额的总和", "金额的总和环比增长率(%)"),
                measures.stream().map(Reading.Measure::label).toList());
        assertEquals(new Reading.Filter(AMOUNT, op, List.of(value), 2), filters.get("change"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"昨日金额的总和", "昨日金额环比"})
    void noChangeWithoutTheWordOrWithoutAnAggregate(String question) {
        List<Reading.Measure> measures = new ArrayList<>(List.of(question.contains("环比")
                ? new Reading.Measure(AMOUNT, "NONE", "金额") : new Reading.Measure(AMOUNT, "SUM", "金额的总和")));
        assertNull(Changes.take(question, measures, new LinkedHashMap<>(), DAY,
                new TimeRange(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22), "昨天"), false));
        assertEquals(1, measures.size());
    }
}
