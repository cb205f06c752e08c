package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.model.SemanticModel.Relation;

/**
 * Compiles a {@link Reading} to one SELECT in the model's dialect: tables joined along the model's relations
 * (starting from the fact table), columns shown under their display names, aggregates grouped by the dimensions,
 * the time range as a half-open comparison, then order and limit.
 */
public final class SqlWriter {

    /** Columns whose being set marks a row as deleted. */
    static final Set<String> SOFT_DELETE = Set.of("delete_ts", "deleted_at", "delete_time", "deleted_time");
    /** Stands for the query's FROM and WHERE in a subquery over all its rows, until the WHERE is known. */
    private static final String ALL_ROWS = "\u0000all rows\u0000";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private SqlWriter() {
    }

    /**
     * A count of the rows of one table, kept by a count of another's ("stadiums count" with "concerts count &gt; 2")
     * and not grouped: the reading that lists the kept things by their key, or null when the reading is not that.
     */
    private static Reading thingsWithCountedRows(Reading r, SemanticModel model) {
        if (r.measures().size() != 1 || !r.dimensions().isEmpty() || r.measures().get(0).column() == null
                || r.measures().get(0).of() != null) {
            return null;
        }
        Reading.Column counted = r.measures().get(0).column();
        if ("COUNT_DISTINCT".equals(r.measures().get(0).aggregation()) && !counted.rows()) {
            // "有超过1000条营业数据的服务区有多少个": the service areas named in the rows, kept by how many rows each has
            return r.filters().stream().anyMatch(f -> f.column().rows() && f.measure() == null)
                    ? new Reading(List.of(), List.of(counted), r.filters(), r.time(), null, null, r.absent()) : null;
        }
        String thing = counted.table();
        boolean countedElsewhere = counted.rows() && r.filters().stream().anyMatch(f -> f.column().rows()
                && f.measure() == null && !key(f.column().table()).equals(key(thing)));
        return !countedElsewhere ? null : model.table(thing).flatMap(t -> Lexicon.key(model, t))
                .map(k -> new Reading(List.of(), List.of(k), r.filters(), r.time(), null, null, r.absent()))
                .orElse(null);
    }

    private static Unanswerable unrelated(SemanticModel model, String one, String other) {
        String a = model.table(one).map(SemanticModel.Table::tableDisplayName).orElse(one);
        String b = model.table(other).map(SemanticModel.Table::tableDisplayName).orElse(other);
        return new Unanswerable("数据模型中没有连接“" + a + "”与“" + b + "”的关联关系，请在模型的 relations 中补充后再问",
                "The model has no relation joining \"" + a + "\" and \"" + b + "\": add one to its relations to ask "
                        + "about both.");
    }

    /** The soft-delete column of a table, if it has one. */
    private static java.util.Optional<String> softDelete(SemanticModel model, String table) {
        return softDeleteColumn(model, table).map(Reading.Column::column);
    }

    /** The soft-delete column of a table as a reading's column ("已删除的映射记录" asks for the rows where it is set). */
    static java.util.Optional<Reading.Column> softDeleteColumn(SemanticModel model, String table) {
        return model.table(table).flatMap(t -> t.columns().stream()
                .filter(c -> SOFT_DELETE.contains(c.columnName().toLowerCase(Locale.ROOT))).findFirst()
                .map(c -> Lexicon.column(t, c)));
    }

    /** "The latest day": the day of the time column equals the latest day in its table (rows not deleted). */
    private static String latestDay(Reading.Column time, String ref, SemanticModel model, Dialect d) {
        String day = d.period("day", ref, time.dataType());
        String latest = d.period("day", "s." + d.quote(time.column()), time.dataType());
        String table = table(model, key(time.table()));
        return day + " = (SELECT MAX(" + latest + ") FROM " + d.quote(table) + " s"
                + softDelete(model, key(time.table())).map(c -> " WHERE s." + d.quote(c) + " IS NULL").orElse("") + ")";
    }

    /** The rank of a row within its group, in a per-group top-N ("各服务区营收最高的一天"). */
    private static final String RANK = "rank_in_group";

