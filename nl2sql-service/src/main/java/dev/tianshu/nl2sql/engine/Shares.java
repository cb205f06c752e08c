package dev.tianshu.nl2sql.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Shares and ratios: "X占Y的比例", "X占比" (of the total of its kind), the deleted rows' share ("已删除的…数量及占比"),
 * and conditions on them ("占比超过20%").
 */
final class Shares {

    /** After a share word: "超过20%", "超过总收入20%". */
    private static final Pattern SHARE_COMPARE = Pattern.compile("(?:的)?\\s*" + TermRoles.OPS
            + "\\s*(?:[^\\d\\s，,;；]{1,6}?的?)?\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern SHARE = Pattern.compile("占比|比例|比重|百分比|比率|\\bshare\\b|\\bratio\\b|\\bpercentage\\b|\\bproportion\\b");

    private Shares() {
    }

    /** Whether the question asks for a share at all. */
    static boolean asked(String rest) {
        return SHARE.matcher(rest).find();
    }

    /**
     * "各车型占比", "哪种车型占比最高": groups and a share word but no measure named. The fact table's one summed
     * column (else its rows) is shown per group with each group's share of all groups; the index of the share, or -1
     * when the question asks no share.
     */
    static int ofGroups(String rest, List<Reading.Measure> measures, List<Reading.Column> dimensions,
            SemanticModel model, String fact, boolean english) {
        Matcher share = SHARE.matcher(rest);
        if (!share.find() || !SHARE_OF_GROUPS.matcher(rest.substring(0, share.start())).find()) {
            return -1;
        }
        // the groups' own table's total first: 车型 is a column of 车流量日统计表, summed over 车辆数
        Reading.Column summed = summed(model, dimensions.get(dimensions.size() - 1).table());
        Reading.Measure amount = amount(summed != null ? summed : summed(model, fact), fact, english);
        Reading.Column column = amount.column();
        measures.add(amount);
        measures.add(new Reading.Measure(column, amount.aggregation(), english ? column.label() + " share of all (%)"
                : column.label() + "占全部的比例(%)", column));
        return measures.size() - 1;
    }

    /** Right after the share word, a ranking: true for the highest, false for the lowest, null for none. */
    static Boolean ranked(String rest) {
        Matcher share = SHARE.matcher(rest);
        if (!share.find()) {
            return null;
        }
        String after = rest.substring(share.end(), Math.min(rest.length(), share.end() + 4));
        return after.matches("^(的)?\\s*(最高|最大|最多).*") ? Boolean.TRUE
                : after.matches("^(的)?\\s*(最低|最小|最少).*") ? Boolean.FALSE : null;
    }

    /** Just before the share word, what it is of: a grouping's thing ("车型占比", "车型的占比"), not a value or measure. */
    private static final Pattern SHARE_OF_GROUPS = Pattern.compile("[\\u4e00-\\u9fff]\\s*(的)?\\s*$|\\bshare\\b|\\bpercentage\\b");

    /**
     * "过境车辆占比", "危化品车流量的占比", "percentage of Consumer customers": a value just before the share word (or
     * just after "percentage of") makes a share of the rows with that value in the whole, of the measure named between
     * them, else of the value's table's one summed column, else of its rows. The value is then no longer a condition on
     * all rows.
     */
    static boolean ofValue(String rest, List<Part> parts, List<Reading.Measure> measures,
            List<Reading.Column> dimensions, Map<String, Reading.Filter> filters, SemanticModel model, boolean english) {
        for (Part p : parts) {
            if (p.role != Part.Role.FILTER || !"IN".equals(p.op) || p.values.size() != 1) {
                continue;
            }
            Part measured = between(rest, parts, p, english);
            if (measured == Part.NONE) {
                continue;
            }
            String table = p.column().table();
            Reading.Measure named = measured == null ? null : measures.stream()
                    .filter(m -> measured.column().equals(m.column())).findFirst().orElse(null);
            Reading.Column column = whole(named != null ? named.column() : summed(model, table), table,
                    english ? model.table(table).map(SemanticModel.Table::tableDisplayName).orElse(table) : "数量");
            String aggregation = aggregationOf(column);
            String value = p.values.get(0);
            String label = english ? "share of " + value + " in " + column.label() + " (%)"
                    : value + "的" + column.label() + "占比(%)";
            int at = named == null ? measures.size() : measures.indexOf(named);
            measures.remove(named);
            measures.add(at, new Reading.Measure(column, aggregation, label, column,
                    new Reading.Filter(p.column(), "IN", p.values)));
            filters.remove(QuestionParser.key(p.column()) + "IN");
            // "Consumer customers": the thing right after the value is what is counted, not a grouping
            parts.stream().filter(q -> q.role == Part.Role.DIMENSION && q.hit.start() >= p.hit.end()
                            && rest.substring(p.hit.end(), q.hit.start()).isBlank()
                            && q.hit.entries().stream().anyMatch(Lexicon.Entry::isEntity)
                            && q.column().table().equals(table))
                    .findFirst().ifPresent(q -> dimensions.remove(q.column()));
            return true;
        }
        return false;
    }

    /**
     * Words between a value and its share word ("车辆", "车流量的", "车辆在各服务区的通行"): at most 12 characters, no
     * other part but a measure and the groups.
     */
    private static final Pattern VALUE_SHARE_GAP = Pattern.compile("[^\\s，,;；]{0,12}?");
    private static final Pattern IN_MEASURE = Pattern.compile("\\s*(\\w+\\s+)?(in|of)\\s+(the\\s+)?(total\\s+)?");
    private static final Pattern SHARE_OF = Pattern.compile("\\b(share|percentage|proportion)\\s+of\\s+(\\w+\\s+){0,2}$");

    /**
     * The measure part between a value and its share word, null when no measure is named there, {@link Part#NONE}
     * when the value has no share word of its own.
     */
    private static Part between(String rest, List<Part> parts, Part value, boolean english) {
        if (english) {
            // "the percentage of Consumer customers", "the share of Furniture in amount"
            if (!SHARE_OF.matcher(rest.substring(Math.max(0, value.hit.start() - 40), value.hit.start())).find()) {
                return Part.NONE;
            }
            return parts.stream().filter(q -> q.role == Part.Role.MEASURE && q.hit.start() >= value.hit.end()
                    && IN_MEASURE.matcher(rest.substring(value.hit.end(), q.hit.start())).matches())
                    .findFirst().orElse(null);
        }
        Matcher share = SHARE.matcher(rest);
        if (!share.find(value.hit.end())) {
            return Part.NONE;
        }
        String gap = rest.substring(value.hit.end(), share.start());
        if (!VALUE_SHARE_GAP.matcher(gap).matches()) {
            return Part.NONE;
        }
        Part measured = null;
        for (Part q : parts) {
            if (q.hit.start() >= value.hit.end() && q.hit.end() <= share.start() && !q.grouping) {
                if (q.role != Part.Role.MEASURE || measured != null) {
                    return Part.NONE;
                }
                measured = q;
            }
        }
        return measured;
    }

    /** How much of each group there is: the column summed, else the table's rows counted. */
    static Reading.Measure amount(Reading.Column summed, String table, boolean english) {
        Reading.Column column = whole(summed, table, english ? "count" : "数量");
        String aggregation = aggregationOf(column);
        return new Reading.Measure(column, aggregation, ReadingWords.label(column, aggregation, english));
    }

    /** What a share is of: the column summed, else the table's rows (counted). */
    private static Reading.Column whole(Reading.Column summed, String table, String rowsLabel) {
        return summed != null ? summed : new Reading.Column(table, "*", rowsLabel, "bigint");
    }

    /** A share of a total, or of a count of rows. */
    private static String aggregationOf(Reading.Column whole) {
        return whole.rows() ? "COUNT" : "SUM";
    }

    /** The one column of a table summed by default (车辆数 of 车流量日统计表), if there is exactly one. */
    static Reading.Column summed(SemanticModel model, String table) {
        List<Reading.Column> summed = model.table(table).map(t -> t.columns().stream()
                .filter(c -> c.numeric() && "SUM".equals(c.aggregation())).map(c -> Lexicon.column(t, c)).toList())
                .orElse(List.of());
        return summed.size() == 1 ? summed.get(0) : null;
    }

    /** "X占Y的比例" (Y named) or "X占比" (Y the total of X's kind in its table) become one ratio measure. */
    static void ratios(String rest, List<Part> parts, List<Reading.Measure> measures, SemanticModel model,
            boolean english, boolean grouped) {
        Matcher share = SHARE.matcher(rest);
        if (!share.find()) {
            return;
        }
        for (int i = 0; i < measures.size(); i++) {
            Reading.Measure a = measures.get(i);
            if (a.column() != null && a.column().rows() && "COUNT".equals(a.aggregation()) && grouped) {
                // "各公司的服务区数量占比": each group's count of all groups' counts
                Part counted = parts.stream().filter(p -> p.role == Part.Role.COUNT && p.column().equals(a.column()))
                        .findFirst().orElse(null);
                String after = counted == null ? "" : rest.substring(counted.hit.end(),
                        Math.min(rest.length(), counted.hit.end() + 6));
                if (after.matches("^(的)?\\s*(数量|个数|数)?(的)?\\s*(占比|比例).*")) {
                    String thing = counted.hit.entry().term();
                    measures.add(i + 1, new Reading.Measure(a.column(), "COUNT", english
                            ? thing + " count share of all (%)" : thing + "数量占全部的比例(%)", a.column()));
                    return;
                }
            }
            Part pa = Part.part(parts, a.column());
            if (pa == null || a.column() == null || a.column().rows()) {
                continue;
            }
            String after = rest.substring(pa.hit.end(), Math.min(rest.length(), pa.hit.end() + 3));
            Reading.Column denominator = null;
            int drop = -1;
            if (after.startsWith("占") && !after.startsWith("占比")) {
                for (int j = i + 1; j < measures.size(); j++) {
                    if (measures.get(j).column() != null && !measures.get(j).column().rows()) {
                        denominator = measures.get(j).column();
                        drop = j;
                        break;
                    }
                }
            }
            if (denominator == null && (after.startsWith("占比") || after.startsWith("比例") || after.startsWith("的占比")
                    || after.startsWith("占总") || after.startsWith("支付占比"))) {
                denominator = total(model, a.column()).orElse(null);
                // "现金支付金额占比超过总收入20%": the total named in the condition is the denominator, not a measure
                Reading.Column of = denominator;
                Part named = of == null ? null : Part.part(parts, of);
                if (named != null && named.hit.start() > pa.hit.end()) {
                    drop = measures.indexOf(measures.stream().filter(m -> of.equals(m.column())).findFirst()
                            .orElse(null));
                }
            }
            String aggregation = "NONE".equals(a.aggregation()) ? Grounding.defaultAggregation(model, a.column())
                    : a.aggregation();
            if (denominator == null && grouped && (after.startsWith("占比") || after.startsWith("比例")
                    || after.startsWith("的占比"))) {
                // "各车型的车流量占比": each group's share of all groups, next to its value
                measures.add(i + 1, new Reading.Measure(a.column(), aggregation, english
                        ? a.column().label() + " share of all (%)" : a.column().label() + "占全部的比例(%)", a.column()));
                return;
            }
            if (denominator == null || denominator.equals(a.column())) {
                continue;
            }
            measures.set(i, shareOf(a, aggregation, denominator, english));
            boolean listed = false;
            if (!after.startsWith("占") || after.startsWith("占比")) {
                listed = listedBefore(rest, parts, measures, i, denominator, model, english);
            }
            if (drop > 0) {
                measures.remove(drop);
            }
            if (!listed && drop < 0 && OWN_TOTAL.matcher(after).lookingAt() && !compared(rest, pa.hit.end())) {
                // "各系统的微信支付金额占比": the amount beside its share, as for a grouping's share of all groups
                measures.add(i, new Reading.Measure(a.column(), aggregation, null));
            }
            return;
        }
    }

    private static Reading.Measure shareOf(Reading.Measure a, String aggregation, Reading.Column denominator,
            boolean english) {
        return new Reading.Measure(a.column(), aggregation, english
                ? a.column().label() + " share of " + denominator.label() + " (%)"
                : a.column().label() + "占" + denominator.label() + "的比例(%)", denominator);
    }

    /** Between measures listed together: 、 / 和 / and …, an aggregation word on the way. */
    private static final Pattern LISTED = Pattern.compile("\\s*(合计|总和|总计)?\\s*(的)?\\s*([、,，/和与及]|\\band\\b)\\s*");

    /**
     * "微信支付金额、支付宝支付金额、现金支付金额占比": the measures listed right before the one the share word
     * follows are shares of the same total, each of its own.
     */
    private static boolean listedBefore(String rest, List<Part> parts, List<Reading.Measure> measures, int last,
            Reading.Column denominator, SemanticModel model, boolean english) {
        Part next = Part.part(parts, measures.get(last).column());
        boolean listed = false;
        for (int j = last - 1; j >= 0 && next != null; j--) {
            Reading.Measure m = measures.get(j);
            Part pm = m.column() == null || m.column().rows() || m.denominator() != null ? null
                    : Part.part(parts, m.column());
            if (pm == null || pm.hit.end() > next.hit.start()
                    || !LISTED.matcher(rest.substring(pm.hit.end(), next.hit.start())).matches()
                    || !total(model, m.column()).map(denominator::equals).orElse(false)) {
                return listed;
            }
            String aggregation = "NONE".equals(m.aggregation()) ? Grounding.defaultAggregation(model, m.column())
                    : m.aggregation();
            measures.set(j, shareOf(m, aggregation, denominator, english));
            next = pm;
            listed = true;
        }
        return listed;
    }

    /** Whether the first measure is the amount shown before its share of its kind's total ("微信支付金额占比"). */
    static boolean amountBeside(List<Reading.Measure> measures) {
        return measures.size() > 1 && measures.get(0).denominator() == null && measures.get(1).denominator() != null
                && !measures.get(1).denominator().equals(measures.get(1).column())
                && measures.get(1).column().equals(measures.get(0).column());
    }

    /** Right after a measure, a share of its own kind's total with nothing named: "占比", "的占比", "比例". */
    private static final Pattern OWN_TOTAL = Pattern.compile("(的)?占比|比例");

    /** Whether the share word after {@code from} is compared ("占比超过20%的服务区"): then only the share is asked. */
    private static boolean compared(String rest, int from) {
        Matcher share = SHARE.matcher(rest);
        return share.find(from) && SHARE_COMPARE.matcher(rest.substring(share.end())).lookingAt();
    }

    /**
     * "已删除的映射记录数量及占比": the deleted rows counted, and their share of all rows (deleted or not), rather than
     * a count of the deleted rows alone.
     */
    static void ofDeleted(String rest, List<Reading.Measure> measures, Map<String, Reading.Filter> filters,
            List<Reading.Column> dimensions, boolean english) {
        Reading.Filter deleted = filters.values().stream().filter(f -> f.op().equals("DELETED")).findFirst().orElse(null);
        if (deleted == null || !dimensions.isEmpty() || !asked(rest) || measures.size() != 1
                || measures.get(0).column() == null || !measures.get(0).column().rows()
                || !"COUNT".equals(measures.get(0).aggregation())) {
            return;
        }
        Reading.Measure count = measures.get(0);
        String label = count.label() != null ? count.label() : ReadingWords.label(count.column(), "COUNT", english);
        measures.set(0, new Reading.Measure(count.column(), "COUNT", english ? "deleted " + label : "已删除的" + label,
                null, deleted, null, false));
        measures.add(new Reading.Measure(count.column(), "COUNT", english ? "deleted share of all (%)"
                : "已删除占全部的比例(%)", count.column(), deleted, null, false));
        filters.values().remove(deleted);
    }

    /** "占比超过20%": a condition on the share. */
    static void conditions(String rest, List<Reading.Measure> measures,
            Map<String, Reading.Filter> filters, boolean grouped) {
        for (int i = 0; i < measures.size(); i++) {
            Reading.Measure m = measures.get(i);
            if (m.denominator() == null) {
                continue;
            }
            Matcher share = SHARE.matcher(rest);
            while (share.find()) {
                Matcher cmp = SHARE_COMPARE.matcher(rest.substring(share.end()));
                if (cmp.lookingAt() && grouped) {
                    filters.put("share" + i, new Reading.Filter(m.column(), TermRoles.op(cmp.group(1)),
                            List.of(cmp.group(2)), i));
                }
            }
        }
    }

    /** The total column of the kind of {@code c} in its table ("支付总金额" for "现金支付金额"). */
    private static Optional<Reading.Column> total(SemanticModel model, Reading.Column c) {
        String kind = c.label().contains("订单") ? "订单" : c.label().contains("金额") ? "金额" : c.label().contains("数") ? "数" : "";
        return model.table(c.table()).flatMap(t -> t.columns().stream()
                .filter(x -> x.numeric() && !x.columnName().equals(c.column()) && x.columnDisplayName().contains("总")
                        && x.columnDisplayName().contains(kind))
                .findFirst().map(x -> new Reading.Column(t.tableName(), x.columnName(), x.columnDisplayName(),
                        x.dataType())));
    }
}
