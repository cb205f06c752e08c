package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The engine that needs no LLM: reads a Chinese or English analytical question against the semantic model, in the
 * spirit of DataFocus's keyword search. Columns are recognised by display name, name and sample values (a value
 * becomes a filter on its column); aggregation words, grouping words (按/每/各/by/per), time expressions,
 * comparisons and top-N shape the {@link Reading}. A question that only changes one part of the previous reading
 * (its time, grouping, a filter or the limit) is read as a follow-up.
 */
public final class QuestionParser {

    /** The outcome: a reading (then SQL can be written), or what was understood when nothing could be grounded. */
    public record Parse(Optional<Reading> reading, String question, List<String> understood) {
    }

    private static final Map<Pattern, String> AGGREGATIONS = new LinkedHashMap<>();
    private static final Pattern GROUP = Pattern.compile("(按照?|每个?|各个?|分|by|per|for each)\\s*$");
    private static final Pattern TOP = Pattern.compile("(?:前|top\\s*|最[高多大]的?\\s*)(\\d{1,4}|[一二两三四五六七八九十])\\s*(?:个|名|条|家|位)?");
    private static final Pattern BOTTOM = Pattern.compile("(?:后|bottom\\s*|最[低少小]的?\\s*)(\\d{1,4}|[一二两三四五六七八九十])\\s*(?:个|名|条|家|位)?");
    private static final Pattern COMPARE = Pattern.compile(
            "(不低于|不少于|至少|大于等于|>=|不超过|不高于|至多|小于等于|<=|大于|超过|高于|多于|more than|greater than|over|above|>|小于|低于|少于|less than|under|below|<|等于|=)\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Map<String, Integer> CN = Map.of("一", 1, "二", 2, "两", 2, "三", 3, "四", 4, "五", 5, "六", 6,
            "七", 7, "八", 8, "九", 9);

    static {
        AGGREGATIONS.put(Pattern.compile("去重|不同的|distinct"), "COUNT_DISTINCT");
        AGGREGATIONS.put(Pattern.compile("平均|均值|avg|average|mean"), "AVERAGE");
        AGGREGATIONS.put(Pattern.compile("最大|最高|max|maximum|highest"), "MAX");
        AGGREGATIONS.put(Pattern.compile("最小|最低|min|minimum|lowest"), "MIN");
        AGGREGATIONS.put(Pattern.compile("总和|合计|总计|总|求和|sum|total"), "SUM");
        AGGREGATIONS.put(Pattern.compile("数量|个数|多少个|多少条|多少|count|number of|how many"), "COUNT");
    }

    private QuestionParser() {
    }

