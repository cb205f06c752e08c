package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.List;

import dev.tianshu.pipeline.model.TableRef;

/**
 * Questions about a table that is not a fact table — a thing with a name, codes and categories (服务区, 公司) or a
 * link between two such tables: counts, distributions with shares, lists filtered on real values, look-ups, and
 * everything reached along foreign keys (children per parent, what a given parent has, measures of facts further
 * down, things related through a link table). Each family answers its variants, the most telling first.
 */
final class EntityQuestions {

    private final SchemaSemantics schema;
    private final TableSemantics t;
    private final ColumnSemantics name;
    private final ColumnSemantics code;
    private final List<ColumnSemantics> enums;
    private final String a;

    EntityQuestions(SchemaSemantics schema, TableSemantics table) {
        this.schema = schema;
        this.t = table;
        this.name = table.nameColumn();
        this.code = table.codeColumn();
        this.enums = table.enums();
        this.a = table.alias();
    }

    /** The families in the order their first variants are used. */
    List<List<Candidate>> families() {
        if (t.isBridge()) {
            return List.of(count(), bridgeLinks(), bridgeAverage(), bridgeMultiple());
        }
        return List.of(count(), enumShare(), childCount(), listByEnum(), descendantFacts(), parentLookup(),
                relatedThroughLink(), childFacts(), crossEnums(), groupByCategory(), recentlyCreated(), childList(),
                missingParent(), nameContains(), list(), lookupByName(), lookupByCode());
    }

    /** Families used only when the others do not give enough questions (their answers are often empty). */
    List<List<Candidate>> lastResort() {
        return t.isBridge() ? List.of() : List.of(childless());
    }

    private List<Candidate> count() {
        List<Candidate> out = new ArrayList<>();
        SelectBuilder b = SelectBuilder.from(t, null);
        b.aggregate("COUNT(*)", t.countLabel());
        out.add(candidate("目前共有多少" + t.countPhrase() + "？", b));
        for (ColumnSemantics e : enums) {
            List<String> values = e.filterValues();
            if (values.isEmpty()) {
                continue;
            }
            String v = values.size() > 1 ? values.get(1) : values.get(0);
            b = SelectBuilder.from(t, null);
            b.aggregate("COUNT(*)", t.countLabel());
            b.where(t.ref(null, e) + " = " + e.literal(v));
            out.add(candidate(e.noun() + "为" + Wording.value(v) + "的" + t.entity() + "有多少" + unit() + "？", b));
            break;
        }
        return out;
    }

    private List<Candidate> enumShare() {
        List<Candidate> out = new ArrayList<>();
        for (ColumnSemantics e : enums) {
            SelectBuilder b = SelectBuilder.from(t, null);
            b.column(t.ref(null, e), e.label());
            String n = b.aggregate("COUNT(*)", t.countLabel());
            b.aggregate(FactQuestions.share("COUNT(*)"), "占比");
            b.orderBy(n + " DESC");
            out.add(candidate(Wording.each(e) + "的" + t.countLabel() + "及占比分别是多少？", b));
            if (out.size() == 2) {
                break;
            }
        }
        return out;
    }

    private List<Candidate> listByEnum() {
        List<Candidate> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (ColumnSemantics e : enums) {
            if (e.filterValues().isEmpty()) {
                continue;
            }
            String v = e.filterValues().get(0);
            SelectBuilder b = SelectBuilder.from(t, null);
            b.column(t.ref(null, name), name.label());
            String shown = name.label();
            if (code != null) {
                b.column(t.ref(null, code), code.label());
                shown += "和" + code.label();
            }
            b.where(t.ref(null, e) + " = " + e.literal(v)).orderBy(t.ref(null, name));
            out.add(candidate("列出" + e.noun() + "为" + Wording.value(v) + "的所有" + t.entity() + "的" + shown + "。", b));
            if (out.size() == 2) {
                break;
            }
        }
        return out;
    }

