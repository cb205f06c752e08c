package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.tianshu.nl2sql.engine.QuestionParser.Parse;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Follow-up questions: a question that names no measure continues the previous reading, swapping its time range
 * ("今年呢?"), its grouping ("按公司呢"), adding a filter ("只看宜春服务区") or a limit ("前5个").
 */
final class FollowUps {

    private FollowUps() {
    }

    /** A question naming no measure changes one part of the previous reading. */
    static Parse parse(Reading previous, List<Part> parts, Optional<TimeExpressions.Match> time,
            String grain, Integer limit, Boolean descending, String rest, SemanticModel model,
            List<String> understood, boolean english) {
        String fact = previous.measures().stream().map(Reading.Measure::column).filter(Objects::nonNull)
                .map(Reading.Column::table).findFirst()
                .orElse(previous.dimensions().isEmpty() ? null : previous.dimensions().get(0).table());
        List<Reading.Column> dimensions = new ArrayList<>();
        List<Reading.Filter> added = new ArrayList<>();
        for (Part p : parts) {
            Reading.Column c = fact == null ? p.column() : Grounding.nearest(p.candidates, fact, model);
            switch (p.role) {
                case DIMENSION -> dimensions.add(c);
                case FILTER -> added.add(new Reading.Filter(c, p.op, p.values));
                case COMPARISON -> {
                    // on a measure of a grouped reading: on its aggregate ("订单总数大于1000的" after 各服务区的订单总数)
                    Integer on = null;
                    for (int i = 0; i < previous.measures().size() && !previous.dimensions().isEmpty(); i++) {
                        Reading.Measure m = previous.measures().get(i);
                        if (c.equals(m.column()) && !p.singleRow && !"NONE".equals(m.aggregation())) {
                            on = i;
                            break;
                        }
                    }
                    added.add(new Reading.Filter(c, p.op, p.values, on));
                }
                default -> {
                }
            }
        }
        boolean changes = time.isPresent() || !dimensions.isEmpty() || !added.isEmpty() || limit != null
                || grain != null || descending != null || QuestionParser.DESC.matcher(rest).find()
                || QuestionParser.ASC.matcher(rest).find();
        if (!changes) {
            return new Parse(Optional.empty(), null, understood);
        }
        List<Reading.Filter> filters = new ArrayList<>();
        for (Reading.Filter f : previous.filters()) {
            // a new value of the same column replaces the old one ("换成南昌南服务区", "只看南昌南服务区")
            if (added.stream().noneMatch(a -> a.column().equals(f.column()) && a.op().equals(f.op()))) {
                filters.add(f);
            }
        }
        filters.addAll(added);
        Reading.Time t = previous.time();
        List<Reading.Absent> absent = previous.absent();
        if (time.isPresent() && t == null && absent.stream().anyMatch(a -> a.time() != null)) {
            // "过去30天内没有营业日数据的公司" then "今年呢?": the time was the related rows'
            absent = absent.stream().map(a -> a.time() == null ? a : new Reading.Absent(a.table(), a.label(),
                    a.filters(), new Reading.Time(a.time().column(), time.get().range()))).toList();
        } else if (time.isPresent()) {
            Reading.Column column = t != null ? t.column() : fact == null ? null
                    : Grounding.timeColumn(model, fact).orElse(null);
            t = column == null ? null : new Reading.Time(column, time.get().range());
        }
        List<Reading.Column> dims = dimensions.isEmpty() ? new ArrayList<>(previous.dimensions()) : dimensions;
        if (t == null || t.versus().isEmpty()) {
            dims.removeIf(d -> Reading.Time.VERSUS.equals(d.grain()));   // "2023年与2022年的营收" then "今年呢?": one time now
        }
        if (grain != null && fact != null) {
            Optional<Reading.Column> tc = Grounding.timeColumn(model, fact);
            if (tc.isPresent()) {
                // (a period ranked within groups, "各服务区营收最高的一天" then "按月呢?", stays after the groups)
                int within = previous.order() == null ? 0 : Math.min(previous.order().within(), dims.size());
                dims.removeIf(d -> d.grain() != null);
                dims.add(Math.min(within, dims.size()), ReadingWords.period(tc.get(), grain,
                        t != null && t.range().oneCalendarYear(), english));
            }
        }
        Reading.Order order = previous.order();
        if (descending != null) {
            order = new Reading.Order(0, descending);
        } else if (QuestionParser.DESC.matcher(rest).find()) {
            order = new Reading.Order(0, true);
        } else if (QuestionParser.ASC.matcher(rest).find()) {
            order = new Reading.Order(0, false);
        }
        if (order != null && order != previous.order() && order.column() == null && previous.order() != null
                && previous.order().within() > 0) {
            // "各服务区营收最高的一天" then "前3个": still within each group
            order = new Reading.Order(order.measure(), order.descending(), null, previous.order().within());
        }
        List<Reading.Measure> measures = previous.measures();
        if (time.isPresent() && t != null) {
            // "本月各公司营收环比" then "上个月呢?": the change from the month before that
            List<Reading.Measure> again = new ArrayList<>(measures);
            Reading.Time changed = Changes.again(again, t.column(), time.get().range(), english);
            if (changed != null) {
                measures = again;
                t = changed;
            }
        }
        if (previous.time() != null && previous.time().range().oneDay() && t != null && !t.range().oneDay()
                && !dims.isEmpty() && !measures.isEmpty()
                && measures.stream().allMatch(QuestionParser::plainValues) && dims.stream().allMatch(d -> d.grain() == null)) {
            // one day's records, asked again for a longer time ("今年呢?"): totals per group, largest first
            measures = measures.stream().map(m -> {
                String aggregation = Grounding.defaultAggregation(model, m.column());
                return new Reading.Measure(m.column(), aggregation,
                        ReadingWords.label(m.column(), aggregation, english));
            }).toList();
            order = previous.order() != null ? previous.order() : new Reading.Order(0, true);
        }
        Reading r = new Reading(measures, List.copyOf(dims), List.copyOf(filters), t, order,
                limit != null ? limit : previous.limit(), absent);
        return new Parse(Optional.of(r), ReadingWords.question(r, english), understood, true);
    }
}
