package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time expressions relative to a fixed today (Sunday 2026-11-22) and absolute ones, Chinese and English. */
class TimeExpressionsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "去年 age                 | 2025-01-01 | 2026-01-01 | 去年",
            "今年呢?                  | 2026-01-01 | 2027-01-01 | 今年",
            "前年的营收               | 2024-01-01 | 2025-01-01 | 前年",
            "本月订单数               | 2026-11-01 | 2026-12-01 | 本月",
            "上个月各服务区营收       | 2026-10-01 | 2026-11-01 | 上个月",
            "最近7天的车流量          | 2026-11-15 | 2026-11-23 | 最近7天",
            "近3个月                  | 2026-08-22 | 2026-11-23 | 最近3个月",
            "最近两周                 | 2026-11-08 | 2026-11-23 | 最近2周",
            "过去十天                 | 2026-11-12 | 2026-11-22 | 过去10天",
            "昨天的营业额             | 2026-11-21 | 2026-11-22 | 昨天",
            "今天                     | 2026-11-22 | 2026-11-23 | 今天",
            "本周                     | 2026-11-16 | 2026-11-23 | 本周",
            "上周的订单               | 2026-11-09 | 2026-11-16 | 上周",
            "2023年4月1日宜春服务区   | 2023-04-01 | 2023-04-02 | 2023年4月1日",
            "2023-04-01 的营收        | 2023-04-01 | 2023-04-02 | 2023年4月1日",
            "2023年4月营收            | 2023-04-01 | 2023-05-01 | 2023年4月",
            "2023年的营收             | 2023-01-01 | 2024-01-01 | 2023年",
            "2023年第三季度           | 2023-07-01 | 2023-10-01 | 2023年第三季度",
            "第二季度                 | 2026-04-01 | 2026-07-01 | 2026年第2季度",
            "2024年上半年             | 2024-01-01 | 2024-07-01 | 2024年上半年",
            "下半年                   | 2026-07-01 | 2027-01-01 | 2026年下半年",
            "本季度                   | 2026-10-01 | 2027-01-01 | 本季度",
            "sales last year          | 2025-01-01 | 2026-01-01 | 去年",
            "orders this month        | 2026-11-01 | 2026-12-01 | 本月",
            "revenue in the last 30 days | 2026-10-23 | 2026-11-23 | 最近30天",
            "revenue in 2022          | 2022-01-01 | 2023-01-01 | 2022年",
            "papers published in the year 2020 | 2020-01-01 | 2021-01-01 | 2020年",
            "reviews during 2021      | 2021-01-01 | 2022-01-01 | 2021年",
            "each month of the year 2021 | 2021-01-01 | 2022-01-01 | 2021年",
            "sales in calendar year 2019 | 2019-01-01 | 2020-01-01 | 2019年",
            "Q3 2023 revenue          | 2023-07-01 | 2023-10-01 | 2023年第3季度",
            "yesterday                | 2026-11-21 | 2026-11-22 | 昨天",
            "2023年Q1季度日均车流量   | 2023-01-01 | 2023-04-01 | 2023年第1季度",
            "2023年q4的营收           | 2023-10-01 | 2024-01-01 | 2023年第4季度",
            "sales in q2              | 2026-04-01 | 2026-07-01 | 2026年第2季度",
    })
    void reads(String text, String from, String to, String label) {
        TimeExpressions.Match m = TimeExpressions.find(text.strip(), TODAY).orElseThrow(() -> new AssertionError(text));
        assertEquals(LocalDate.parse(from), m.range().from(), text);
        assertEquals(LocalDate.parse(to), m.range().to(), text);
        assertEquals(label.strip().replace("2023年第三季度", "2023年第3季度"), m.range().label(), text);
        assertTrue(m.end() > m.start());
    }

    @ParameterizedTest
    @CsvSource({"最近一天的车流", "最新一天的营收", "南康北服务区最近1天", "revenue on the latest day", "the most recent day"})
    void readsTheLatestDayWithData(String text) {
        TimeRange range = TimeExpressions.find(text, TODAY).orElseThrow(() -> new AssertionError(text)).range();
        assertTrue(range.latest(), text);
        assertEquals("最近一天", range.label());
        assertEquals("the latest day", range.englishLabel());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "比较2023年4月与2022年4月的总车流量 | 2022-04-01 | 2022-05-01 | 2022年4月",
            "去年和今年的营收               | 2026-01-01 | 2027-01-01 | 今年",
            "2023年第一季度对比2024年第一季度 | 2024-01-01 | 2024-04-01 | 2024年第1季度",
            "最近7天与最近30天的订单         | 2026-10-23 | 2026-11-23 | 最近30天",
            "revenue in 2025 and 2026       | 2026-01-01 | 2027-01-01 | 2026年"})
    void readsASecondTimeCompared(String text, String from, String to, String label) {
        String t = text.strip();
        TimeExpressions.Match first = TimeExpressions.find(t, TODAY).orElseThrow();
        TimeExpressions.Match second = TimeExpressions.versus(t, first, TODAY).orElseThrow(() -> new AssertionError(t));
        assertEquals(LocalDate.parse(from), second.range().from(), t);
        assertEquals(LocalDate.parse(to), second.range().to(), t);
        assertEquals(label, second.range().label(), t);
        // only the joining word lies between the two
        assertTrue(t.substring(first.end(), second.start()).strip().matches("与|和|对比|and"), t);
    }

    @ParameterizedTest
    @CsvSource({"2023年4月的车流量和营收", "去年各服务区和公司的营收", "最近一天和今年的订单", "2023年至2024年的营收"})
    void findsNoSecondTimeWhereNoneIsCompared(String text) {
        TimeExpressions.Match first = TimeExpressions.find(text, TODAY).orElseThrow();
        assertTrue(TimeExpressions.versus(text, first, TODAY).isEmpty(), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // open on one side: "since" and "after" have no end, "before" no start
            "2023年以来各公司的营收        | 2023-01-01 |            | 2023年起     | since 2023",
            "2023年4月起的订单             | 2023-04-01 |            | 2023年4月起  | since 2023-04",
            "2023年4月之后每月的订单数     | 2023-05-01 |            | 2023年4月之后 | after 2023-04",
            "2020年以前的车流量            |            | 2020-01-01 | 2020年以前   | before 2020",
            "concerts after 2013           | 2014-01-01 |            | 2013年之后   | after 2013",
            "museums opened since 2010     | 2010-01-01 |            | 2010年起     | since 2010",
            "concerts in year 2014 or after | 2014-01-01 |           | 2014年起     | since 2014",
            "films from 2014 onwards       | 2014-01-01 |            | 2014年起     | since 2014",
            "cars before 1980              |            | 1980-01-01 | 1980年以前   | before 1980",
            "museums that opened prior to the year 2009 | | 2009-01-01 | 2009年以前 | before 2009",
            "in or before 1990             |            | 1991-01-01 | 1990年及以前 | up to 1990",
            "tips after March 2021         | 2021-04-01 |            | 2021年3月之后 | after 2021-03",
            // two years in a row
            "concerts in year 2014 or 2015 | 2014-01-01 | 2016-01-01 | 2014年至2015年 | 2014 to 2015",
            "birth year is either 1948 or 1949 | 1948-01-01 | 1950-01-01 | 1948年至1949年 | 1948 to 1949",
            "2022年或2023年的车流量        | 2022-01-01 | 2024-01-01 | 2022年至2023年 | 2022 to 2023",
    })
    void readsATimeOpenOnOneSide(String text, String from, String to, String label, String english) {
        TimeRange range = TimeExpressions.find(text.strip(), TODAY).orElseThrow(() -> new AssertionError(text)).range();
        assertEquals(from == null ? null : LocalDate.parse(from), range.from(), text);
        assertEquals(to == null ? null : LocalDate.parse(to), range.to(), text);
        assertEquals(label, range.label(), text);
        assertEquals(english, range.englishLabel(), text);
    }

    @ParameterizedTest
    @CsvSource({"the years 2013 or 2015", "price 1999 or 2000 dollars"})
    void readsNoRangeFromYearsNotInARow(String text) {
        TimeExpressions.find(text, TODAY).ifPresent(m -> assertTrue(m.range().from() != null && m.range().to() != null
                && m.range().from().plusYears(1).equals(m.range().to()), text));
    }

    @ParameterizedTest
    @CsvSource({"各服务区的营收", "sq1 codes", "FAQ1 items", "top 5 companies", "年龄大于30", "第5名"})
    void findsNothingWhereThereIsNoTime(String text) {
        assertTrue(TimeExpressions.find(text, TODAY).isEmpty(), text);
    }
}