    private List<Candidate> crossEnums() {
        if (enums.size() < 2) {
            return List.of();
        }
        ColumnSemantics e1 = enums.get(0);
        ColumnSemantics e2 = enums.get(1);
        SelectBuilder b = SelectBuilder.from(t, null);
        String c1 = b.column(t.ref(null, e1), e1.label());
        String c2 = b.column(t.ref(null, e2), e2.label());
        b.aggregate("COUNT(*)", t.countLabel());
        b.orderBy(c1).orderBy(c2);
        return List.of(candidate("按" + e1.noun() + "和" + e2.noun() + "统计" + t.countLabel() + "。", b));
    }

    /** Children per parent, where this table is the parent. */
    private List<Candidate> childCount() {
        List<Candidate> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (ForeignLink link : schema.children(t)) {
            TableSemantics c = link.child();
            if (c.isBridge() || c.isFact()) {
                continue;
            }
            String ca = c.alias();
            SelectBuilder b = SelectBuilder.from(c, ca).join(t, a, link.on(ca, a));
            b.column(t.ref(a, name), name.label());
            String n = b.aggregate("COUNT(*)", c.countLabel());
            b.orderBy(n + " DESC").limit(10);
            out.add(candidate(Wording.each(name) + "分别有多少" + c.countPhrase() + "？按数量从多到少列出前10。", b, c));
            for (ColumnSemantics ce : c.enums()) {
                if (ce.filterValues().isEmpty()) {
                    continue;
                }
                String v = ce.filterValues().get(0);
                b = SelectBuilder.from(c, ca).join(t, a, link.on(ca, a));
                b.column(t.ref(a, name), name.label());
                n = b.aggregate("COUNT(*)", c.countLabel());
                b.where(c.ref(ca, ce) + " = " + ce.literal(v)).orderBy(n + " DESC");
                out.add(candidate("统计" + Wording.each(name) + "下" + ce.noun() + "为" + Wording.value(v) + "的"
                        + c.countLabel() + "。", b, c));
                break;
            }
        }
        return out;
    }

    /** The children of one named parent. */
    private List<Candidate> childList() {
        List<Candidate> out = new ArrayList<>();
        if (name == null || name.filterValues().isEmpty()) {
            return out;
        }
        String v = name.filterValues().get(0);
        for (ForeignLink link : schema.children(t)) {
            TableSemantics c = link.child();
            if (c.isBridge() || c.isFact() || c.nameColumn() == null) {
                continue;
            }
            String ca = c.alias();
            SelectBuilder b = SelectBuilder.from(c, ca).join(t, a, link.on(ca, a));
            b.column(c.ref(ca, c.nameColumn()), c.nameColumn().label());
            if (c.codeColumn() != null) {
                b.column(c.ref(ca, c.codeColumn()), c.codeColumn().label());
            }
            b.where(t.ref(a, name) + " = " + name.literal(v)).orderBy(c.ref(ca, c.nameColumn()));
            String question = c.namedEntity() ? v + "下有哪些" + c.entity() + "？" : v + "对应的" + c.entity() + "记录有哪些？";
            out.add(candidate(question, b, c));

            b = SelectBuilder.from(c, ca).join(t, a, link.on(ca, a));
            b.aggregate("COUNT(*)", c.countLabel());
            b.where(t.ref(a, name) + " = " + name.literal(v));
            out.add(candidate(v + "共有多少" + c.countPhrase() + "？", b, c));
            break;
        }
        return out;
    }

    /** Things related to this table's rows through a link table (路段 ↔ 服务区). */
    private List<Candidate> relatedThroughLink() {
        List<Candidate> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (LinkPath path : linkPaths()) {
            TableSemantics q = path.other().parent();
            ForeignLink toThis = path.toThis();
            ForeignLink toOther = path.other();
            TableSemantics bridge = toThis.child();
            String ba = bridge.alias();
            SelectBuilder b = SelectBuilder.from(bridge, ba).join(t, a, toThis.on(ba, a));
            b.column(t.ref(a, name), name.label());
            String n = b.aggregate("COUNT(DISTINCT " + bridge.ref(ba, toOther.column()) + ")", q.entity() + "数量");
            b.orderBy(n + " DESC").limit(10);
            out.add(candidate(Wording.each(name) + "关联的" + q.entity() + "数量是多少？按数量从多到少列出前10。", b,
                    bridge, q));

            if (q.nameColumn() != null && !name.filterValues().isEmpty()) {
                String v = name.filterValues().get(0);
                String qa = q.alias();
                b = SelectBuilder.from(bridge, ba).join(t, a, toThis.on(ba, a)).join(q, qa, toOther.on(ba, qa));
                b.column(q.ref(qa, q.nameColumn()), q.nameColumn().label());
                b.where(t.ref(a, name) + " = " + name.literal(v)).orderBy(q.ref(qa, q.nameColumn()));
                out.add(candidate(v + "关联了哪些" + q.entity() + "？", b, bridge, q));
            }
            break;
        }
        return out;
    }

