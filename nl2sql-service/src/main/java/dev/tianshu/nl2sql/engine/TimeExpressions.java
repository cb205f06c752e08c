package dev.tianshu.nl2sql.engine;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the time expression in a question and turns it into a {@link TimeRange} relative to today: relative ones
 * (今年, 去年, 本月, 上个月, 最近7天, 近3个月, 昨天, 本周, 上周, this year, last month, last 30 days, yesterday …) and
 * absolute ones (2023年, 2023年4月, 2023年4月1日, 2023-04-01, 2023年第三季度, 2023年上半年, Q3 2023, in 2023 …). A quarter
 * or half without a year means this year's.
 */
public final class TimeExpressions {

    /** A time expression found in a text: where it is, and what it denotes. */
    public record Match(int start, int end, TimeRange range) {
    }

    private static final Map<String, Integer> CN_DIGITS = Map.ofEntries(Map.entry("一", 1), Map.entry("二", 2),
            Map.entry("两", 2), Map.entry("三", 3), Map.entry("四", 4), Map.entry("五", 5), Map.entry("六", 6),
            Map.entry("七", 7), Map.entry("八", 8), Map.entry("九", 9), Map.entry("十", 10), Map.entry("十一", 11),
            Map.entry("十二", 12));
    private static final String NUM = "(\\d{1,3}|十一|十二|[一二两三四五六七八九十])";

    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*(?:年|-|/|\\.)\\s*(\\d{1,2})\\s*(?:月|-|/|\\.)\\s*(\\d{1,2})\\s*(?:日|号)?");
    /** "March 2025", "Mar 2025". */
    private static final Pattern MONTH_EN = Pattern.compile("(?i)\\b(january|february|march|april|may|june|july|august|"
            + "september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?\\s+(\\d{4})\\b");
    private static final String MONTH_NAMES = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final Pattern MONTH = Pattern.compile("(\\d{4})\\s*(?:年|-|/)\\s*(\\d{1,2})\\s*月?");
    private static final String YEAR_WORD = "(?:(\\d{4})\\s*年|(今年|本年|去年|上年|前年))?\\s*";
    private static final Pattern QUARTER = Pattern.compile(YEAR_WORD + "第\\s*" + NUM + "\\s*季度");
    // Java's \\b counts 年 as a word character: "2023年Q1季度" needs explicit ASCII boundaries
    private static final Pattern QUARTER_EN = Pattern.compile(
            "(?i)(?:(\\d{4})\\s*年?\\s*)?(?<![a-z0-9])q([1-4])(?:\\s*(?:of\\s*)?(\\d{4}))?(?:季度?)?(?![a-z0-9])");
    private static final Pattern HALF = Pattern.compile(YEAR_WORD + "(上|下)半年");
    /** 2023年; in 2020, during 2020, in (the) (calendar) year 2020, for / of the year 2021. */
    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年(?!\\s*\\d{1,2}\\s*月)|(?i)\\b(?:(?:for|of)\\s+the"
            + "|(?:in|during)(?:\\s+the)?)(?:\\s+(?:calendar\\s+)?year)?\\s+(\\d{4})\\b");
    private static final Pattern RECENT = Pattern.compile("(最近|近|过去|前)\\s*" + NUM + "\\s*(?:个)?\\s*(天|日|周|星期|月|年)");
    private static final Pattern RECENT_EN = Pattern.compile("(?i)\\b(last|past|previous)\\s+(\\d{1,3})\\s+(day|week|month|year)s?\\b");
    private static final Map<Pattern, String> RELATIVE = relative();

    private TimeExpressions() {
    }

