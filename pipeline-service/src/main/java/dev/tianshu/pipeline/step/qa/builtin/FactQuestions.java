package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.List;

import dev.tianshu.pipeline.model.TableRef;

/**
 * Questions about a fact table (measures over a business date): totals, rankings, trends, shares, averages, recent
 * periods, comparisons of values, filters on real values, joins to the tables its foreign keys point at, latest
 * records. Each family answers its variants, the most telling first.
 */
final class FactQuestions {

    private final TableSemantics t;
    private final ColumnSemantics date;
    private final Metric m1;
    private final Metric m2;
    private final List<ColumnSemantics> dimensions;
    private final List<ColumnSemantics> enums;
    private final String label;

    FactQuestions(TableSemantics table) {
        this.t = table;
        this.date = table.primaryDate();
        List<ColumnSemantics> measures = table.measures();
        ColumnSemantics first = measures.isEmpty() ? null : measures.get(0);
        ColumnSemantics second = null;
        for (ColumnSemantics m : measures) {
            if (m != first && (second == null || (m.measureKind() != first.measureKind()
                    && second.measureKind() == first.measureKind()))) {
                second = m;
            }
        }
        this.m1 = first == null ? Metric.rowsOf(table) : Metric.sumOf(first);
        this.m2 = second == null ? null : Metric.sumOf(second);
        this.dimensions = table.dimensions();
        this.enums = table.enums();
        this.label = table.label();
    }

    List<List<Candidate>> families() {
        return List.of(topN(), monthlyTrend(), enumShare(), filterOnValue(), yearOverYear(), dailyAverage(),
                byParent(), dailyTrend(), distinctCount(), compareValues(), latestRecords(), peakDay(), perOrder(),
                aboveAverage(), breakdown(), lastMonth());
    }

    private List<Candidate> topN() {
        List<Candidate> out = new ArrayList<>();
        ForeignLink named = namedParent();
        if (dimensions.isEmpty() && named == null) {
            return out;
        }
        if (named != null && (dimensions.isEmpty() || dimensions.get(0).role() != ColumnRole.NAME)) {
            // no name of its own: rank what the foreign key points at (服务区 of a 车流量 row)
            TableSemantics p = named.parent();
            String ta = t.alias();
            String pa = p.alias();
            SelectBuilder b = SelectBuilder.from(t, ta).join(p, pa, named.on(ta, pa));
            b.column(p.ref(pa, p.nameColumn()), p.nameColumn().label());
            String s = b.aggregate(m1.aggregate(t, ta), m1.total());
            b.where(Periods.lastDays(date, t.ref(ta, date), 7)).orderBy(s + " DESC NULLS LAST").limit(10);
            out.add(candidate("统计最近7天各" + p.entity() + "的" + m1.total() + "，按从高到低排名前10。", b, p));
        } else {
            ColumnSemantics g1 = dimensions.get(0);
            SelectBuilder b = SelectBuilder.from(t, null);
            b.column(ref(g1), g1.label());
            String s = b.aggregate(sum(m1), m1.total());
            b.where(Periods.lastDays(date, ref(date), 7)).orderBy(s + " DESC NULLS LAST").limit(10);
            out.add(candidate("统计最近7天" + Wording.each(g1) + "的" + m1.total() + "，按从高到低排名前10。", b));
        }
        if (dimensions.isEmpty()) {
            return out;
        }
        ColumnSemantics g2 = dimensions.size() > 1 ? dimensions.get(1) : dimensions.get(0);
        Metric m = m2 != null ? m2 : m1;
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(ref(g2), g2.label());
        String s = b.aggregate(sum(m), m.total());
        b.where(Periods.lastDays(date, ref(date), 30)).orderBy(s + " DESC NULLS LAST").limit(5);
        out.add(candidate("最近30天" + m.total() + "最多的前5个" + g2.noun() + "是哪些？", b));
        return out;
    }

    private List<Candidate> monthlyTrend() {
        SelectBuilder b = SelectBuilder.from(t, null);
        String month = b.column(Periods.month(ref(date)), "月份");
        b.aggregate(sum(m1), m1.total());
        String what = m1.total();
        if (m2 != null) {
            b.aggregate(sum(m2), m2.total());
            what += "和" + m2.total();
        }
        b.where(Periods.last12Months(ref(date))).orderBy(month);
        Candidate monthly = candidate("统计最近12个月每月的" + what + "变化趋势。", b);

        b = SelectBuilder.from(t, null);
        String year = b.column(Periods.year(ref(date)), "年份");
        b.aggregate(sum(m1), m1.total());
        b.orderBy(year);
        String yearly = m1.isRowCount() ? m1.total() : label + "的" + m1.total();
        return List.of(monthly, candidate("按年份统计" + yearly + "。", b));
    }

