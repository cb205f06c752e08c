package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableRef;

/**
 * A table as the built-in generator sees it: its label and the entity its rows are, its classified columns, its
 * main business date, its measures in order of importance, its soft-delete marker and its links to other tables.
 */
public final class TableSemantics {

    /** Last parts of table names whose rows are not the thing their name column names (a mapping, a log, ...). */
    private static final Set<String> NOT_AN_ENTITY = Set.of("mapper", "mapping", "map", "link", "links", "rel",
            "relation", "relations", "log", "logs", "history", "detail", "details", "data", "count", "counts", "stat",
            "stats", "record", "records", "item", "items", "line", "lines", "day", "daily", "fact");

    private final TableDoc doc;
    private final String label;
    private final List<ColumnSemantics> columns;
    private final ColumnSemantics nameColumn;
    private final boolean namedEntity;
    private final String entity;
    private final List<ForeignLink> parents = new ArrayList<>();
    private String alias;

    private TableSemantics(TableDoc doc, String label, List<ColumnSemantics> columns) {
        this.doc = doc;
        this.label = label;
        this.columns = columns;
        this.nameColumn = findNameColumn();
        this.namedEntity = nameColumn != null && nameColumnNamesTheRows();
        this.entity = namedEntity ? nameColumn.noun() : TableLabels.compact(label);
        this.alias = "t";
    }

    /** Classifies every column of {@code doc}. */
    public static TableSemantics of(TableDoc doc, String label) {
        List<ColumnSemantics> columns = new ArrayList<>();
        Map<String, List<String>> enums = doc.table().enums() == null ? Map.of() : doc.table().enums();
        String lastPart = last(doc.table().ref().name());
        for (ColumnInfo c : doc.table().columns()) {
            String comment = doc.columnComment(c.name());
            if (comment.isBlank() && c.comment() != null) {
                comment = c.comment();
            }
            List<String> enumValues = enums.getOrDefault(c.name(), List.of());
            ColumnRole role = ColumnClassifier.classify(c, comment, enumValues);
            boolean text = ColumnSemantics.baseType(c.dataType()).matches("varchar|character varying|text|char|bpchar");
            if ((role == ColumnRole.CATEGORY || role == ColumnRole.CODE || role == ColumnRole.OTHER) && text
                    && c.name().equalsIgnoreCase(lastPart)) {
                role = ColumnRole.NAME;
            }
            MeasureKind kind = role == ColumnRole.MEASURE ? ColumnClassifier.measureKind(c, comment)
                    : MeasureKind.OTHER;
            columns.add(new ColumnSemantics(c, role, shortLabel(comment, c.name()), kind, enumValues,
                    samples(doc, c.name())));
        }
        return new TableSemantics(doc, label, List.copyOf(columns));
    }

    public TableDoc doc() {
        return doc;
    }

    public TableRef ref() {
        return doc.table().ref();
    }

    /** The table as generated SQL names it. */
    public String sqlName() {
        return SqlText.table(ref());
    }

    /** The table's short Chinese name, e.g. "服务区每日经营数据". */
    public String label() {
        return label;
    }

    /** What one row is, e.g. "服务区" (from the name column) or "服务区映射" (from the label). */
    public String entity() {
        return entity;
    }

    /** Whether rows are things with names ("个服务区") rather than records ("条…记录"). */
    public boolean namedEntity() {
        return namedEntity;
    }

    /** "服务区数量" or "服务区映射记录数". */
    public String countLabel() {
        return namedEntity ? entity + "数量" : entity + "记录数";
    }

    /** "个服务区" or "条服务区映射记录". */
    public String countPhrase() {
        return namedEntity ? "个" + entity : "条" + entity + "记录";
    }

    /** The alias of this table in generated joins (unique in the schema). */
    public String alias() {
        return alias;
    }

    void alias(String alias) {
        this.alias = alias;
    }

    public List<ColumnSemantics> columns() {
        return columns;
    }

    public List<ColumnSemantics> columns(ColumnRole role) {
        return columns.stream().filter(c -> c.role() == role).toList();
    }