    public static Parse parse(String input, SemanticModel model, Lexicon lexicon, LocalDate today, Reading previous) {
        String text = Lexicon.normalise(input).replaceAll("[?？!！。，,;；]+", " ").strip();
        Optional<TimeExpressions.Match> time = TimeExpressions.find(text, today);
        String rest = time.map(m -> text.substring(0, m.start()) + " " + text.substring(m.end())).orElse(text);
        List<Lexicon.Hit> hits = lexicon.find(rest);

        List<Reading.Measure> measures = new ArrayList<>();
        List<Reading.Column> dimensions = new ArrayList<>();
        Map<String, Reading.Filter> filters = new LinkedHashMap<>();
        List<String> understood = new ArrayList<>();
        time.ifPresent(m -> understood.add(m.range().label()));
        Integer limit = null;
        Reading.Order order = null;

        for (Lexicon.Hit hit : hits) {
            Lexicon.Entry e = hit.entry();
            if (e.column() == null) {
                continue;
            }
            understood.add(e.value() != null ? e.value() : e.column().label());
            String before = rest.substring(Math.max(0, hit.start() - 8), hit.start());
            String after = rest.substring(hit.end(), Math.min(rest.length(), hit.end() + 12));
            if (e.value() != null) {
                filters.merge(key(e.column()), new Reading.Filter(e.column(), "IN", List.of(e.value())),
                        (a, b) -> new Reading.Filter(a.column(), "IN", concat(a.values(), b.values())));
                continue;
            }
            Matcher cmp = COMPARE.matcher(after);
            if (isNumeric(e.column()) && cmp.lookingAt()) {
                filters.put(key(e.column()) + cmp.group(1), new Reading.Filter(e.column(), op(cmp.group(1)),
                        List.of(cmp.group(2))));
                continue;
            }
            if (GROUP.matcher(before.strip()).find() || (!isNumeric(e.column()) && !e.column().dataType().equals("timestamp")
                    && !e.column().dataType().equals("date"))) {
                dimensions.add(e.column());
                continue;
            }
            // no aggregation word: the values themselves ("age的分布"), unless grouped (then the default, below)
            String aggregation = aggregationNear(before, after);
            if (aggregation == null) {
                aggregation = "NONE";
            }
            measures.add(new Reading.Measure(e.column(), aggregation, label(e.column(), aggregation)));
        }
        Matcher top = TOP.matcher(rest);
        Matcher bottom = BOTTOM.matcher(rest);
        if (top.find()) {
            limit = number(top.group(1));
            order = new Reading.Order(0, true);
            understood.add("前" + limit);
        } else if (bottom.find()) {
            limit = number(bottom.group(1));
            order = new Reading.Order(0, false);
            understood.add("后" + limit);
        } else if (rest.matches(".*(降序|从高到低|从大到小|desc|descending|最高|最多).*")) {
            order = new Reading.Order(0, true);
        } else if (rest.matches(".*(升序|从低到高|从小到大|asc|ascending).*")) {
            order = new Reading.Order(0, false);
        }

        boolean groundedSomething = !measures.isEmpty() || !dimensions.isEmpty() || !filters.isEmpty()
                || time.isPresent() || limit != null;
        if (!groundedSomething) {
            return new Parse(Optional.empty(), null, understood);
        }
        Reading.Time timeFilter = time.flatMap(m -> timeColumn(model, measures, dimensions)
                .map(c -> new Reading.Time(c, m.range()))).orElse(null);

        // a follow-up changes one part of the previous reading
        boolean onlyContext = measures.isEmpty();
        if (previous != null && onlyContext) {
            Reading r = new Reading(previous.measures(),
                    dimensions.isEmpty() ? previous.dimensions() : dimensions,
                    filters.isEmpty() ? previous.filters() : concatFilters(previous.filters(), filters.values()),
                    timeFilter != null ? (previous.time() == null ? timeFilter
                            : new Reading.Time(previous.time().column(), timeFilter.range())) : previous.time(),
                    order != null ? order : previous.order(), limit != null ? limit : previous.limit());
            return new Parse(Optional.of(r), question(r), understood);
        }
        if (measures.isEmpty()) {
            if (dimensions.isEmpty() && filters.isEmpty()) {
                return new Parse(Optional.empty(), null, understood);
            }
            // no measure named: count the rows (per dimension)
            measures.add(new Reading.Measure(null, "COUNT", "数量"));
        }
        // a dimension named like a column of the measure's own table is that column (no join needed)
        for (int i = 0; i < dimensions.size(); i++) {
            Reading.Column d = dimensions.get(i);
            for (Reading.Measure m : measures) {
                if (m.column() != null && !m.column().table().equals(d.table())) {
                    String table = m.column().table();
                    Optional<SemanticModel.Column> same = model.table(table).flatMap(t -> t.columns().stream()
                            .filter(c -> c.columnDisplayName().equals(d.label())).findFirst());
                    if (same.isPresent()) {
                        dimensions.set(i, new Reading.Column(table, same.get().columnName(),
                                same.get().columnDisplayName(), same.get().dataType()));
                        break;
                    }
                }
            }
        }
        if (!dimensions.isEmpty()) {
            // grouped: measures without an aggregation take the column's default (SUM when it has none)
            for (int i = 0; i < measures.size(); i++) {
                Reading.Measure m = measures.get(i);
                if ("NONE".equals(m.aggregation()) && m.column() != null) {
                    String fallback = model.table(m.column().table()).flatMap(t -> t.column(m.column().column()))
                            .map(SemanticModel.Column::aggregation).filter(a -> !a.equals("NONE")).orElse("SUM");
                    measures.set(i, new Reading.Measure(m.column(), fallback, label(m.column(), fallback)));
                }
            }
        }
        Reading r = new Reading(List.copyOf(measures), List.copyOf(dimensions), List.copyOf(filters.values()),
                timeFilter, order, limit);
        return new Parse(Optional.of(r), question(r), understood);
    }