    private List<Candidate> enumShare() {
        List<Candidate> out = new ArrayList<>();
        if (enums.isEmpty()) {
            return out;
        }
        ColumnSemantics e = enums.get(0);
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(ref(e), e.label());
        String s = b.aggregate(sum(m1), m1.total());
        b.aggregate(share(sum(m1)), "占比");
        b.where(Periods.lastDays(date, ref(date), 30)).orderBy(s + " DESC NULLS LAST");
        out.add(candidate("统计最近30天" + Wording.each(e) + "的" + m1.total() + "及其占比。", b));

        ColumnSemantics e2 = enums.size() > 1 ? enums.get(1) : e;
        b = SelectBuilder.from(t, null);
        b.column(ref(e2), e2.label());
        String n = b.aggregate("COUNT(*)", "记录数");
        b.aggregate(share("COUNT(*)"), "记录占比");
        b.where(Periods.thisMonth(ref(date))).orderBy(n + " DESC");
        out.add(candidate("本月" + label + "记录按" + e2.noun() + "分布的记录数及占比是多少？", b));
        return out;
    }

    private List<Candidate> filterOnValue() {
        List<Candidate> out = new ArrayList<>();
        ColumnSemantics dim = dimensions.stream().filter(d -> !d.filterValues().isEmpty()).findFirst().orElse(null);
        if (dim == null) {
            return out;
        }
        List<String> values = dim.filterValues();
        String v1 = values.get(0);
        SelectBuilder b = SelectBuilder.from(t, null);
        b.aggregate(sum(m1), m1.total());
        if (m2 != null) {
            b.aggregate(sum(m2), m2.total());
        }
        b.where(ref(dim) + " = " + dim.literal(v1)).where(Periods.lastDays(date, ref(date), 30));
        String what = m1.total() + (m2 == null ? "" : "和" + m2.total());
        out.add(candidate(about(dim, v1, "最近30天") + "的" + what + "是多少？", b));

        String v2 = values.size() > 1 ? values.get(1) : v1;
        b = SelectBuilder.from(t, null);
        String day = b.column(Periods.day(date, ref(date)), date.label());
        b.aggregate(sum(m1), m1.total());
        b.where(ref(dim) + " = " + dim.literal(v2)).where(Periods.lastDays(date, ref(date), 7)).orderBy(day);
        out.add(candidate(about(dim, v2, "最近7天") + "每天的" + m1.total() + "分别是多少？", b));
        return out;
    }

    private List<Candidate> yearOverYear() {
        String base = m1.base();
        SelectBuilder b = SelectBuilder.from(t, null);
        b.aggregate(m1.aggregateWhen(t, null, Periods.thisMonth(ref(date))), "本月至今" + base);
        b.aggregate(m1.aggregateWhen(t, null, Periods.thisMonthLastYear(ref(date))), "去年同期" + base);
        b.where(ref(date) + " >= date_trunc('month', CURRENT_DATE) - INTERVAL '1 year'");
        Candidate yoy = candidate("本月至今的" + m1.total() + "与去年同期相比如何？", b);

        Metric m = m2 != null ? m2 : m1;
        String mb = m.base();
        String last = m.aggregateWhen(t, null, Periods.lastMonth(ref(date)));
        String before = m.aggregateWhen(t, null, Periods.monthBeforeLast(ref(date)));
        b = SelectBuilder.from(t, null);
        b.aggregate(last, "上月" + mb);
        b.aggregate(before, "前一个月" + mb);
        b.aggregate(round2("100.0 * (" + last + " - " + before + ") / NULLIF(" + before + ", 0)"),
                "环比变化率");
        b.where(ref(date) + " >= date_trunc('month', CURRENT_DATE) - INTERVAL '2 months'")
                .where(ref(date) + " < date_trunc('month', CURRENT_DATE)");
        return List.of(yoy, candidate("上个月的" + m.total() + "与前一个月相比环比变化了多少？", b));
    }

