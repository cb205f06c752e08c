package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "昨日营收环比下降超过15%的服务区", "本月各公司订单总数及环比增长率": a measure over the period asked, over the period
 * just before it (as long: the day before, the month before, the 7 days before), and the rise from one to the other in
 * percent of the earlier; a condition on that rise ("环比下降超过15%" is below -15).
 */
final class Changes {

    private static final Pattern CHANGE = Pattern.compile("环比|\\b(?:period[- ]over[- ]period|vs\\.? (?:the )?previous period)\\b");
    /** "环比下降超过15%", "环比增长不低于10%", "环比下滑". */
    private static final Pattern CONDITION = Pattern.compile("环比\\s*(增长|上升|提升|增加|上涨|下降|下滑|减少|降低|下跌)了?\\s*"
            + "(超过|大于|高于|多于|不低于|不少于|至少|达到|逾)?\\s*(\\d+(?:\\.\\d+)?)?\\s*%?");
    private static final Pattern FALL = Pattern.compile("下降|下滑|减少|降低|下跌");

    private Changes() {
    }

    /** The period before a range, as long as it (a calendar month or year before a calendar one). */
    static TimeRange previous(TimeRange r) {
        LocalDate from = r.from();
        LocalDate to = r.to();
        long months = ChronoUnit.MONTHS.between(from, to);
        boolean calendar = from.getDayOfMonth() == 1 && to.getDayOfMonth() == 1 && months > 0
                && from.plusMonths(months).equals(to);
        LocalDate start = calendar ? from.minusMonths(months) : from.minusDays(ChronoUnit.DAYS.between(from, to));
        return new TimeRange(start, from, "上期");
    }

    /**
     * With 环比 and one closed time range, the one aggregated measure becomes this period's, the period before's and
     * the change between them, and the time covers both periods; the new time, or null when the question asks no
     * change (nothing changed then).
     */
    static Reading.Time take(String rest, List<Reading.Measure> measures, Map<String, Reading.Filter> filters,
            Reading.Column timeColumn, TimeRange range, boolean english) {
        if (!CHANGE.matcher(rest).find() || timeColumn == null || range == null || range.latest()
                || range.from() == null || range.to() == null || measures.size() != 1
                || measures.get(0).column() == null || measures.get(0).denominator() != null
                || "NONE".equals(measures.get(0).aggregation())) {
            return null;
        }
        Reading.Measure m = measures.get(0);
        TimeRange before = previous(range);
        Reading.Filter now = within(timeColumn, range);
        Reading.Filter then = within(timeColumn, before);
        measures.clear();
        measures.add(new Reading.Measure(m.column(), m.aggregation(), m.label(), null, now, null, false));
        measures.add(new Reading.Measure(m.column(), m.aggregation(),
                english ? "previous period " + m.label() : "上期" + m.label(), null, then, null, false));
        measures.add(new Reading.Measure(m.column(), m.aggregation(),
                english ? m.label() + " change vs previous period (%)" : m.label() + "环比增长率(%)", m.column(), now,
                then, false, true));
        Matcher c = CONDITION.matcher(rest);
        if (c.find() && (c.group(3) != null || FALL.matcher(c.group(1)).matches())) {
            boolean fall = FALL.matcher(c.group(1)).matches();
            boolean inclusive = c.group(2) != null && c.group(2).matches("不低于|不少于|至少|达到");
            String value = c.group(3) == null ? "0" : (fall ? "-" : "") + c.group(3);
            String op = fall ? (inclusive ? "<=" : "<") : (inclusive ? ">=" : ">");
            filters.put("change", new Reading.Filter(m.column(), op, List.of(value.equals("-0") ? "0" : value), 2));
        }
        return new Reading.Time(timeColumn, range, List.of(before));
    }

    /**
     * A follow-up's new time for a reading of a change (its measures this period's, the one before's and the change):
     * the same change for the new time, or null (nothing changed) when the reading is of no change.
     */
    static Reading.Time again(List<Reading.Measure> measures, Reading.Column timeColumn, TimeRange range,
            boolean english) {
        if (measures.size() != 3 || !measures.get(2).change()) {
            return null;
        }
        Reading.Measure now = measures.get(0);
        List<Reading.Measure> base = new ArrayList<>(List.of(
                new Reading.Measure(now.column(), now.aggregation(), now.label())));
        Reading.Time time = take("环比", base, new HashMap<>(), timeColumn, range, english);
        if (time != null) {
            measures.clear();
            measures.addAll(base);
        }
        return time;
    }

    private static Reading.Filter within(Reading.Column timeColumn, TimeRange r) {
        return new Reading.Filter(timeColumn, "RANGE", List.of(r.from().toString(), r.to().toString()));
    }
}