    private static Map<Pattern, String> relative() {
        Map<Pattern, String> m = new java.util.LinkedHashMap<>();
        m.put(Pattern.compile("今年|本年|this year", Pattern.CASE_INSENSITIVE), "this-year");
        m.put(Pattern.compile("去年|上一年|上年|last year", Pattern.CASE_INSENSITIVE), "last-year");
        m.put(Pattern.compile("前年"), "year-before-last");
        m.put(Pattern.compile("本月|这个月|当月|this month", Pattern.CASE_INSENSITIVE), "this-month");
        m.put(Pattern.compile("上个月|上月|last month", Pattern.CASE_INSENSITIVE), "last-month");
        m.put(Pattern.compile("本周|这周|这个星期|本星期|this week", Pattern.CASE_INSENSITIVE), "this-week");
        m.put(Pattern.compile("上周|上个星期|上星期|last week", Pattern.CASE_INSENSITIVE), "last-week");
        m.put(Pattern.compile("本季度|这个季度|this quarter", Pattern.CASE_INSENSITIVE), "this-quarter");
        m.put(Pattern.compile("上季度|上个季度|last quarter", Pattern.CASE_INSENSITIVE), "last-quarter");
        m.put(Pattern.compile("昨天|昨日|yesterday", Pattern.CASE_INSENSITIVE), "yesterday");
        m.put(Pattern.compile("今天|今日|today", Pattern.CASE_INSENSITIVE), "today");
        m.put(Pattern.compile("前天"), "day-before-yesterday");
        m.put(Pattern.compile("最新一天|最新的一天|最近的一天|最后一天|(the )?(latest|most recent) day", Pattern.CASE_INSENSITIVE),
                "latest-day");
        return m;
    }

    /** The first (leftmost, then longest) time expression in {@code text}, relative to {@code today}. */
    public static Optional<Match> find(String text, LocalDate today) {
        Match best = null;
        for (Match m : new Match[] {date(text), quarter(text, today), half(text, today), month(text), year(text),
                recent(text, today), relativeWord(text, today)}) {
            if (m != null && (best == null || m.start() < best.start()
                    || (m.start() == best.start() && m.end() > best.end()))) {
                best = m;
            }
        }
        Match open = openYear(text);
        if (open != null && (best == null || open.start() <= best.start())) {
            return Optional.of(open);
        }
        return Optional.ofNullable(best).map(first -> openEnded(text, span(text, first, today)));
    }

    private static final String YEAR_DIGITS = "((?:1[5-9]|20)\\d{2})";
    /** "after 2013", "since 2010", "before 1980", "prior to the year 2000", "in or after 2014". */
    private static final Pattern OPEN_YEAR = Pattern.compile("(?i)\\b(after|since|later than|before|prior to"
            + "|earlier than|in or after|in or before)\\s+(?:the\\s+)?(?:year\\s+)?" + YEAR_DIGITS + "\\b(?![-/.]?\\d)(?!\\s*年)"
            + "|(?<![\\d.-])" + YEAR_DIGITS + "\\s+(?:(?:or|and)\\s+(after|later|before|earlier)\\b|(onwards?)\\b)");
    /** "either 1948 or 1949", "in 2014 or 2015", "2022年或2023年": two years (read as a range when in a row). */
    private static final Pattern YEAR_OR_YEAR = Pattern.compile("(?i)\\b(?:either|in)\\s+(?:the\\s+)?(?:years?\\s+)?"
            + YEAR_DIGITS + "\\s+or\\s+" + YEAR_DIGITS + "\\b|(?<![\\d.])" + YEAR_DIGITS + "\\s*年\\s*(?:或者?|or)\\s*"
            + YEAR_DIGITS + "\\s*年");
    /** Words that open a range before a time: "after March 2021", "since 2023-04-01", "before 1980". */
    private static final Pattern OPENS_BEFORE = Pattern.compile("(?i)\\b(after|since|later than|before|prior to"
            + "|earlier than|in or after|in or before)\\s+(?:the\\s+)?$");
    /** Words that open a range after a time: "2014 or later", "2014 onwards", 2023年以来, 2020年之前. */
    private static final Pattern OPENS_AFTER = Pattern.compile("(?i)^\\s*(?:(or|and)\\s+(after|later|since|before|earlier)"
            + "\\b|(onwards?)\\b|(以来|及以后|及之后|以后|起|开始|之后|以前|之前))");