    private List<Candidate> dailyAverage() {
        List<Candidate> out = new ArrayList<>();
        if (dimensions.isEmpty()) {
            return out;
        }
        ColumnSemantics g1 = dimensions.get(0);
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(ref(g1), g1.label());
        String daily = "日均" + m1.base();
        String avg = b.aggregate(round2(sum(m1) + "::numeric / NULLIF(COUNT(DISTINCT "
                + Periods.day(date, ref(date)) + "), 0)"), daily);
        b.where(Periods.lastDays(date, ref(date), 30)).orderBy(avg + " DESC NULLS LAST").limit(10);
        out.add(candidate("计算最近30天" + Wording.each(g1) + "的" + daily + "，列出前10名。", b));

        ColumnSemantics e = !enums.isEmpty() ? enums.get(0) : dimensions.size() > 1 ? dimensions.get(1) : null;
        Metric m = m2 != null ? m2 : m1;
        if (e != null && !m.isRowCount()) {
            b = SelectBuilder.from(t, null);
            b.column(ref(e), e.label());
            String a = b.aggregate(round2("AVG(" + ref(m.column()) + ")"), Wording.avg(m.column()));
            b.where(Periods.lastDays(date, ref(date), 30)).orderBy(a + " DESC NULLS LAST");
            out.add(candidate("最近30天" + Wording.each(e) + "每条记录的" + Wording.avg(m.column()) + "是多少？", b));
        }
        return out;
    }

    private List<Candidate> byParent() {
        List<Candidate> out = new ArrayList<>();
        for (ForeignLink link : t.parents()) {
            TableSemantics p = link.parent();
            if (p.nameColumn() == null) {
                continue;
            }
            String ta = t.alias();
            String pa = p.alias();
            SelectBuilder b = SelectBuilder.from(t, ta).join(p, pa, link.on(ta, pa));
            b.column(p.ref(pa, p.nameColumn()), p.nameColumn().label());
            String s = b.aggregate(m1.aggregate(t, ta), m1.total());
            b.where(Periods.lastDays(date, t.ref(ta, date), 30)).orderBy(s + " DESC NULLS LAST").limit(10);
            out.add(candidate("统计最近30天各" + p.entity() + "的" + m1.total() + "，按从高到低排名前10。", b, p));

            for (ColumnSemantics pe : p.enums()) {
                b = SelectBuilder.from(t, ta).join(p, pa, link.on(ta, pa));
                b.column(p.ref(pa, pe), pe.label());
                s = b.aggregate(m1.aggregate(t, ta), m1.total());
                b.where(Periods.lastDays(date, t.ref(ta, date), 30)).orderBy(s + " DESC NULLS LAST");
                out.add(candidate("按" + p.entity() + "的" + pe.noun() + "统计最近30天的" + m1.total() + "。", b, p));
                break;
            }
        }
        return out;
    }

    private List<Candidate> dailyTrend() {
        List<Candidate> out = new ArrayList<>();
        SelectBuilder b = SelectBuilder.from(t, null);
        String day = b.column(Periods.day(date, ref(date)), date.label());
        b.aggregate(sum(m1), m1.total());
        String what = m1.total();
        if (m2 != null) {
            b.aggregate(sum(m2), m2.total());
            what += "和" + m2.total();
        }
        b.where(Periods.lastDays(date, ref(date), 7)).orderBy(day);
        out.add(candidate("查询最近7天每天的" + what + "。", b));

        if (!dimensions.isEmpty()) {
            ColumnSemantics g1 = dimensions.get(0);
            b = SelectBuilder.from(t, null);
            b.column(ref(g1), g1.label());
            String s = b.aggregate(sum(m1), m1.total());
            b.where(Periods.yesterday(date, ref(date))).orderBy(s + " DESC NULLS LAST").limit(5);
            out.add(candidate("昨天" + m1.total() + "排名前5的" + g1.noun() + "是哪些？", b));
        }
        return out;
    }

