package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a time expression of an example's question denotes, in the terms its SQL is written in: a fixed range of
 * days, the last N days/weeks/months/years, a calendar period, a day some days ago or the latest day with data.
 */
final class ExampleTimes {

    private static final String NUM = "(\\d{1,3}|十一|十二|[一二两三四五六七八九十])";
    private static final Pattern RECENT = Pattern.compile(
            "(?:最近|近|过去|前)\\s*" + NUM + "\\s*(?:个)?\\s*(天|日|周|星期|月|年)");
    private static final Pattern RECENT_EN = Pattern.compile(
            "(?:last|past|previous)\\s+(\\d{1,3})\\s+(day|week|month|year)s?");
    private static final Pattern DAYS_AGO = Pattern.compile("今天|今日|today|昨天|昨日|yesterday|前天");
    private static final Map<Pattern, Period> PERIODS = periods();
    private static final Map<String, Integer> CN = Map.ofEntries(Map.entry("一", 1), Map.entry("二", 2),
            Map.entry("两", 2), Map.entry("三", 3), Map.entry("四", 4), Map.entry("五", 5), Map.entry("六", 6),
            Map.entry("七", 7), Map.entry("八", 8), Map.entry("九", 9), Map.entry("十", 10), Map.entry("十一", 11),
            Map.entry("十二", 12));

    private ExampleTimes() {
    }

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

        /** Open on one side ("2020年以来", "before 1980"): no start or no end. */
        boolean open() {
            return from == null || to == null;
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

    /** A count in digits or in Chinese numerals up to twelve ("3", "五", "十二"). */
    static int count(String text) {
        Integer cn = CN.get(text);
        return cn != null ? cn : Integer.parseInt(text);
    }
}