    /** An English open-ended year ("after 2013", "in or before 1980"), as a range open on one side. */
    private static Match openYear(String text) {
        Matcher m = OPEN_YEAR.matcher(text);
        Match first = null;
        if (m.find()) {
            String word = m.group(1) != null ? m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                    : m.group(4) != null && m.group(4).matches("(?i)before|earlier") ? "in or before" : "since";
            first = new Match(m.start(), m.end(), open(wholeYear(Integer.parseInt(
                    m.group(2) != null ? m.group(2) : m.group(3))), word));
        }
        Matcher pair = YEAR_OR_YEAR.matcher(text);
        while (pair.find()) {
            int a = firstYear(pair);
            int b = secondYear(pair);
            if (b == a + 1 && (first == null || pair.start() < first.start())) {
                LocalDate from = LocalDate.of(a, 1, 1);
                return new Match(pair.start(), pair.end(), new TimeRange(from, from.plusYears(2), a + "年至" + b + "年"));
            }
        }
        return first;
    }

    private static int firstYear(Matcher pair) {
        return Integer.parseInt(pair.group(1) != null ? pair.group(1) : pair.group(3));
    }

    private static int secondYear(Matcher pair) {
        return Integer.parseInt(pair.group(2) != null ? pair.group(2) : pair.group(4));
    }