    private List<Candidate> distinctCount() {
        List<Candidate> out = new ArrayList<>();
        ForeignLink named = namedParent();
        if (named != null && (dimensions.isEmpty() || dimensions.get(0).role() != ColumnRole.NAME)) {
            SelectBuilder b = SelectBuilder.from(t, null);
            b.aggregate("COUNT(DISTINCT " + ref(named.column()) + ")", named.parent().entity() + "数量");
            b.where(Periods.lastDays(date, ref(date), 30));
            out.add(candidate("最近30天共有多少个" + named.parent().entity() + "有" + label + "记录？", b));
        } else if (!dimensions.isEmpty()) {
            ColumnSemantics g1 = dimensions.get(0);
            SelectBuilder b = SelectBuilder.from(t, null);
            b.aggregate("COUNT(DISTINCT " + ref(g1) + ")", g1.noun() + "数量");
            b.where(Periods.lastDays(date, ref(date), 30));
            out.add(candidate("最近30天共有多少个" + g1.noun() + "有" + label + "记录？", b));
        }
        SelectBuilder b = SelectBuilder.from(t, null);
        b.aggregate("COUNT(*)", "记录数");
        b.where(Periods.thisMonth(ref(date)));
        out.add(candidate("本月共有多少条" + label + "记录？", b));
        return out;
    }

    private List<Candidate> compareValues() {
        List<Candidate> out = new ArrayList<>();
        List<ColumnSemantics> withValues = new ArrayList<>();
        enums.forEach(withValues::add);
        dimensions.stream().filter(d -> !withValues.contains(d) && d.filterValues().size() >= 2)
                .forEach(withValues::add);
        int variant = 0;
        for (ColumnSemantics e : withValues) {
            List<String> values = e.filterValues();
            if (values.size() < 2) {
                continue;
            }
            Metric m = variant == 0 ? m1 : (m2 != null ? m2 : m1);
            String a = values.get(0);
            String c = values.get(1);
            SelectBuilder b = SelectBuilder.from(t, null);
            b.column(ref(e), e.label());
            String s = b.aggregate(sum(m), m.total());
            b.where(ref(e) + " IN (" + e.literal(a) + ", " + e.literal(c) + ")")
                    .where(Periods.lastDays(date, ref(date), 30)).orderBy(s + " DESC NULLS LAST");
            String which = e.role() == ColumnRole.NAME ? a + "和" + c
                    : e.noun() + "为" + Wording.value(a) + "和" + Wording.value(c) + "时";
            out.add(candidate("对比最近30天" + which + "的" + m.total() + "。", b));
            if (++variant == 2) {
                break;
            }
        }
        return out;
    }

    private List<Candidate> latestRecords() {
        SelectBuilder b = SelectBuilder.from(t, null);
        List<String> shown = new ArrayList<>();
        b.column(ref(date), date.label());
        shown.add(date.label());
        for (ColumnSemantics d : dimensions.subList(0, Math.min(2, dimensions.size()))) {
            b.column(ref(d), d.label());
            shown.add(d.label());
        }
        if (!m1.isRowCount()) {
            b.column(ref(m1.column()), m1.column().label());
            shown.add(m1.column().label());
        }
        b.orderBy(ref(date) + " DESC NULLS LAST").limit(10);
        return List.of(candidate("查询最近的10条" + label + "记录，包括" + Wording.list(shown) + "。", b));
    }

    private List<Candidate> peakDay() {
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(Periods.day(date, ref(date)), date.label());
        String s = b.aggregate(sum(m1), m1.total());
        b.where(Periods.lastDays(date, ref(date), 30)).orderBy(s + " DESC NULLS LAST").limit(1);
        Candidate day = candidate("最近30天" + m1.total() + "最高的是哪一天？", b);

        Metric m = m2 != null ? m2 : m1;
        b = SelectBuilder.from(t, null);
        b.column(Periods.month(ref(date)), "月份");
        s = b.aggregate(sum(m), m.total());
        b.where(Periods.last12Months(ref(date))).orderBy(s + " DESC NULLS LAST").limit(1);
        return List.of(day, candidate("最近12个月中" + m.total() + "最高的是哪个月？", b));
    }

    private List<Candidate> perOrder() {
        ColumnSemantics amount = t.amountMeasure();
        ColumnSemantics count = t.countMeasure();
        if (amount == null || count == null || !count.label().contains("单") || dimensions.isEmpty()) {
            return List.of();
        }
        ColumnSemantics g1 = dimensions.get(0);
        String per = "平均每单" + Wording.withoutTotal(amount.label());
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(ref(g1), g1.label());
        String a = b.aggregate(round2(sum(Metric.sumOf(amount)) + "::numeric / NULLIF(" + sum(Metric.sumOf(count))
                + ", 0)"), per);
        b.where(Periods.lastDays(date, ref(date), 30)).orderBy(a + " DESC NULLS LAST").limit(10);
        return List.of(candidate("统计最近30天" + Wording.each(g1) + "的" + per + "（" + Wording.sum(amount) + "÷"
                + Wording.sum(count) + "），取前10名。", b));
    }