    /** Measures of facts one level further down: facts pointing at a child of this table or at a linked table. */
    private List<Candidate> descendantFacts() {
        List<Candidate> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (ForeignLink toThis : schema.children(t)) {
            TableSemantics c = toThis.child();
            if (c.isFact()) {
                continue;
            }
            for (ForeignLink factLink : factsPointingAt(c.isBridge() ? null : c)) {
                TableSemantics f = factLink.child();
                String fa = f.alias();
                String ca = c.alias();
                SelectBuilder base = SelectBuilder.from(f, fa).join(c, ca, factLink.on(fa, ca)).join(t, a,
                        toThis.on(ca, a));
                out.addAll(factMeasures(f, base, c));
                return out;
            }
            if (c.isBridge()) {
                for (ForeignLink other : c.parents()) {
                    if (other.parent().equals(t)) {
                        continue;
                    }
                    for (ForeignLink factLink : factsPointingAt(other.parent())) {
                        if (!factLink.parentColumn().equals(other.parentColumn())) {
                            continue;
                        }
                        TableSemantics f = factLink.child();
                        String fa = f.alias();
                        String ca = c.alias();
                        String on = f.ref(fa, factLink.column()) + " = " + c.ref(ca, other.column());
                        SelectBuilder base = SelectBuilder.from(f, fa).join(c, ca, on).join(t, a, toThis.on(ca, a));
                        out.addAll(factMeasures(f, base, c, other.parent()));
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /** Facts pointing at this table directly: their measure for one named row. */
    private List<Candidate> childFacts() {
        List<Candidate> out = new ArrayList<>();
        if (name == null || name.filterValues().isEmpty()) {
            return out;
        }
        String v = name.filterValues().size() > 1 ? name.filterValues().get(1) : name.filterValues().get(0);
        for (ForeignLink link : factsPointingAt(t)) {
            TableSemantics f = link.child();
            ColumnSemantics m = f.measures().get(0);
            ColumnSemantics d = f.primaryDate();
            String fa = f.alias();
            SelectBuilder b = SelectBuilder.from(f, fa).join(t, a, link.on(fa, a));
            b.aggregate("SUM(" + f.ref(fa, m) + ")", Wording.sum(m));
            b.where(t.ref(a, name) + " = " + name.literal(v)).where(Periods.lastDays(d, f.ref(fa, d), 30));
            out.add(candidate(v + "最近30天的" + Wording.sum(m) + "是多少？", b, f));

            b = SelectBuilder.from(f, fa).join(t, a, link.on(fa, a));
            String month = b.column(Periods.month(f.ref(fa, d)), "月份");
            b.aggregate("SUM(" + f.ref(fa, m) + ")", Wording.sum(m));
            b.where(t.ref(a, name) + " = " + name.literal(v)).where(Periods.last12Months(f.ref(fa, d))).orderBy(month);
            out.add(candidate(v + "最近12个月每月的" + Wording.sum(m) + "趋势如何？", b, f));
            break;
        }
        return out;
    }

    /** This table's parents: which parent each row belongs to. */
    private List<Candidate> parentLookup() {
        List<Candidate> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (ForeignLink link : t.parents()) {
            TableSemantics p = link.parent();
            if (p.nameColumn() == null) {
                continue;
            }
            String pa = p.alias();
            SelectBuilder b = SelectBuilder.from(t, a).join(p, pa, link.on(a, pa));
            String pn = b.column(p.ref(pa, p.nameColumn()), "所属" + p.nameColumn().label());
            String n = b.column(t.ref(a, name), name.label());
            b.orderBy(pn).orderBy(n);
            String question = t.namedEntity() ? "列出每个" + t.entity() + "及其所属的" + p.entity() + "。"
                    : "列出每条" + t.entity() + "记录的" + name.label() + "及其对应的" + p.entity() + "。";
            out.add(candidate(question, b, p));
            if (!name.filterValues().isEmpty()) {
                String v = name.filterValues().get(0);
                b = SelectBuilder.from(t, a).join(p, pa, link.on(a, pa));
                b.column(p.ref(pa, p.nameColumn()), p.nameColumn().label());
                b.where(t.ref(a, name) + " = " + name.literal(v));
                out.add(candidate(v + "属于哪个" + p.entity() + "？", b, p));
            }
            break;
        }
        return out;
    }

    private List<Candidate> missingParent() {
        for (ForeignLink link : t.parents()) {
            SelectBuilder b = SelectBuilder.from(t, null);
            b.aggregate("COUNT(*)", "未关联" + link.parent().entity() + "的" + t.countLabel());
            b.where(t.ref(null, link.column()) + " IS NULL");
            return List.of(candidate("有多少" + t.countPhrase() + "没有关联" + link.parent().entity() + "？", b));
        }
        return List.of();
    }

    /** Names or categories without enum values (路线名称 of 路段): rows per value and the number of values. */
    private List<Candidate> groupByCategory() {
        List<Candidate> out = new ArrayList<>();
        for (ColumnSemantics d : t.dimensions()) {
            if (d.equals(name) || !d.enumValues().isEmpty() || d.role() == ColumnRole.BOOLEAN) {
                continue;
            }
            SelectBuilder b = SelectBuilder.from(t, null);
            b.column(t.ref(null, d), d.label());
            String n = b.aggregate("COUNT(*)", t.countLabel());
            b.orderBy(n + " DESC").limit(10);
            out.add(candidate(Wording.each(d) + "包含的" + t.countLabel() + "是多少？按数量从多到少列出前10。", b));

            b = SelectBuilder.from(t, null);
            b.aggregate("COUNT(DISTINCT " + t.ref(null, d) + ")", d.noun() + "数量");
            out.add(candidate(t.entity() + "中共有多少个不同的" + d.noun() + "？", b));
            break;
        }
        return out;
    }

    private List<Candidate> recentlyCreated() {
        ColumnSemantics created = t.createdDate();
        if (created == null) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        SelectBuilder b = SelectBuilder.from(t, null);
        b.aggregate("COUNT(*)", "新增" + t.countLabel());
        b.where(Periods.lastDays(created, t.ref(null, created), 30));
        out.add(candidate("最近30天新增了多少" + t.countPhrase() + "？", b));

        b = SelectBuilder.from(t, null);
        if (name != null) {
            b.column(t.ref(null, name), name.label());
        }
        if (code != null) {
            b.column(t.ref(null, code), code.label());
        }
        if (name == null && code == null) {
            for (ColumnSemantics c : t.columns()) {
                if (c.role() == ColumnRole.FOREIGN_KEY || c.role() == ColumnRole.KEY) {
                    b.column(t.ref(null, c), c.label());
                    break;
                }
            }
        }
        b.column(t.ref(null, created), created.label());
        b.orderBy(t.ref(null, created) + " DESC NULLS LAST").limit(10);
        out.add(candidate("最近新增的10" + t.countPhrase() + "是哪些？", b));
        return out;
    }

    private List<Candidate> nameContains() {
        if (name == null || name.filterValues().isEmpty()) {
            return List.of();
        }
        String sample = name.filterValues().get(0);
        if (sample.length() < 4 || !TableSemantics.containsCjk(sample.substring(sample.length() - 1))) {
            return List.of();
        }
        String keyword = sample.substring(sample.length() - 3);
        if (name.label().contains(keyword) || t.entity().contains(keyword)) {
            keyword = sample.substring(0, 2);
        }
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(t.ref(null, name), name.label());
        b.where(t.ref(null, name) + " LIKE " + SqlText.string("%" + keyword.replace("%", "") + "%"))
                .orderBy(t.ref(null, name));
        return List.of(candidate(name.label() + "中包含" + Wording.value(keyword) + "的" + t.entity() + "有哪些？", b));
    }

    private List<Candidate> list() {
        if (name == null) {
            return List.of();
        }
        SelectBuilder b = SelectBuilder.from(t, null);
        List<String> shown = new ArrayList<>();
        b.column(t.ref(null, name), name.label());
        shown.add(name.label());
        if (code != null) {
            b.column(t.ref(null, code), code.label());
            shown.add(code.label());
        }
        for (ColumnSemantics e : enums.subList(0, Math.min(2, enums.size()))) {
            b.column(t.ref(null, e), e.label());
            shown.add(e.label());
        }
        b.orderBy(t.ref(null, code != null ? code : name));
        String what = Wording.list(shown);
        return List.of(candidate("列出所有" + t.entity() + "的" + what + "。", b));
    }

    private List<Candidate> lookupByName() {
        if (name == null || name.filterValues().isEmpty() || (code == null && enums.isEmpty())) {
            return List.of();
        }
        String v = name.filterValues().get(0);
        SelectBuilder b = SelectBuilder.from(t, null);
        List<String> shown = new ArrayList<>();
        if (code != null) {
            b.column(t.ref(null, code), code.label());
            shown.add(code.label());
        }
        for (ColumnSemantics e : enums.subList(0, Math.min(2, enums.size()))) {
            b.column(t.ref(null, e), e.label());
            shown.add(e.label());
        }
        b.where(t.ref(null, name) + " = " + name.literal(v));
        return List.of(candidate(v + "的" + Wording.list(shown) + "是什么？", b));
    }

    private List<Candidate> lookupByCode() {
        if (name == null || code == null || code.filterValues().isEmpty()) {
            return List.of();
        }
        String v = code.filterValues().get(0);
        SelectBuilder b = SelectBuilder.from(t, null);
        b.column(t.ref(null, name), name.label());
        b.where(t.ref(null, code) + " = " + code.literal(v));
        String question = t.namedEntity() ? code.label() + "为" + Wording.value(v) + "的" + t.entity() + "是哪个？"
                : code.label() + "为" + Wording.value(v) + "的" + t.entity() + "记录对应的" + name.label() + "是什么？";
        return List.of(candidate(question, b));
    }

    private List<Candidate> childless() {
        if (name == null) {
            return List.of();
        }
        for (ForeignLink link : schema.children(t)) {
            TableSemantics c = link.child();
            String ca = c.alias();
            List<String> inner = new ArrayList<>(c.activeRows(ca));
            inner.add(link.on(ca, a));
            SelectBuilder b = SelectBuilder.from(t, a);
            b.column(t.ref(a, name), name.label());
            b.where("NOT EXISTS (SELECT 1 FROM " + c.sqlName() + " " + ca + " WHERE " + String.join(" AND ", inner)
                    + ")")
                    .orderBy(t.ref(a, name));
            return List.of(candidate("哪些" + t.entity() + "没有任何" + c.entity() + "记录？", b, c));
        }
        return List.of();
    }

    /** For a link table: how many rows, and which rows of one side go with which of the other. */
    private List<Candidate> bridgeLinks() {
        List<Candidate> out = new ArrayList<>();
        List<ForeignLink> parents = t.parents();
        ForeignLink l1 = parents.get(0);
        ForeignLink l2 = parents.get(1);
        TableSemantics p1 = l1.parent();
        TableSemantics p2 = l2.parent();
        if (p1.nameColumn() == null || p2.nameColumn() == null) {
            return out;
        }
        String a1 = p1.alias();
        String a2 = p2.alias();
        SelectBuilder b = SelectBuilder.from(t, a).join(p1, a1, l1.on(a, a1)).join(p2, a2, l2.on(a, a2));
        String n1 = b.column(p1.ref(a1, p1.nameColumn()), p1.nameColumn().label());
        String n2 = b.column(p2.ref(a2, p2.nameColumn()), p2.nameColumn().label());
        b.orderBy(n1).orderBy(n2);
        out.add(candidate("列出每个" + p1.entity() + "及其关联的" + p2.entity() + "。", b, p1, p2));
        return out;
    }

    private List<Candidate> bridgeAverage() {
        List<Candidate> out = new ArrayList<>();
        List<ForeignLink> parents = t.parents();
        for (int i = 0; i < 2; i++) {
            ForeignLink by = parents.get(i);
            ForeignLink counted = parents.get(1 - i);
            String inner = "SELECT " + t.ref(null, by.column()) + ", COUNT(DISTINCT " + t.ref(null, counted.column())
                    + ") AS n FROM " + t.sqlName() + (t.activeRows(null).isEmpty() ? ""
                            : " WHERE " + String.join(" AND ", t.activeRows(null)))
                    + " GROUP BY " + t.ref(null, by.column());
            String label = "平均关联" + counted.parent().entity() + "数量";
            String sql = "SELECT " + FactQuestions.round2("AVG(x.n)") + " AS " + SqlText.alias(label) + " FROM ("
                    + inner + ") x;";
            out.add(new Candidate("平均每个" + by.parent().entity() + "关联多少个" + counted.parent().entity() + "？", sql,
                    List.of(t.ref(), by.parent().ref(), counted.parent().ref())));
        }
        return out;
    }

    private List<Candidate> bridgeMultiple() {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ForeignLink by = t.parents().get(i);
            ForeignLink counted = t.parents().get(1 - i);
            TableSemantics p = by.parent();
            if (p.nameColumn() == null) {
                continue;
            }
            String pa = p.alias();
            SelectBuilder b = SelectBuilder.from(t, a).join(p, pa, by.on(a, pa));
            b.column(p.ref(pa, p.nameColumn()), p.nameColumn().label());
            String n = b.aggregate("COUNT(DISTINCT " + t.ref(a, counted.column()) + ")",
                    counted.parent().entity() + "数量");
            b.having("COUNT(DISTINCT " + t.ref(a, counted.column()) + ") > 1").orderBy(n + " DESC");
            out.add(candidate("关联了多个" + counted.parent().entity() + "的" + p.entity() + "有哪些？", b, p));
        }
        return out;
    }

    private List<Candidate> factMeasures(TableSemantics f, SelectBuilder grouped, TableSemantics... via) {
        List<Candidate> out = new ArrayList<>();
        ColumnSemantics m = f.measures().get(0);
        ColumnSemantics d = f.primaryDate();
        String fa = f.alias();
        grouped.column(t.ref(a, name), name.label());
        String s = grouped.aggregate("SUM(" + f.ref(fa, m) + ")", Wording.sum(m));
        grouped.where(Periods.lastDays(d, f.ref(fa, d), 30)).orderBy(s + " DESC NULLS LAST");
        List<TableSemantics> tables = new ArrayList<>(List.of(via));
        tables.add(f);
        TableSemantics[] others = tables.toArray(TableSemantics[]::new);
        out.add(candidate("统计最近30天" + Wording.each(name) + "的" + Wording.sum(m) + "。", grouped, others));
        return out;
    }

    /** The foreign keys of fact tables that point at {@code parent} (none for null). */
    private List<ForeignLink> factsPointingAt(TableSemantics parent) {
        if (parent == null) {
            return List.of();
        }
        return schema.children(parent).stream().filter(l -> l.child().isFact()).toList();
    }

    private List<LinkPath> linkPaths() {
        List<LinkPath> paths = new ArrayList<>();
        for (ForeignLink toThis : schema.children(t)) {
            if (!toThis.child().isBridge()) {
                continue;
            }
            for (ForeignLink other : toThis.child().parents()) {
                if (!other.parent().equals(t)) {
                    paths.add(new LinkPath(toThis, other));
                }
            }
        }
        return paths;
    }

    private String unit() {
        return t.namedEntity() ? "个" : "条";
    }

    private Candidate candidate(String question, SelectBuilder b, TableSemantics... others) {
        List<TableRef> tables = new ArrayList<>();
        tables.add(t.ref());
        for (TableSemantics o : others) {
            if (!tables.contains(o.ref())) {
                tables.add(o.ref());
            }
        }
        return new Candidate(question, b.build(), List.copyOf(tables));
    }

    /** A link table between this table and another: the bridge's key to this table and to the other. */
    private record LinkPath(ForeignLink toThis, ForeignLink other) {
    }
}