    /** A time with words that open it on one side ("since 2023年4月", "2020年以前", "2014 or later"). */
    private static Match openEnded(String text, Match m) {
        if (m.range().latest() || m.range().from() == null || m.range().to() == null) {
            return m;
        }
        Matcher after = OPENS_AFTER.matcher(text.substring(m.end()));
        if (after.find()) {
            String word = after.group(2) != null ? after.group(2) : after.group(3) != null ? "since" : after.group(4);
            return new Match(m.start(), m.end() + after.end(), open(m.range(), switch (word.toLowerCase(Locale.ROOT)) {
                case "before", "earlier" -> "in or before";
                case "之后" -> "after";
                case "以前", "之前" -> "before";
                default -> "since";
            }));
        }
        Matcher before = OPENS_BEFORE.matcher(text.substring(0, m.start()));
        if (before.find()) {
            return new Match(before.start(), m.end(), open(m.range(),
                    before.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")));
        }
        return m;
    }

    /** {@code range} opened by a word: since/after it (no end), before/up to it (no start). */
    private static TimeRange open(TimeRange range, String word) {
        return switch (word) {
            case "after", "later than" -> new TimeRange(range.to(), null, range.label() + "之后");
            case "before", "prior to", "earlier than" -> new TimeRange(null, range.from(), range.label() + "以前");
            case "in or before" -> new TimeRange(null, range.to(), range.label() + "及以前");
            default -> new TimeRange(range.from(), null, range.label() + "起");
        };
    }

    /** "(in 2025 and) 2026": a year alone, after the first year of a comparison. */
    private static final Pattern BARE_YEAR = Pattern.compile("((?:19|20)\\d{2})\\b(?!\\s*年)");
    private static final Pattern VERSUS = Pattern.compile(
            "\\s*(?:与|和|及|、|同|跟|对比|相比|比|vs\\.?|versus|compared (?:to|with)|and)\\s*");

    /**
     * "2023年4月与2022年4月", "2022 and 2023": a second time compared with the first, right after it and a joining word;
     * its start and end are in {@code text}.
     */
    public static Optional<Match> versus(String text, Match first, LocalDate today) {
        Matcher joined = VERSUS.matcher(text).region(first.end(), text.length());
        if (first.range().latest() || !joined.lookingAt()) {
            return Optional.empty();
        }
        String tail = text.substring(joined.end());
        Matcher bare = BARE_YEAR.matcher(tail);
        Match alone = bare.lookingAt() ? new Match(0, bare.end(), wholeYear(Integer.parseInt(bare.group(1)))) : null;
        for (Match m : new Match[] {date(tail), quarter(tail, today), half(tail, today), month(tail), year(tail),
                recent(tail, today), relativeWord(tail, today), alone}) {
            if (m != null && m.start() == 0 && !m.range().latest() && !m.range().equals(first.range())) {
                return Optional.of(new Match(joined.end(), joined.end() + m.end(), m.range()));
            }
        }
        return Optional.empty();
    }

    private static final Pattern THROUGH = Pattern.compile("\\s*(?:至|到|~|～|-|—|and|to|until|through)\\s*");

    /** "2023年4月1日至2023年4月7日": a range from the first expression through the one right after it. */
    private static Match span(String text, Match first, LocalDate today) {
        Matcher through = THROUGH.matcher(text).region(first.end(), text.length());
        if (!through.lookingAt() || first.range().from() == null || first.range().to() == null) {
            return first;
        }
        String tail = text.substring(through.end());
        for (Match m : new Match[] {date(tail), month(tail), year(tail)}) {
            if (m != null && m.start() == 0 && m.range().to().isAfter(first.range().from())) {
                return new Match(first.start(), through.end() + m.end(), new TimeRange(first.range().from(),
                        m.range().to(), first.range().label() + "至" + m.range().label()));
            }
        }
        return first;
    }

    private static Match date(String text) {
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                return new Match(m.start(), m.end(), new TimeRange(d, d.plusDays(1),
                        d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日"));
            } catch (java.time.DateTimeException e) {
                // not a date (e.g. 2023-13-40): keep looking
            }
        }
        return null;
    }

    private static Match month(String text) {
        Matcher en = MONTH_EN.matcher(text);
        Match english = null;
        if (en.find()) {
            int month = MONTH_NAMES.indexOf(en.group(1).substring(0, 3).toLowerCase(java.util.Locale.ROOT)) / 3 + 1;
            LocalDate from = LocalDate.of(Integer.parseInt(en.group(2)), month, 1);
            english = new Match(en.start(), en.end(), new TimeRange(from, from.plusMonths(1),
                    from.getYear() + "年" + month + "月"));
        }
        Match numeric = numericMonth(text);
        return numeric == null || english != null && english.start() < numeric.start() ? english : numeric;
    }

    private static Match numericMonth(String text) {
        Matcher m = MONTH.matcher(text);
        while (m.find()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12 && (m.group(0).contains("月") || m.group(0).contains("-")
                    || m.group(0).contains("/"))) {
                LocalDate from = LocalDate.of(Integer.parseInt(m.group(1)), month, 1);
                return new Match(m.start(), m.end(), new TimeRange(from, from.plusMonths(1),
                        from.getYear() + "年" + month + "月"));
            }
        }
        return null;
    }

    private static TimeRange wholeYear(int year) {
        LocalDate from = LocalDate.of(year, 1, 1);
        return new TimeRange(from, from.plusYears(1), year + "年");
    }

    private static Match year(String text) {
        Matcher m = YEAR.matcher(text);
        if (m.find()) {
            return new Match(m.start(), m.end(), wholeYear(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2))));
        }
        return null;
    }

    private static Match quarter(String text, LocalDate today) {
        Matcher m = QUARTER.matcher(text);
        int year;
        int q;
        int start;
        int end;
        if (m.find()) {
            year = year(m.group(1), m.group(2), today);
            q = number(m.group(3));
            start = m.start();
            end = m.end();
        } else {
            Matcher e = QUARTER_EN.matcher(text);
            if (!e.find()) {
                return null;
            }
            q = Integer.parseInt(e.group(2));
            String y = e.group(1) != null ? e.group(1) : e.group(3);
            year = y == null ? today.getYear() : Integer.parseInt(y);
            start = e.start();
            end = e.end();
        }
        if (q < 1 || q > 4) {
            return null;
        }
        LocalDate from = LocalDate.of(year, 3 * (q - 1) + 1, 1);
        return new Match(start, end, new TimeRange(from, from.plusMonths(3), year + "年第" + q + "季度"));
    }

    private static Match half(String text, LocalDate today) {
        Matcher m = HALF.matcher(text);
        if (!m.find()) {
            return null;
        }
        int year = year(m.group(1), m.group(2), today);
        LocalDate from = LocalDate.of(year, m.group(3).equals("上") ? 1 : 7, 1);
        return new Match(m.start(), m.end(), new TimeRange(from, from.plusMonths(6),
                year + "年" + m.group(3) + "半年"));
    }

    /** The year of "2023年", "今年", "去年", "前年", or this year when none is given. */
    private static int year(String digits, String word, LocalDate today) {
        if (digits != null) {
            return Integer.parseInt(digits);
        }
        if (word == null) {
            return today.getYear();
        }
        return switch (word) {
            case "去年", "上年" -> today.getYear() - 1;
            case "前年" -> today.getYear() - 2;
            default -> today.getYear();
        };
    }

    private static Match recent(String text, LocalDate today) {
        Matcher m = RECENT.matcher(text);
        int n;
        String unit;
        int start;
        int end;
        boolean past;
        if (m.find()) {
            past = m.group(1).equals("过去") || m.group(1).equals("前");
            n = number(m.group(2));
            unit = switch (m.group(3)) {
                case "天", "日" -> "day";
                case "周", "星期" -> "week";
                case "月" -> "month";
                default -> "year";
            };
            start = m.start();
            end = m.end();
        } else {
            Matcher e = RECENT_EN.matcher(text);
            if (!e.find()) {
                return null;
            }
            past = !e.group(1).equalsIgnoreCase("last");
            n = Integer.parseInt(e.group(2));
            unit = e.group(3).toLowerCase(Locale.ROOT);
            start = e.start();
            end = e.end();
        }
        if (n < 1) {
            return null;
        }
        if (n == 1 && unit.equals("day") && !past) {
            return new Match(start, end, TimeRange.latestDay(today));  // "最近一天": the latest day with data
        }
        // "最近7天" reaches back 7 days from today and includes today (CURRENT_DATE - 7 … today); "过去7天" (past 7
        // days) are the 7 whole days before today
        LocalDate to = past ? today : today.plusDays(1);
        LocalDate from = switch (unit) {
            case "day" -> today.minusDays(n);
            case "week" -> today.minusWeeks(n);
            case "month" -> today.minusMonths(n);
            default -> today.minusYears(n);
        };
        String cn = switch (unit) {
            case "day" -> "天";
            case "week" -> "周";
            case "month" -> "个月";
            default -> "年";
        };
        return new Match(start, end, new TimeRange(from, to, (past ? "过去" : "最近") + n + cn));
    }

    private static Match relativeWord(String text, LocalDate today) {
        Match best = null;
        for (Map.Entry<Pattern, String> e : RELATIVE.entrySet()) {
            Matcher m = e.getKey().matcher(text);
            if (m.find() && (best == null || m.start() < best.start())) {
                best = new Match(m.start(), m.end(), relative(e.getValue(), today));
            }
        }
        return best;
    }

    static TimeRange relative(String kind, LocalDate today) {
        LocalDate year = today.withDayOfYear(1);
        LocalDate month = today.withDayOfMonth(1);
        LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate quarter = LocalDate.of(today.getYear(), 3 * ((today.getMonthValue() - 1) / 3) + 1, 1);
        return switch (kind) {
            case "this-year" -> new TimeRange(year, year.plusYears(1), "今年");
            case "last-year" -> new TimeRange(year.minusYears(1), year, "去年");
            case "year-before-last" -> new TimeRange(year.minusYears(2), year.minusYears(1), "前年");
            case "this-month" -> new TimeRange(month, month.plusMonths(1), "本月");
            case "last-month" -> new TimeRange(month.minusMonths(1), month, "上个月");
            case "this-week" -> new TimeRange(week, week.plusWeeks(1), "本周");
            case "last-week" -> new TimeRange(week.minusWeeks(1), week, "上周");
            case "this-quarter" -> new TimeRange(quarter, quarter.plusMonths(3), "本季度");
            case "last-quarter" -> new TimeRange(quarter.minusMonths(3), quarter, "上季度");
            case "yesterday" -> new TimeRange(today.minusDays(1), today, "昨天");
            case "day-before-yesterday" -> new TimeRange(today.minusDays(2), today.minusDays(1), "前天");
            case "latest-day" -> TimeRange.latestDay(today);
            default -> new TimeRange(today, today.plusDays(1), "今天");
        };
    }

    private static int number(String text) {
        Integer cn = CN_DIGITS.get(text);
        return cn != null ? cn : Integer.parseInt(text);
    }
}