    /** The column naming a row, or null. */
    public ColumnSemantics nameColumn() {
        return nameColumn;
    }

    /** Measures, totals and amounts first. */
    public List<ColumnSemantics> measures() {
        List<ColumnSemantics> m = new ArrayList<>(columns(ColumnRole.MEASURE));
        m.sort(Comparator.comparingInt(TableSemantics::measureRank));
        return m;
    }

    /** The first counting measure (orders, quantities), or null. */
    public ColumnSemantics countMeasure() {
        return measures().stream().filter(c -> c.measureKind() == MeasureKind.COUNT).findFirst().orElse(null);
    }

    /** The first money measure, or null. */
    public ColumnSemantics amountMeasure() {
        return measures().stream().filter(c -> c.measureKind() == MeasureKind.AMOUNT).findFirst().orElse(null);
    }

    /**
     * The business date questions filter and group on, or null: a date column named or commented as such first.
     * A table with measures but no business date falls back to its creation time (orders.created_at is when the
     * order was placed); tables without measures never do.
     */
    public ColumnSemantics primaryDate() {
        List<ColumnSemantics> dates = columns(ColumnRole.BUSINESS_DATE);
        if (dates.isEmpty()) {
            return columns(ColumnRole.MEASURE).isEmpty() ? null : createdDate();
        }
        return dates.stream().filter(c -> c.isDate() || c.name().toLowerCase(Locale.ROOT).matches(".*(date|day|dt).*")
                || c.label().contains("日期")).findFirst().orElse(dates.get(0));
    }

