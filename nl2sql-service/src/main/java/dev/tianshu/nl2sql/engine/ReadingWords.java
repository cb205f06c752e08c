package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A reading put back into words: the question as understood, a period's label, a measure's label. */
final class ReadingWords {

    private ReadingWords() {
    }

    /** The reading as words, e.g. "去年 age的分布", "最近7天 按服务区名称 支付总额的总和 前5". */
    static String question(Reading r) {
        return question(r, false);
    }

    /** The reading as words in Chinese or English ("last year, by company, sum of revenue, top 5"). */
    static String question(Reading r, boolean english) {
        List<String> parts = new ArrayList<>();
        if (r.time() != null) {
            parts.add(r.time().ranges().stream().map(t -> english ? t.englishLabel() : t.label())
                    .collect(Collectors.joining(english ? " vs " : "与")));
        }
        for (Reading.Filter f : r.filters()) {
            String subject = f.measure() != null && f.measure() < r.measures().size()
                    ? r.measures().get(f.measure()).label() : f.column().label();
            parts.add(filter(f, subject, english));
        }
        for (Reading.Absent a : r.absent()) {
            List<String> conditions = new ArrayList<>();
            if (a.time() != null) {
                conditions.add(english ? a.time().range().englishLabel() : a.time().range().label());
            }
            a.filters().forEach(f -> conditions.add(filter(f, f.column().label(), english)));
            parts.add(english ? "without " + a.label() + (conditions.isEmpty() ? "" : " (" + String.join(", ", conditions) + ")")
                    : "没有" + (conditions.isEmpty() ? "" : String.join(" ", conditions) + "的") + a.label());
        }
        boolean records = !r.dimensions().isEmpty() && !r.measures().isEmpty()
                && r.measures().stream().allMatch(m -> "NONE".equals(m.aggregation()));
        for (Reading.Column d : r.dimensions()) {
            parts.add(records ? d.label() : (english ? "by " : "按") + d.label());
        }
        for (Reading.Measure m : r.measures()) {
            parts.add(m.label());
        }
        if (records) {
            parts.add(english ? "records" : "明细");
        }
        boolean ascending = r.order() != null && !r.order().descending();
        int within = r.order() == null ? 0 : Math.min(r.order().within(), r.dimensions().size());
        if (r.limit() != null && within > 0) {
            // "各服务区营收最高的一天": 每个服务区名称前1
            String groups = r.dimensions().subList(0, within).stream().map(Reading.Column::label)
                    .collect(Collectors.joining(english ? ", " : "、"));
            parts.add(english ? (ascending ? "bottom " : "top ") + r.limit() + " per " + groups
                    : "每个" + groups + (ascending ? "后" : "前") + r.limit());
        } else if (r.limit() != null) {
            parts.add(english ? (ascending ? "bottom " : "top ") + r.limit() : (ascending ? "后" : "前") + r.limit());
        } else if (r.order() != null && r.order().column() != null) {
            parts.add(english ? "ordered by " + r.order().column().label() + (ascending ? " ascending" : " descending")
                    : "按" + r.order().column().label() + (ascending ? "升序" : "降序"));
        } else if (r.order() != null && r.order().measure() >= 0) {
            parts.add(english ? (ascending ? "ascending" : "descending") : ascending ? "升序" : "降序");
        }
        return String.join(english ? ", " : " ", parts);
    }

    private static String filter(Reading.Filter f, String subject, boolean english) {
        if (f.op().endsWith(Reading.Filter.AVERAGE)) {
            String op = f.op().substring(0, f.op().length() - Reading.Filter.AVERAGE.length());
            return english ? subject + " " + op + " average" : subject + op + "平均值";
        }
        if ("boolean".equals(f.column().dataType()) && f.op().endsWith("IN")) {
            boolean yes = f.op().equals("IN") == f.values().contains("true");
            return english ? subject + (yes ? ": yes" : ": no") : subject + (yes ? "：是" : "：否");
        }
        if (f.op().equals("IS NOT NULL") || f.op().equals("IS NULL")) {
            return subject + (english ? " is " + (f.op().equals("IS NULL") ? "empty" : "not empty")
                    : f.op().equals("IS NULL") ? "为空" : "非空");
        }
        if (f.op().endsWith(Reading.Filter.COLUMN)) {
            boolean same = f.op().startsWith("=");
            return subject + (english ? (same ? " equals " : " differs from ") : same ? "等于" : "不同于")
                    + f.values().get(f.values().size() - 1);
        }
        if (f.op().equals("IN") && f.values().size() > 1 && f.values().stream().allMatch(v -> v.matches("-?\\d+(\\.\\d+)?"))) {
            // numbers say nothing without their column: "age is 32 or 33", "订单总数为400、600"
            return subject + (english ? " is " : "为") + String.join(english ? " or " : "、", f.values());
        }
        return switch (f.op()) {
            case "IN" -> String.join(english ? " or " : "、", f.values());
            case "NOT IN" -> (english ? "not " : "不是") + String.join(english ? " or " : "、", f.values());
            case "ALL" -> (english ? "both " : "同时有") + String.join(english ? " and " : "和", f.values());
            case "LIKE" -> likeWords(subject, f.values().get(0), english);
            case "DELETED" -> english ? "deleted" : "已删除";
            case "BETWEEN" -> english ? subject + " between " + f.values().get(0) + " and " + f.values().get(1)
                    : subject + "在" + f.values().get(0) + "到" + f.values().get(1) + "之间";
            default -> subject + (english ? " " + f.op() + " " : f.op()) + f.values().get(0);
        };
    }

    /** "名称以南开头", "name starts with j", "名称包含宜春". */
    private static String likeWords(String subject, String pattern, boolean english) {
        String text = pattern.replaceAll("^%|%$", "");
        boolean starts = !pattern.startsWith("%");
        boolean ends = !pattern.endsWith("%");
        if (english) {
            return subject + (starts ? " starts with " : ends ? " ends with " : " contains ") + text;
        }
        return subject + (starts ? "以" + text + "开头" : ends ? "以" + text + "结尾" : "包含" + text);
    }

    /**
     * The period column of a grain on a time column: months within one calendar year are numbered, else (a rolling
     * window's, "最近6个月每月", or several years') year-months; a day is the date itself.
     */
    static Reading.Column period(Reading.Column timeColumn, String grain, boolean oneYear, boolean english) {
        return timeColumn.withGrain(grain.equals("month") && !oneYear ? "year-month" : grain,
                grain.equals("day") ? timeColumn.label() : periodLabel(grain, oneYear, english));
    }

    private static String periodLabel(String grain, boolean oneYear, boolean english) {
        return switch (grain) {
            case "week" -> english ? "week" : "周";
            case "month" -> oneYear ? (english ? "month" : "月份") : (english ? "year-month" : "年月");
            default -> english ? "year" : "年份";
        };
    }

    static String label(Reading.Column column, String aggregation) {
        return label(column, aggregation, false);
    }

    static String label(Reading.Column column, String aggregation, boolean english) {
        if (english && column != null && !column.rows()) {
            return switch (aggregation) {
                case "SUM" -> "sum of " + column.label();
                case "AVERAGE" -> "average " + column.label();
                case "MAX" -> "max " + column.label();
                case "MIN" -> "min " + column.label();
                case "COUNT" -> "count of " + column.label();
                case "COUNT_DISTINCT" -> "distinct count of " + column.label();
                case "VARIANCE" -> "variance of " + column.label();
                case "STD_DEVIATION" -> "standard deviation of " + column.label();
                default -> column.label();
            };
        }
        if (column == null || column.rows()) {
            return column == null ? "数量" : column.label();
        }
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
}