    public static String write(Reading r, SemanticModel model) {
        Reading things = thingsWithCountedRows(r, model);
        if (things != null) {
            // "how many stadiums have more than 2 concerts": the things kept by the condition, counted (not the
            // rows that refer to no thing)
            Dialect d = Dialect.of(model.type());
            return "SELECT COUNT(s." + d.quote(things.dimensions().get(0).label()) + ") AS "
                    + d.quote(r.measures().get(0).label()) + " FROM (" + write(things, model) + ") s";
        }
        Dialect d = Dialect.of(model.type());
        Set<String> used = new LinkedHashSet<>();
        r.measures().forEach(m -> {
            if (m.column() != null) {
                used.add(key(m.column().table()));
            }
            if (m.denominator() != null) {
                used.add(key(m.denominator().table()));
            }
            if (m.of() != null) {
                used.add(key(m.of().column().table()));
            }
            if (m.over() != null) {
                used.add(key(m.over().column().table()));
            }
        });
        r.dimensions().forEach(c -> used.add(key(c.table())));
        if (r.order() != null && r.order().column() != null) {
            used.add(key(r.order().column().table()));
        }
        r.filters().forEach(f -> used.add(key(f.column().table())));
        if (r.time() != null) {
            used.add(key(r.time().column().table()));
        }
        if (used.isEmpty()) {
            used.add(key(model.tables().get(0).tableName()));
        }
        String base = used.iterator().next();
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put(base, "t1");
        StringBuilder from = new StringBuilder(d.quote(table(model, base)) + " t1");
        boolean fansOut = joins(model, base, used, aliases, from, d, "t", false);

        List<String> select = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        for (Reading.Column c : r.dimensions()) {
            String expr = c.grain() == null ? ref(c, aliases, d) : Reading.Time.VERSUS.equals(c.grain()) && r.time() != null
                    ? whichRange(r.time(), ref(c, aliases, d), c.label().chars().allMatch(ch -> ch < 128), d)
                    : d.period(c.grain(), ref(c, aliases, d), c.dataType());
            select.add(expr + " AS " + d.quote(c.label()));
            groupBy.add(expr);
        }
        boolean aggregated = false;
        List<String> measureExprs = new ArrayList<>();
        for (Reading.Measure m : r.measures()) {
            boolean conditional = m.of() != null || m.over() != null;
            // a ratio: each side's aggregate (of its own rows), divided; else the column's aggregate or its values
            String expr = m.of() != null && m.denominator() == null && !m.change()
                    ? aggregateOf(m.column(), m.aggregation(), m.of(), aliases, model, d)   // of some rows only
                    : conditional || m.denominator() != null && !groupShare(m) ? ratio(m, aliases, model, d)
                    : fansOut && groupBy.isEmpty() && m.column() != null && m.column().rows()
                            ? distinctRows(m.column(), aliases, model, d)
                    : aggregateOf(m.column(), m.aggregation(), null, aliases, model, d);
            aggregated |= conditional || m.column() == null || m.column().rows() || !"NONE".equals(m.aggregation());
            int index = measureExprs.size();
            if (groupShare(m) && r.filters().stream().anyMatch(f -> Integer.valueOf(index).equals(f.measure()))) {
                // the group's share of all groups, kept to some groups ("占比超过30%的"): of the total of all the
                // rows, as no window may stand in HAVING and one after it would see only the groups kept
                expr = expr + scale(m) + "NULLIF((SELECT " + expr + " FROM " + ALL_ROWS + "), 0)";
            } else if (groupShare(m)) {
                // the group's share of all groups
                expr = expr + scale(m) + "NULLIF(SUM(" + expr + ") OVER (), 0)";
            }
            measureExprs.add(expr);
            select.add(expr + " AS " + d.quote(m.label()));
        }
        if (aggregated && groupBy.isEmpty() && r.measures().stream().anyMatch(m -> "NONE".equals(m.aggregation())
                && m.column() != null && !m.column().rows())) {
            // one row of aggregates cannot also show each row's values: never write such SQL
            throw new Unanswerable("无法在同一结果中同时给出汇总值和逐行的值，请指定分组或去掉其中一项",
                    "One result cannot show both totals and each row's values: say what to group by, or drop one.");
        }
        List<String> where = new ArrayList<>();
        List<String> having = new ArrayList<>();
        List<Reading.Filter> versusGroups = new ArrayList<>();
        boolean groupedByCondition = false;   // by a condition on the groups, not by an aggregate shown
        for (Reading.Filter f : r.filters()) {
            if (f.measure() != null && f.measure() < measureExprs.size() && aggregated
                    && f.op().endsWith(Reading.Filter.AVERAGE)) {
                versusGroups.add(f);   // against the average of the groups: once the rows' conditions are known
            } else if (f.measure() != null && f.measure() < measureExprs.size() && aggregated) {
                having.add(condition(f, "(" + measureExprs.get(f.measure()) + ")", d));
            } else if (f.column().rows() && f.measure() == null && !groupBy.isEmpty()) {
                having.add(condition(f, "COUNT(*)", d));   // "makers with more than 3 models": not shown
                groupedByCondition = true;
            } else if (f.op().equals("ALL") && !groupBy.isEmpty()) {
                // every value is there: the rows with any of them, per group, have them all
                String col = ref(f.column(), aliases, d);
                where.add(condition(new Reading.Filter(f.column(), "IN", f.values()), col, d));
                having.add("COUNT(DISTINCT " + col + ") = " + f.values().size());
                groupedByCondition = true;
            } else if (f.column().rows()) {
                throw new Unanswerable("“" + f.column().label() + "”的条件需要按某一列分组，请说明按什么统计",
                        "The condition on \"" + f.column().label() + "\" needs a grouping: say what to count it by.");
            } else {
                where.add(rowCondition(f, aliases, model, d));
            }
        }
        // soft-deleted rows (a delete_ts / deleted_at column that is set) are not data, unless they are asked for
        Set<String> deletedAsked = r.filters().stream().filter(f -> f.op().equals("DELETED"))
                .map(f -> key(f.column().table())).collect(Collectors.toCollection(HashSet::new));
        // (also when a measure is of the deleted rows: "已删除的映射记录数量及占比" counts them among all rows)
        r.measures().stream().filter(m -> m.of() != null && m.of().op().equals("DELETED"))
                .forEach(m -> deletedAsked.add(key(m.of().column().table())));
        for (Map.Entry<String, String> joined : aliases.entrySet()) {
            if (!deletedAsked.contains(joined.getKey())) {
                softDelete(model, joined.getKey())
                        .ifPresent(c -> where.add(joined.getValue() + "." + d.quote(c) + " IS NULL"));
            }
        }
        if (r.time() != null) {
            where.addAll(timeConditions(r.time(), aliases, model, d));
        }
        for (Reading.Absent a : r.absent()) {
            where.add(notExists(a, base, model, d));
        }
        // the rows asked about: FROM … WHERE …, also in the subqueries over all of them
        String rows = from + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        for (Reading.Filter f : versusGroups) {
            // "支付总金额高于平均值的服务区": a group's total against the average of all groups' totals
            String expr = measureExprs.get(f.measure());
            String op = f.op().substring(0, f.op().length() - Reading.Filter.AVERAGE.length());
            having.add("(" + expr + ") " + op + " (SELECT AVG(g.v) FROM (SELECT " + expr + " AS v FROM " + rows
                    + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy)) + ") g)");
        }
        // a list is made distinct, unless it lists a table's own rows (its name shown, joined only to what each row
        // refers to): two 路段 of the same name on two routes are two rows
        // (nor when sorted by a column not shown, which DISTINCT cannot sort by)
        boolean distinct = r.measures().isEmpty() && (fansOut || !ownRows(r, base, model))
                && (r.order() == null || r.order().column() == null || r.dimensions().contains(r.order().column()));
        Reading.Order order = r.order();
        boolean perGroup = order != null && order.within() > 0 && r.limit() != null && order.column() == null
                && order.measure() >= 0 && order.measure() < measureExprs.size() && order.within() < groupBy.size();
        if (perGroup) {
            // "各服务区营收最高的一天": each group's rows ranked by the measure, the first N of each kept outside
            select.add("ROW_NUMBER() OVER (PARTITION BY " + String.join(", ", groupBy.subList(0, order.within()))
                    + " ORDER BY " + measureExprs.get(order.measure()) + (order.descending() ? " DESC" : " ASC")
                    + ") AS " + d.quote(RANK));
        }
        StringBuilder sql = new StringBuilder(distinct ? "SELECT DISTINCT " : "SELECT ")
                .append(String.join(", ", select)).append(" FROM ").append(rows);
        if (groupedByCondition && !aggregated) {
            // the values shown per thing are grouped too
            r.measures().stream().filter(m -> m.column() != null && !m.column().rows())
                    .forEach(m -> groupBy.add(ref(m.column(), aliases, d)));
        }
        if ((aggregated || groupedByCondition) && !groupBy.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupBy));
        }
        if (!having.isEmpty()) {
            sql.append(" HAVING ").append(String.join(" AND ", having));
        }
        if (perGroup) {
            // what the inner SELECT shows, by its labels; sorted by the groups, then each group's rank
            List<String> shown = Stream.concat(r.dimensions().stream().map(Reading.Column::label),
                    r.measures().stream().map(Reading.Measure::label)).map(l -> "g." + d.quote(l)).toList();
            List<String> keys = new ArrayList<>();
            shown.subList(0, order.within()).forEach(k -> keys.add(k + " ASC"));
            keys.add("g." + d.quote(RANK) + " ASC");
            return ("SELECT " + String.join(", ", shown) + " FROM (" + sql + ") g WHERE g." + d.quote(RANK) + " <= "
                    + r.limit() + " ORDER BY " + String.join(", ", keys)).replace(ALL_ROWS, rows);
        }
        if (order != null && order.column() != null) {
            String col = ref(order.column(), aliases, d);
            sql.append(" ORDER BY ").append(distinct ? col : sortKey(order.column(), col, model))
                    .append(order.descending() ? " DESC" : " ASC");
        } else if (order != null && order.measure() >= 0 && order.measure() < measureExprs.size()) {
            sql.append(" ORDER BY ").append(measureExprs.get(order.measure())).append(order.descending() ? " DESC" : " ASC");
        } else if (order != null && order.measure() < 0 && !groupBy.isEmpty()) {
            // by the dimensions, the first (a period, for a trend) first
            String direction = order.descending() ? " DESC" : " ASC";
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < groupBy.size(); i++) {
                Reading.Column c = r.dimensions().get(i);
                // (a DISTINCT list sorts by what it shows)
                keys.add((c.grain() == null && !distinct ? sortKey(c, groupBy.get(i), model) : groupBy.get(i))
                        + direction);
            }
            sql.append(" ORDER BY ").append(String.join(", ", keys));
        } else if (order == null && !aggregated && !measureExprs.isEmpty()) {
            // a column's values alone rise (a distribution); each thing's value beside its name, largest first
            sql.append(" ORDER BY ").append(measureExprs.get(0)).append(r.dimensions().isEmpty() ? "" : " DESC");
        } else if (order == null && measureExprs.isEmpty() && r.dimensions().size() > 1) {
            // a table of rows, by the name shown in it (the rows of one thing together)
            Reading.Column name = Lexicon.nameColumn(model, base);
            int at = name == null ? -1 : r.dimensions().indexOf(name);
            if (at >= 0) {
                sql.append(" ORDER BY ").append(groupBy.get(at));
            }
        }
        if (r.limit() != null) {
            sql.append(" LIMIT ").append(r.limit());
        }
        return sql.toString().replace(ALL_ROWS, rows);
    }

    private static List<String> timeConditions(Reading.Time time, Map<String, String> aliases, SemanticModel model,
            Dialect d) {
        String col = ref(time.column(), aliases, d);
        if (time.range().latest()) {
            return List.of(latestDay(time.column(), col, model, d));
        }
        if (!time.versus().isEmpty()) {
            // "2023年4月与2022年4月": within any of the times compared
            return List.of("(" + time.ranges().stream().map(t -> "(" + within(time.column(), col, t, d) + ")")
                    .collect(Collectors.joining(" OR ")) + ")");
        }
        return List.of(within(time.column(), col, time.range(), d));
    }

    /** col within one time range: the half-open comparison (one side of it for a range open on the other). */
    private static String within(Reading.Column column, String col, TimeRange range, Dialect d) {
        String midnight = "timestamp".equals(column.dataType()) ? " 00:00:00" : "";
        String since = range.from() == null ? null : col + " >= " + d.literal(range.from().format(DAY) + midnight);
        String until = range.to() == null ? null : col + " < " + d.literal(range.to().format(DAY) + midnight);
        return since == null ? until : until == null ? since : since + " AND " + until;
    }

    /** Which of the times compared a row is in, by its label: CASE WHEN … THEN '2023年4月' … END. */
    private static String whichRange(Reading.Time time, String col, boolean english, Dialect d) {
        return "CASE" + time.ranges().stream().map(t -> " WHEN " + within(time.column(), col, t, d) + " THEN "
                + d.literal(english ? t.englishLabel() : t.label())).collect(Collectors.joining()) + " END";
    }

    /**
     * NOT EXISTS (the absent table's rows, joined along the relations towards the query's base table t1 and
     * correlated with it on the last relation of that path, that pass the absence's filters and time).
     */
    private static String notExists(Reading.Absent a, String base, SemanticModel model, Dialect d) {
        String inner = key(a.table());
        List<Relation> link = path(model, inner, base);
        if (link == null || link.isEmpty()) {
            throw unrelated(model, inner, base);
        }
        Set<String> used = new LinkedHashSet<>();
        used.add(inner);
        String current = inner;
        for (Relation rel : link.subList(0, link.size() - 1)) {
            current = key(rel.factTable()).equals(current) ? key(rel.dimensionTable()) : key(rel.factTable());
            used.add(current);
        }
        a.filters().forEach(f -> used.add(key(f.column().table())));
        if (a.time() != null) {
            used.add(key(a.time().column().table()));
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put(inner, "s1");
        StringBuilder from = new StringBuilder(d.quote(table(model, inner)) + " s1");
        joins(model, inner, used, aliases, from, d, "s", true);
        Relation last = link.get(link.size() - 1);
        String near = current;
        List<String> where = new ArrayList<>();
        for (SemanticModel.Condition c : last.conditions()) {
            boolean factInside = key(last.factTable()).equals(near);
            String fact = (factInside ? aliases.get(near) : "t1") + "." + d.quote(c.srcColName());
            String dim = (factInside ? "t1" : aliases.get(near)) + "." + d.quote(c.dstColName());
            where.add(fact + " = " + dim);
        }
        a.filters().forEach(f -> where.add(rowCondition(f, aliases, model, d)));
        for (Map.Entry<String, String> joined : aliases.entrySet()) {
            softDelete(model, joined.getKey()).ifPresent(c -> where.add(joined.getValue() + "." + d.quote(c) + " IS NULL"));
        }
        if (a.time() != null) {
            where.addAll(timeConditions(a.time(), aliases, model, d));
        }
        return "NOT EXISTS (SELECT 1 FROM " + from + " WHERE " + String.join(" AND ", where) + ")";
    }

    /** How many relations apart two tables are (0 for the same table, a large number when not connected). */
    static int distance(SemanticModel model, String from, String to) {
        List<Relation> p = path(model, key(from), key(to));
        return p == null ? UNJOINED : p.size();
    }

    /** {@link #distance} from one table to every table of the model, by lower-case table name. */
    /** The distance of a table no chain of relations reaches. */
    static final int UNJOINED = 1_000;

    static Map<String, Integer> distances(SemanticModel model, String from) {
        Map<String, List<Relation>> paths = paths(model, key(from), null);
        Map<String, Integer> distances = new HashMap<>();
        for (SemanticModel.Table t : model.tables()) {
            List<Relation> p = paths.get(key(t.tableName()));
            distances.put(key(t.tableName()), p == null ? UNJOINED : p.size());
        }
        return distances;
    }

    /** A condition on each row; against the column's average over its table (rows not deleted) for a ">AVG" op. */
    private static String rowCondition(Reading.Filter f, Map<String, String> aliases, SemanticModel model, Dialect d) {
        String col = ref(f.column(), aliases, d);
        if (f.op().endsWith(Reading.Filter.COLUMN)) {
            // "update_ts不同于create_ts": another column of the same row
            return col + " " + f.op().substring(0, f.op().length() - Reading.Filter.COLUMN.length()) + " "
                    + aliases.get(key(f.column().table())) + "." + d.quote(f.values().get(0));
        }
        if (!f.op().endsWith(Reading.Filter.AVERAGE)) {
            return condition(f, col, d);
        }
        String table = key(f.column().table());
        String op = f.op().substring(0, f.op().length() - Reading.Filter.AVERAGE.length());
        return col + " " + op + " (SELECT " + d.aggregate("AVERAGE", "a." + d.quote(f.column().column())) + " FROM "
                + d.quote(table(model, table)) + " a"
                + softDelete(model, table).map(c -> " WHERE a." + d.quote(c) + " IS NULL").orElse("") + ")";
    }

    private static String condition(Reading.Filter f, String col, Dialect d) {
        boolean numeric = f.measure() != null || Set.of("int", "bigint", "double").contains(f.column().dataType());
        boolean flag = "boolean".equals(f.column().dataType());
        List<String> values = f.values().stream().map(v -> numeric && v.matches("-?\\d+(\\.\\d+)?") ? v
                : flag && v.matches("true|false") ? v.toUpperCase(Locale.ROOT) : d.literal(v)).toList();
        return switch (f.op()) {
            case "IN" -> values.size() == 1 ? col + " = " + values.get(0)
                    : col + " IN (" + String.join(", ", values) + ")";
            case "NOT IN" -> values.size() == 1 ? col + " <> " + values.get(0)
                    : col + " NOT IN (" + String.join(", ", values) + ")";
            case "BETWEEN" -> col + " BETWEEN " + values.get(0) + " AND " + values.get(1);
            case "RANGE" -> within(f.column(), col,
                    new TimeRange(LocalDate.parse(f.values().get(0)), LocalDate.parse(f.values().get(1)), ""), d);
            case "LIKE" -> d.like(col, f.values().get(0));
            case "DELETED", "IS NOT NULL" -> col + " IS NOT NULL";
            case "IS NULL" -> col + " IS NULL";
            default -> col + " " + f.op() + " " + values.get(0);
        };
    }

    private static String ref(Reading.Column c, Map<String, String> aliases, Dialect d) {
        return aliases.get(key(c.table())) + "." + d.quote(c.column());
    }

    /**
     * Joins every other used table along the shortest path of relations from the base, as the relations say or
     * ({@code inner}: rows that are linked, as in a NOT EXISTS) as inner joins; aliases are prefix + number. True when
     * a join goes from a dimension to its fact (a base row can then come out more than once).
     */
    private static boolean joins(SemanticModel model, String base, Set<String> used, Map<String, String> aliases,
            StringBuilder from, Dialect d, String prefix, boolean inner) {
        boolean fansOut = false;
        for (String target : used) {
            if (aliases.containsKey(target)) {
                continue;
            }
            List<Relation> path = path(model, base, target);
            if (path == null) {
                throw unrelated(model, target, base);
            }
            String current = base;
            for (Relation rel : path) {
                boolean forward = key(rel.factTable()).equals(current);
                String next = key(forward ? rel.dimensionTable() : rel.factTable());
                if (!aliases.containsKey(next)) {
                    fansOut |= !forward;
                    String alias = prefix + (aliases.size() + 1);
                    aliases.put(next, alias);
                    String joinType = inner ? "INNER JOIN" : forward ? rel.joinType() : reversed(rel.joinType());
                    String on = rel.conditions().stream().map(c -> {
                        String fact = aliases.get(key(rel.factTable())) + "." + d.quote(c.srcColName());
                        String dim = aliases.get(key(rel.dimensionTable())) + "." + d.quote(c.dstColName());
                        return fact + " = " + dim;
                    }).collect(Collectors.joining(" AND "));
                    from.append(' ').append(joinType).append(' ').append(d.quote(table(model, next))).append(' ')
                            .append(alias).append(" ON ").append(on);
                }
                current = next;
            }
        }
        return fansOut;
    }

    /** Each group's share of all groups (a window over the groups). */
    private static boolean groupShare(Reading.Measure m) {
        return m.of() == null && m.over() == null && m.denominator() != null && m.denominator().equals(m.column());
    }

    /** Times 100 then divided, for a percentage; times 1.0 (not integer division) for a fraction. */
    private static String scale(Reading.Measure m) {
        return m.fraction() ? " * 1.0 / " : " * 100.0 / ";
    }

    /**
     * The column's aggregate over the denominator's (the column's own when none is named), each of the rows passing
     * its condition ({@code of}, {@code over}) or of all rows: SUM(x) * 100.0 / SUM(y), SUM(CASE WHEN … THEN x ELSE
     * 0 END) * 100.0 / SUM(x), COUNT(CASE WHEN … THEN 1 END) * 1.0 / COUNT(CASE WHEN … THEN 1 END), ….
     */
    private static String ratio(Reading.Measure m, Map<String, String> aliases, SemanticModel model, Dialect d) {
        Reading.Column denominator = m.denominator() == null ? m.column() : m.denominator();
        String before = aggregateOf(denominator, m.aggregation(), m.over(), aliases, model, d);
        String now = aggregateOf(m.column(), m.aggregation(), m.of(), aliases, model, d);
        // a change: (this - before) over before
        return (m.change() ? "(" + now + " - " + before + ")" : now) + scale(m) + "NULLIF(" + before + ", 0)";
    }

    /**
     * The rows of a table counted in all, in a query whose joins repeat rows ("支付总金额超过10000的服务区有多少个":
     * each service area once per day): its distinct keys, or every row when it has no key. (Per group, a count through
     * a link table stays a count of the links: "courses each instructor taught" counts the offerings.)
     */
    private static String distinctRows(Reading.Column rows, Map<String, String> aliases, SemanticModel model,
            Dialect d) {
        String alias = aliases.get(key(rows.table()));
        return alias == null ? "COUNT(*)" : model.table(rows.table()).flatMap(t -> Lexicon.key(model, t))
                .map(k -> "COUNT(DISTINCT " + alias + "." + d.quote(k.column()) + ")").orElse("COUNT(*)");
    }

    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    /**
     * What a column sorts by: month names ('January', 'Feb') in the calendar's order, not the alphabet's; any other
     * column by its values.
     */
    private static String sortKey(Reading.Column c, String expr, SemanticModel model) {
        List<String> samples = model.table(c.table()).flatMap(t -> t.column(c.column()))
                .map(SemanticModel.Column::samples).orElse(List.of());
        boolean full = samples.stream().allMatch(v -> MONTHS.contains(v.strip().toLowerCase(Locale.ROOT)));
        boolean shortNames = samples.stream().allMatch(v -> v.strip().length() == 3
                && MONTHS.stream().anyMatch(m -> m.startsWith(v.strip().toLowerCase(Locale.ROOT))));
        if (samples.size() < 2 || !full && !shortNames) {
            return expr;
        }
        StringBuilder b = new StringBuilder("CASE LOWER(").append(expr).append(")");
        for (int i = 0; i < MONTHS.size(); i++) {
            b.append(" WHEN '").append(full ? MONTHS.get(i) : MONTHS.get(i).substring(0, 3)).append("' THEN ").append(i + 1);
        }
        return b.append(" END").toString();
    }

    /** An aggregate of the rows passing a condition, or of all rows when there is none. */
    private static String aggregateOf(Reading.Column c, String aggregation, Reading.Filter when,
            Map<String, String> aliases, SemanticModel model, Dialect d) {
        String condition = when == null ? null : "CASE WHEN " + rowCondition(when, aliases, model, d) + " THEN ";
        if (c == null || c.rows()) {
            return condition == null ? "COUNT(*)" : "COUNT(" + condition + "1 END)";
        }
        String x = ref(c, aliases, d);
        if (condition == null) {
            return d.aggregate(aggregation, x);
        }
        return "SUM".equals(aggregation) ? "SUM(" + condition + x + " ELSE 0 END)"
                : d.aggregate(aggregation, condition + x + " END");
    }

    /**
     * Whether a list shows the base table's own rows: the table's name column is shown, and the table stands for
     * things (some relation refers to it, or it refers to nothing) rather than being only a fact table of events.
     */
    private static boolean ownRows(Reading r, String base, SemanticModel model) {
        Reading.Column name = Lexicon.nameColumn(model, base);
        boolean named = name != null && r.dimensions().stream().anyMatch(c -> c.grain() == null
                && key(c.table()).equals(base) && c.column().equalsIgnoreCase(name.column()));
        return named && !eventsOnly(model, base);
    }

    /** A table only ever on the fact side of the relations: its rows are events (营业日数据), not things. */
    static boolean eventsOnly(SemanticModel model, String table) {
        String t = key(table);
        return model.relations().stream().anyMatch(rel -> key(rel.factTable()).equals(t))
                && model.relations().stream().noneMatch(rel -> key(rel.dimensionTable()).equals(t));
    }

    /** The join type seen from the other side: LEFT and RIGHT swap. */
    static String reversed(String joinType) {
        return switch (joinType) {
            case "LEFT JOIN" -> "RIGHT JOIN";
            case "RIGHT JOIN" -> "LEFT JOIN";
            default -> joinType;
        };
    }

    /**
     * The cheapest chain of relations between two tables: each join costs about the same, a join towards a
     * dimension (many-to-one) a little less the more relations lead to it (a hub like 服务区 before a side table),
     * and a join back to a fact table a little more unless that table only links others (a pure bridge table).
     */
    private static List<Relation> path(SemanticModel model, String from, String to) {
        return paths(model, from, to).get(to);
    }

    /** The cheapest chains from one table to {@code to} (null: to every table reachable), by lower-case name. */
    private static Map<String, List<Relation>> paths(SemanticModel model, String from, String to) {
        List<Relation> relations = model.relations();
        String[] facts = new String[relations.size()];
        String[] dimensions = new String[relations.size()];
        Map<String, Integer> incoming = new HashMap<>();
        for (int i = 0; i < relations.size(); i++) {
            facts[i] = key(relations.get(i).factTable());
            dimensions[i] = key(relations.get(i).dimensionTable());
            incoming.merge(dimensions[i], 1, Integer::sum);
        }
        Map<String, Boolean> bridges = new HashMap<>();
        Map<String, Double> cost = new LinkedHashMap<>();   // ties: the table reached first
        Map<String, List<Relation>> paths = new HashMap<>();
        cost.put(from, 0.0);
        paths.put(from, List.of());
        Set<String> done = new HashSet<>();
        while (true) {
            String t = null;
            for (Map.Entry<String, Double> e : cost.entrySet()) {
                if (!done.contains(e.getKey()) && (t == null || e.getValue() < cost.get(t))) {
                    t = e.getKey();
                }
            }
            if (t == null || t.equals(to)) {
                return paths;
            }
            done.add(t);
            for (int i = 0; i < relations.size(); i++) {
                boolean forward = facts[i].equals(t);
                String other = forward ? dimensions[i] : dimensions[i].equals(t) ? facts[i] : null;
                if (other == null || done.contains(other)) {
                    continue;
                }
                double step = forward ? 10 - 0.1 * Math.min(5, incoming.getOrDefault(other, 0))
                        : bridges.computeIfAbsent(other, o -> bridge(model, o)) ? 10.5 : 11;
                double c = cost.get(t) + step;
                if (c < cost.getOrDefault(other, Double.MAX_VALUE)) {
                    cost.put(other, c);
                    List<Relation> p = new ArrayList<>(paths.get(t));
                    p.add(relations.get(i));
                    paths.put(other, p);
                }
            }
        }
    }

    /** A table whose every column is a join key of some relation: it only links other tables. */
    private static boolean bridge(SemanticModel model, String table) {
        Set<String> keys = new HashSet<>();
        for (Relation r : model.relations()) {
            for (SemanticModel.Condition c : r.conditions()) {
                if (key(r.factTable()).equals(table)) {
                    keys.add(c.srcColName().toLowerCase(Locale.ROOT));
                }
                if (key(r.dimensionTable()).equals(table)) {
                    keys.add(c.dstColName().toLowerCase(Locale.ROOT));
                }
            }
        }
        return model.table(table).map(t -> t.columns().stream()
                .allMatch(c -> keys.contains(c.columnName().toLowerCase(Locale.ROOT))
                        || SOFT_DELETE.contains(c.columnName().toLowerCase(Locale.ROOT)))).orElse(false);
    }

    private static String table(SemanticModel model, String key) {
        return model.table(key).map(SemanticModel.Table::tableName).orElse(key);
    }

    private static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }
}