    /** When a row was created (an audit column), or null; used only for "新增" questions. */
    public ColumnSemantics createdDate() {
        return columns(ColumnRole.AUDIT_DATE).stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).matches(".*(creat|insert).*")
                        || c.label().contains("创建"))
                .findFirst().orElse(null);
    }

    /** Enum columns with at least two values. */
    public List<ColumnSemantics> enums() {
        return columns(ColumnRole.CATEGORY).stream().filter(c -> c.enumValues().size() >= 2).toList();
    }

    /**
     * Columns to group by, most telling first: names, then categories (enums first), then booleans. Codes only when
     * there is nothing else.
     */
    public List<ColumnSemantics> dimensions() {
        List<ColumnSemantics> d = new ArrayList<>(columns(ColumnRole.NAME));
        d.addAll(enums());
        columns(ColumnRole.CATEGORY).stream().filter(c -> !d.contains(c)).forEach(d::add);
        d.addAll(columns(ColumnRole.BOOLEAN));
        if (d.isEmpty()) {
            d.addAll(columns(ColumnRole.CODE));
        }
        return d;
    }

    /** The first code column (编码), or null. */
    public ColumnSemantics codeColumn() {
        List<ColumnSemantics> codes = columns(ColumnRole.CODE);
        return codes.isEmpty() ? null : codes.get(0);
    }

    public List<ForeignLink> parents() {
        return parents;
    }

    void addParent(ForeignLink link) {
        parents.add(link);
    }

    /** A table with measures and a business date: the facts questions aggregate. */
    public boolean isFact() {
        return !columns(ColumnRole.MEASURE).isEmpty() && primaryDate() != null;
    }

    /**
     * A table of events without measures (a rental, a visit): a business date and something to group by. Questions
     * count its rows the way fact questions add up measures.
     */
    public boolean isEvent() {
        return columns(ColumnRole.MEASURE).isEmpty() && primaryDate() != null && !isBridge()
                && (!parents.isEmpty() || !dimensions().isEmpty());
    }

    /** A fact or an event table: one that questions aggregate over time. */
    public boolean isTimeSeries() {
        return isFact() || isEvent();
    }

    /** A table that only links two or more other tables (no names, categories, measures or dates of its own). */
    public boolean isBridge() {
        return parents.size() >= 2 && columns.stream().noneMatch(c -> c.role() == ColumnRole.MEASURE
                || c.role() == ColumnRole.NAME || c.role() == ColumnRole.CATEGORY || c.role() == ColumnRole.CODE
                || c.role() == ColumnRole.BUSINESS_DATE);
    }

    /** The conditions that keep logically deleted rows out, for this table under {@code alias} (null: none). */
    public List<String> activeRows(String alias) {
        List<ColumnSemantics> markers = columns(ColumnRole.SOFT_DELETE);
        if (markers.isEmpty()) {
            return List.of();
        }
        ColumnSemantics m = markers.get(0);
        String ref = ref(alias, m);
        if (m.isTemporal()) {
            return List.of(ref + " IS NULL");
        }
        if (m.isBoolean()) {
            return List.of(ref + " = false");
        }
        return List.of(ref + (m.isNumeric() ? " = 0" : " = '0'"));
    }

    /** A column reference: {@code col} without an alias, {@code a.col} with one. */
    public String ref(String alias, ColumnSemantics column) {
        String name = SqlText.identifier(column.name());
        return alias == null ? name : alias + "." + name;
    }

    public ColumnSemantics column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private ColumnSemantics findNameColumn() {
        List<ColumnSemantics> names = columns(ColumnRole.NAME);
        if (names.isEmpty()) {
            return null;
        }
        List<String> tableParts = parts(ref().name());
        return names.stream().filter(c -> {
            List<String> p = prefixParts(c.name());
            return !p.isEmpty() && tableParts.containsAll(p);
        }).findFirst().orElse(names.get(0));
    }

    private boolean nameColumnNamesTheRows() {
        List<String> tableParts = parts(ref().name());
        if (NOT_AN_ENTITY.contains(tableParts.get(tableParts.size() - 1))) {
            return false;
        }
        if (!containsCjk(nameColumn.label())) {
            return false;
        }
        if (nameColumn.noun().equals(label)) {
            return true;
        }
        // emp_name of employee, service_area_name of bss_service_area
        List<String> p = prefixParts(nameColumn.name());
        return p.isEmpty() || p.stream().allMatch(part -> tableParts.stream().anyMatch(tp -> tp.startsWith(part)));
    }

    private static int measureRank(ColumnSemantics c) {
        boolean total = c.label().contains("总") || c.label().contains("合计")
                || parts(c.name()).stream().anyMatch(p -> p.equals("sum") || p.equals("total"));
        int kind = c.measureKind() == MeasureKind.AMOUNT ? 0 : c.measureKind() == MeasureKind.COUNT ? 1 : 2;
        return (total ? 0 : 3) + kind;
    }

    /** The comment up to its first punctuation; the column name when there is no comment. */
    static String shortLabel(String comment, String columnName) {
        String c = comment == null ? "" : comment.strip();
        int cut = c.length();
        for (String stop : List.of("，", ",", "。", ";", "；", "（", "(", "：", ":", "、", "[")) {
            int i = c.indexOf(stop);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        String s = c.substring(0, cut).strip();
        return s.isEmpty() ? columnName : s;
    }

    private static List<String> samples(TableDoc doc, String column) {
        List<String> values = new ArrayList<>();
        if (doc.table().samples() == null) {
            return values;
        }
        for (Map<String, String> row : doc.table().samples()) {
            String v = row.get(column);
            if (v != null && !v.isBlank() && !values.contains(v)) {
                values.add(v);
            }
        }
        return values;
    }

    static boolean containsCjk(String s) {
        return s != null
                && s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    static List<String> parts(String name) {
        return Arrays.asList(name.toLowerCase(Locale.ROOT).split("_+"));
    }

    private static String last(String name) {
        List<String> p = parts(name);
        return p.get(p.size() - 1);
    }

    /** {@code service_area_name} → [service, area]; {@code name} → []. */
    private static List<String> prefixParts(String columnName) {
        List<String> p = new ArrayList<>(parts(columnName));
        if (!p.isEmpty() && (p.get(p.size() - 1).equals("name") || p.get(p.size() - 1).equals("title"))) {
            p.remove(p.size() - 1);
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSemantics t && t.ref().equals(ref());
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref());
    }

    @Override
    public String toString() {
        return ref().qualified();
    }
}