    private List<Candidate> aboveAverage() {
        if (dimensions.isEmpty()) {
            return List.of();
        }
        ColumnSemantics g1 = dimensions.get(0);
        List<String> inner = new ArrayList<>(t.activeRows(null));
        inner.add(Periods.lastDays(date, ref(date), 30));
        String average = "(SELECT " + sum(m1) + "::numeric / NULLIF(COUNT(DISTINCT " + ref(g1) + "), 0) FROM "
                + t.sqlName() + " WHERE " + String.join(" AND ", inner) + ")";
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(ref(g1), g1.label());
        String s = b.aggregate(sum(m1), m1.total());
        b.where(Periods.lastDays(date, ref(date), 30)).having(sum(m1) + " > " + average)
                .orderBy(s + " DESC NULLS LAST");
        return List.of(candidate("最近30天" + m1.total() + "高于平均水平的" + g1.noun() + "有哪些？", b));
    }

    private List<Candidate> breakdown() {
        List<Candidate> out = new ArrayList<>();
        List<ColumnSemantics> measures = t.measures();
        for (MeasureKind kind : List.of(m1.kind(), m1.kind() == MeasureKind.AMOUNT ? MeasureKind.COUNT
                : MeasureKind.AMOUNT)) {
            List<ColumnSemantics> parts = measures.stream().filter(m -> m != m1.column()
                    && (m2 == null || m != m2.column()) && m.measureKind() == kind).limit(5).toList();
            if (parts.size() < 2) {
                continue;
            }
            SelectBuilder b = SelectBuilder.from(t, null);
            for (ColumnSemantics m : parts) {
                b.aggregate(sum(Metric.sumOf(m)), Wording.sum(m));
            }
            boolean first = out.isEmpty();
            b.where(first ? Periods.thisMonth(ref(date)) : Periods.lastMonth(ref(date)));
            String names = String.join("、", parts.stream().map(ColumnSemantics::label).toList());
            out.add(candidate("统计" + (first ? "本月" : "上个月") + names + "各自的合计。", b));
        }
        return out;
    }

    private List<Candidate> lastMonth() {
        ColumnSemantics dim = !enums.isEmpty() ? enums.get(0)
                : dimensions.size() > 1 ? dimensions.get(1) : dimensions.isEmpty() ? null : dimensions.get(0);
        if (dim == null) {
            return List.of();
        }
        Metric m = m2 != null ? m2 : m1;
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(ref(dim), dim.label());
        String s = b.aggregate(sum(m), m.total());
        b.where(Periods.lastMonth(ref(date))).orderBy(s + " DESC NULLS LAST");
        return List.of(candidate("上个月" + Wording.each(dim) + "的" + m.total() + "分别是多少？", b));
    }

    /** "宜春服务区最近30天" for a name, "最近30天车辆类型为“过境”时" for a category. */
    private static String about(ColumnSemantics dim, String value, String period) {
        return dim.role() == ColumnRole.NAME ? value + period
                : period + dim.noun() + "为" + Wording.value(value) + "时";
    }

    /** The first foreign key whose target has a name column, or null. */
    private ForeignLink namedParent() {
        return t.parents().stream().filter(l -> l.parent().nameColumn() != null).findFirst().orElse(null);
    }

    private String ref(ColumnSemantics c) {
        return t.ref(null, c);
    }

    private String sum(Metric m) {
        return m.aggregate(t, null);
    }

    /** The share of each group in percent: {@code ROUND((100.0 * x / NULLIF(SUM(x) OVER (), 0))::numeric, 2)}. */
    static String share(String aggregate) {
        return round2("100.0 * " + aggregate + " / NULLIF(SUM(" + aggregate + ") OVER (), 0)");
    }

    /** {@code ROUND((x)::numeric, 2)}: ROUND with a scale needs a numeric argument. */
    static String round2(String expression) {
        return "ROUND((" + expression + ")::numeric, 2)";
    }

    private Candidate candidate(String question, SelectBuilder b, TableSemantics... others) {
        List<TableRef> tables = new ArrayList<>();
        tables.add(t.ref());
        for (TableSemantics o : others) {
            tables.add(o.ref());
        }
        return new Candidate(question, b.build(), List.copyOf(tables));
    }
}