    /** The reading as words, e.g. "去年 age的分布", "最近7天 按服务区名称 支付总额的总和 前5". */
    public static String question(Reading r) {
        List<String> parts = new ArrayList<>();
        if (r.time() != null) {
            parts.add(r.time().range().label());
        }
        for (Reading.Filter f : r.filters()) {
            parts.add(switch (f.op()) {
                case "IN" -> String.join("、", f.values());
                case "BETWEEN" -> f.column().label() + "在" + f.values().get(0) + "到" + f.values().get(1) + "之间";
                default -> f.column().label() + f.op() + f.values().get(0);
            });
        }
        for (Reading.Column d : r.dimensions()) {
            parts.add("按" + d.label());
        }
        for (Reading.Measure m : r.measures()) {
            parts.add(m.label());
        }
        if (r.limit() != null) {
            parts.add((r.order() != null && !r.order().descending() ? "后" : "前") + r.limit());
        } else if (r.order() != null) {
            parts.add(r.order().descending() ? "降序" : "升序");
        }
        return String.join(" ", parts);
    }

    static String label(Reading.Column column, String aggregation) {
        return column.label() + switch (aggregation) {
            case "SUM" -> "的总和";
            case "AVERAGE" -> "的平均值";
            case "MAX" -> "的最大值";
            case "MIN" -> "的最小值";
            case "COUNT" -> "的数量";
            case "COUNT_DISTINCT" -> "的去重数量";
            case "VARIANCE" -> "的方差";
            case "STD_DEVIATION" -> "的标准差";
            default -> "的分布";
        };
    }

    private static String aggregationNear(String before, String after) {
        for (Map.Entry<Pattern, String> e : AGGREGATIONS.entrySet()) {
            Matcher b = e.getKey().matcher(before);
            Matcher a = e.getKey().matcher(after.length() > 4 ? after.substring(0, 4) : after);
            if (b.find() || a.find()) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The time column: a date/timestamp column of the measures' (or dimensions') table, else of any table. */
    private static Optional<Reading.Column> timeColumn(SemanticModel model, List<Reading.Measure> measures,
            List<Reading.Column> dimensions) {
        List<String> tables = new ArrayList<>();
        measures.forEach(m -> {
            if (m.column() != null) {
                tables.add(m.column().table());
            }
        });
        dimensions.forEach(d -> tables.add(d.table()));
        model.tables().forEach(t -> tables.add(t.tableName()));
        for (String table : tables) {
            // the business date before an audit time (create/update/delete): date before timestamp, "date"/"日期"
            // in the name first
            Optional<SemanticModel.Column> c = model.table(table).flatMap(t -> t.columns().stream()
                    .filter(SemanticModel.Column::temporal)
                    .min(java.util.Comparator.comparingInt(QuestionParser::timeRank)));
            if (c.isPresent()) {
                return Optional.of(new Reading.Column(table, c.get().columnName(), c.get().columnDisplayName(),
                        c.get().dataType()));
            }
        }
        return Optional.empty();
    }

    private static final Pattern AUDIT_TIME = Pattern.compile(
            "(?i)^(create|created|update|updated|modify|modified|delete|deleted|gmt)_?(ts|at|time|date|on)?$|_ts$");

    private static int timeRank(SemanticModel.Column c) {
        if (AUDIT_TIME.matcher(c.columnName()).find()) {
            return 10;
        }
        int rank = c.dataType().equals("date") ? 0 : 2;
        boolean named = c.columnName().toLowerCase(java.util.Locale.ROOT).contains("date")
                || c.columnDisplayName().contains("日期");
        return rank + (named ? 0 : 1);
    }

    private static boolean isNumeric(Reading.Column c) {
        return c.dataType().equals("int") || c.dataType().equals("bigint") || c.dataType().equals("double");
    }

    private static String op(String word) {
        return switch (word) {
            case "不低于", "不少于", "至少", "大于等于", ">=" -> ">=";
            case "不超过", "不高于", "至多", "小于等于", "<=" -> "<=";
            case "小于", "低于", "少于", "less than", "under", "below", "<" -> "<";
            case "等于", "=" -> "=";
            default -> ">";
        };
    }

    private static int number(String text) {
        Integer cn = CN.get(text);
        return cn != null ? cn : text.equals("十") ? 10 : Integer.parseInt(text);
    }

    private static String key(Reading.Column c) {
        return c.table() + "." + c.column();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(v -> !all.contains(v)).forEach(all::add);
        return all;
    }

    private static List<Reading.Filter> concatFilters(List<Reading.Filter> previous,
            java.util.Collection<Reading.Filter> added) {
        List<Reading.Filter> all = new ArrayList<>(previous);
        all.addAll(added);
        return all;
    }
}
