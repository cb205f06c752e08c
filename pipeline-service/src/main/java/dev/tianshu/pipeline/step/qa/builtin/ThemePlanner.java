package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.model.Theme;

/**
 * Business themes of the built-in generator: one per table at its centre — fact tables first (in table order), then
 * event tables, then the other tables by how many questions they give, link tables last. The first table of a theme's
 * {@code related_tables} is its centre; the questions of a theme are the questions about its centre, so two themes
 * never ask the same thing.
 */
public final class ThemePlanner {

    private static final int TOPIC_MAX = 10;

    private ThemePlanner() {
    }

    /** Up to {@code count} themes; fewer when fewer tables give questions. */
    public static List<Theme> themes(SchemaSemantics schema, int count) {
        List<TableSemantics> ranked = rank(schema);
        List<Theme> themes = new ArrayList<>();
        Set<String> topics = new HashSet<>();
        for (TableSemantics t : ranked) {
            if (themes.size() >= count) {
                break;
            }
            themes.add(theme(schema, t, QuestionPool.forTable(schema, t), topics));
        }
        return themes;
    }

    /** The table at the centre of a theme: the first of its related tables that is in the schema. */
    public static Optional<TableSemantics> centre(SchemaSemantics schema, Theme theme) {
        if (theme.relatedTables() == null) {
            return Optional.empty();
        }
        for (String name : theme.relatedTables()) {
            Optional<TableSemantics> t = schema.find(name);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** How a theme names a table in related_tables: {@code t} for public tables, {@code s.t} otherwise. */
    public static String tableName(TableRef ref) {
        return ref.schema().equals("public") ? ref.name() : ref.qualified();
    }

    private static List<TableSemantics> rank(SchemaSemantics schema) {
        List<TableSemantics> tables = schema.tables();
        Map<TableSemantics, Integer> sizes = tables.stream()
                .collect(Collectors.toMap(t -> t, t -> QuestionPool.forTable(schema, t).size(), (x, y) -> x));
        List<TableSemantics> ranked = new ArrayList<>(tables.stream().filter(t -> sizes.get(t) > 0).toList());
        ranked.sort(Comparator.comparingInt(ThemePlanner::kindRank)
                .thenComparing(t -> t.isTimeSeries() ? 0 : -sizes.get(t))
                .thenComparingInt(tables::indexOf));
        return ranked;
    }

    /** Facts first, then events, then the other tables, link tables last. */
    private static int kindRank(TableSemantics t) {
        return t.isFact() ? 0 : t.isEvent() ? 1 : t.isBridge() ? 3 : 2;
    }

    private static Theme theme(SchemaSemantics schema, TableSemantics t, List<Candidate> pool, Set<String> topics) {
        Set<String> related = new LinkedHashSet<>();
        related.add(tableName(t.ref()));
        for (Candidate c : pool) {
            for (TableRef r : c.tables()) {
                if (related.size() < 4) {
                    related.add(tableName(r));
                }
            }
        }
        return new Theme(topic(t, topics), description(schema, t), List.copyOf(related), entities(schema, t),
                metrics(schema, t));
    }

    private static String topic(TableSemantics t, Set<String> used) {
        List<String> options = new ArrayList<>();
        if (t.isTimeSeries()) {
            options.add(TableLabels.shorten(t.label(), TOPIC_MAX - 2) + "分析");
            options.add(TableLabels.shorten(t.label(), TOPIC_MAX - 2) + "统计");
        } else if (t.isBridge()) {
            options.add(TableLabels.shorten(t.label(), TOPIC_MAX - 2) + "分析");
        } else {
            String e = TableLabels.shorten(t.entity(), TOPIC_MAX - 4);
            if (!t.enums().isEmpty()) {
                options.add(e + "构成分析");
            }
            if (!t.parents().isEmpty() || t.nameColumn() != null) {
                options.add(e + "关联分析");
            }
            options.add(TableLabels.shorten(t.entity(), TOPIC_MAX - 2) + "概况");
        }
        options.add(TableLabels.shorten(t.label(), TOPIC_MAX - 2) + "分析");
        for (String o : options) {
            if (used.add(o)) {
                return o;
            }
        }
        for (int i = 2; ; i++) {
            String o = TableLabels.shorten(t.label(), TOPIC_MAX - 3) + "分析" + i;
            if (used.add(o)) {
                return o;
            }
        }
    }

    private static String description(SchemaSemantics schema, TableSemantics t) {
        String table = tableName(t.ref());
        if (t.isTimeSeries()) {
            List<String> dims = t.dimensions().stream().limit(2).map(ColumnSemantics::noun).toList();
            List<String> metrics = t.isFact() ? t.measures().stream().limit(2).map(Wording::sum).toList()
                    : List.of(Metric.rowsOf(t).total());
            String by = dims.isEmpty() ? "时间" : String.join("、", dims) + "和时间";
            String what = t.isFact() ? t.label() + "的" + String.join("、", metrics) : metrics.get(0);
            return "基于" + table + "表，从" + by + "维度分析" + what + "的趋势、排名与构成。";
        }
        List<String> related = relatedEntities(schema, t);
        List<String> enums = t.enums().stream().map(ColumnSemantics::noun).limit(2).toList();
        StringBuilder d = new StringBuilder("基于" + table + "表统计" + t.entity() + "的数量");
        if (!enums.isEmpty()) {
            d.append("及").append(String.join("、", enums)).append("分布");
        }
        if (!related.isEmpty()) {
            d.append("，分析其与").append(String.join("、", related.stream().limit(3).toList())).append("的关联关系");
        }
        return d.append("。").toString();
    }

    private static List<String> entities(SchemaSemantics schema, TableSemantics t) {
        Set<String> e = new LinkedHashSet<>();
        if (t.isTimeSeries()) {
            t.columns(ColumnRole.NAME).forEach(c -> e.add(c.noun()));
            t.parents().forEach(l -> e.add(l.parent().entity()));
            t.enums().forEach(c -> e.add(c.noun()));
            e.add(t.primaryDate().label());
            if (e.size() < 3) {
                e.add(t.entity());
                t.columns(ColumnRole.CATEGORY).forEach(c -> e.add(c.noun()));
            }
        } else {
            e.add(t.entity());
            t.enums().forEach(c -> e.add(c.noun()));
            e.addAll(relatedEntities(schema, t));
            if (t.codeColumn() != null) {
                e.add(t.codeColumn().label());
            }
        }
        return e.stream().filter(s -> !s.isBlank()).limit(5).toList();
    }

    private static List<String> metrics(SchemaSemantics schema, TableSemantics t) {
        Set<String> m = new LinkedHashSet<>();
        if (t.isTimeSeries()) {
            List<ColumnSemantics> measures = t.measures();
            Metric first = measures.isEmpty() ? Metric.rowsOf(t) : Metric.sumOf(measures.get(0));
            m.add(first.total());
            measures.stream().skip(1).limit(1).forEach(c -> m.add(Wording.sum(c)));
            m.add(first.base() + "趋势");
            t.enums().stream().limit(1).forEach(c -> m.add(c.noun() + "占比"));
            t.dimensions().stream().limit(1).forEach(c -> m.add(c.noun() + "排名"));
            measures.stream().skip(2).forEach(c -> m.add(Wording.sum(c)));
        } else {
            m.add(t.countLabel());
            t.enums().forEach(c -> m.add(c.noun() + "分布"));
            for (ForeignLink l : schema.children(t)) {
                TableSemantics c = l.child();
                if (c.isFact()) {
                    m.add(Wording.sum(c.measures().get(0)));
                } else if (!c.isBridge()) {
                    m.add(c.countLabel());
                } else {
                    c.parents().stream().filter(p -> !p.parent().equals(t))
                            .forEach(p -> m.add("关联" + p.parent().entity() + "数量"));
                }
            }
            if (t.createdDate() != null) {
                m.add("新增" + t.countLabel());
            }
        }
        return m.stream().limit(5).toList();
    }

    private static List<String> relatedEntities(SchemaSemantics schema, TableSemantics t) {
        Set<String> r = new LinkedHashSet<>();
        t.parents().forEach(l -> r.add(l.parent().entity()));
        for (ForeignLink l : schema.children(t)) {
            if (l.child().isBridge()) {
                l.child().parents().stream().filter(p -> !p.parent().equals(t))
                        .forEach(p -> r.add(p.parent().entity()));
            } else {
                r.add(l.child().entity());
            }
        }
        r.remove(t.entity());
        return new ArrayList<>(r);
    }
}
