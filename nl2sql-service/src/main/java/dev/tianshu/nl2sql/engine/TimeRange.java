package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;

/**
 * A half-open range of days [{@code from}, {@code to}) that a time expression denotes (open on one side when
 * {@code from} or {@code to} is null: "2014年起", "before 1980"), with the words it is read
 * back as ("去年", "2023年4月", "last 7 days"). {@code latest} is the most recent day that has data ("最近一天"):
 * the SQL asks the table for it; {@code from}/{@code to} then hold today, for display only.
 */
public record TimeRange(LocalDate from, LocalDate to, String label, boolean latest) {

    public TimeRange(LocalDate from, LocalDate to, String label) {
        this(from, to, label, false);
    }

    /** A window that rolls with today ("最近6个月", "past 30 days"), not a calendar period. */
    public boolean rolling() {
        return label.matches("(最近|过去|前)\\d+.*");
    }

    /** The most recent day that has data. */
    public static TimeRange latestDay(LocalDate today) {
        return new TimeRange(today, today.plusDays(1), "最近一天", true);
    }

    private static final java.util.Map<String, String> WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("今年", "this year"), java.util.Map.entry("去年", "last year"),
            java.util.Map.entry("前年", "the year before last"), java.util.Map.entry("本月", "this month"),
            java.util.Map.entry("上个月", "last month"), java.util.Map.entry("本周", "this week"),
            java.util.Map.entry("上周", "last week"), java.util.Map.entry("本季度", "this quarter"),
            java.util.Map.entry("上季度", "last quarter"), java.util.Map.entry("昨天", "yesterday"),
            java.util.Map.entry("前天", "the day before yesterday"), java.util.Map.entry("今天", "today"),
            java.util.Map.entry("最近一天", "the latest day"), java.util.Map.entry("上期", "previous period"));

    /** The words a range open on one side ends with, and what they are in English. */
    private static final String[][] OPEN_WORDS = {{"及以前", "up to"}, {"以前", "before"}, {"之后", "after"},
            {"起", "since"}};

    /** Whether the range is a calendar period within one year ("2025年", "第三季度"), not a rolling window. */
    public boolean oneCalendarYear() {
        return !rolling() && from != null && to != null && from.getYear() == to.minusDays(1).getYear();
    }

    /** Whether the range is a single day. */
    public boolean oneDay() {
        return from != null && from.plusDays(1).equals(to);
    }

    /** The label in English: "last 7 days", "2023-04-01", "Q3 2023", "H1 2023", "2023-04-01 to 2023-04-07". */
    public String englishLabel() {
        return english(label);
    }

    private static String english(String label) {
        for (String[] open : OPEN_WORDS) {
            if (label.endsWith(open[0]) && label.length() > open[0].length()) {
                return open[1] + " " + english(label.substring(0, label.length() - open[0].length()));
            }
        }
        int through = label.indexOf('至');
        if (through > 0) {
            return english(label.substring(0, through)) + " to " + english(label.substring(through + 1));
        }
        String word = WORDS.get(label);
        if (word != null) {
            return word;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(最近|过去)(\\d+)(天|周|个月|年)").matcher(label);
        if (m.matches()) {
            String unit = switch (m.group(3)) {
                case "天" -> "day";
                case "周" -> "week";
                case "个月" -> "month";
                default -> "year";
            };
            int n = Integer.parseInt(m.group(2));
            return (m.group(1).equals("最近") ? "last " : "past ") + n + " " + unit + (n == 1 ? "" : "s");
        }
        m = java.util.regex.Pattern.compile("(\\d{4})年(?:(\\d{1,2})月(?:(\\d{1,2})日)?|第(\\d)季度|(上|下)半年)?").matcher(label);
        if (m.matches()) {
            if (m.group(4) != null) {
                return "Q" + m.group(4) + " " + m.group(1);
            }
            if (m.group(5) != null) {
                return (m.group(5).equals("上") ? "H1 " : "H2 ") + m.group(1);
            }
            if (m.group(2) == null) {
                return m.group(1);
            }
            String month = String.format("%s-%02d", m.group(1), Integer.parseInt(m.group(2)));
            return m.group(3) == null ? month : String.format("%s-%02d", month, Integer.parseInt(m.group(3)));
        }
        return label;
    }

    public TimeRange {
        if (from == null && to == null) {
            throw new IllegalArgumentException("a range needs a start or an end");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("empty range " + from + " .. " + to);
        }
    }
}
