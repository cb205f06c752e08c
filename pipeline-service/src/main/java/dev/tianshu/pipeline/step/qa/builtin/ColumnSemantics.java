package dev.tianshu.pipeline.step.qa.builtin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tianshu.pipeline.model.ColumnInfo;

/**
 * A column with the meaning the generator gives it.
 *
 * @param label the column comment's short form (up to the first punctuation), or the column name without a comment
 * @param enumValues the verified values of an enum column, most frequent first (empty otherwise)
 * @param samples example values from the documentation (may be empty)
 */
public record ColumnSemantics(ColumnInfo column, ColumnRole role, String label, MeasureKind measureKind,
        List<String> enumValues, List<String> samples) {

    private static final Set<String> NUMERIC = Set.of("smallint", "integer", "int", "int2", "int4", "int8",
            "bigint", "numeric", "decimal", "real", "double precision", "float", "float4", "float8", "money",
            "serial", "bigserial", "smallserial", "serial4", "serial8");
    private static final Set<String> TEXT = Set.of("varchar", "character varying", "char", "character", "bpchar",
            "text", "citext", "name");

    public String name() {
        return column.name();
    }

    /** The type without length, precision or array brackets, lower-case ({@code varchar(32)} → varchar). */
    public String baseType() {
        return baseType(column.dataType());
    }

    static String baseType(String dataType) {
        String t = dataType == null ? "" : dataType.toLowerCase(Locale.ROOT).strip();
        t = t.replaceAll("\\(.*?\\)", "").replaceAll("\\s+", " ").strip();
        if (t.startsWith("pg_catalog.")) {
            t = t.substring("pg_catalog.".length());
        }
        return t;
    }

    public boolean isArray() {
        return column.dataType() != null && column.dataType().strip().endsWith("]");
    }

    public boolean isNumeric() {
        return !isArray() && NUMERIC.contains(baseType());
    }

    public boolean isText() {
        return !isArray() && TEXT.contains(baseType());
    }

    public boolean isBoolean() {
        return !isArray() && (baseType().equals("boolean") || baseType().equals("bool"));
    }

    /** A calendar date (as opposed to a timestamp). */
    public boolean isDate() {
        return !isArray() && baseType().equals("date");
    }

    public boolean isTemporal() {
        String t = baseType();
        return !isArray() && (t.equals("date") || t.startsWith("timestamp"));
    }

    /**
     * The value as an SQL literal of this column's type, or null when it is not one (a numeric column's value that
     * is not a number, an empty value).
     */
    public String literal(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (isNumeric()) {
            try {
                return new BigDecimal(value.strip()).toPlainString();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (isBoolean()) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            return Set.of("t", "true", "1", "y", "yes").contains(v) ? "true"
                    : Set.of("f", "false", "0", "n", "no").contains(v) ? "false" : null;
        }
        return SqlText.string(value);
    }

    /** The values a question may filter on: enum values first, then examples. */
    public List<String> filterValues() {
        List<String> values = new ArrayList<>();
        for (String v : enumValues) {
            if (literal(v) != null && !values.contains(v)) {
                values.add(v);
            }
        }
        for (String v : samples) {
            if (literal(v) != null && !values.contains(v)) {
                values.add(v);
            }
        }
        return values;
    }

    /**
     * How questions speak of the things this column tells apart: the label without a trailing 名称/名字/姓名
     * ("服务区名称" → "服务区", "车辆类型" stays).
     */
    public String noun() {
        String l = label;
        for (String suffix : List.of("名称", "名字", "姓名", "全称", "简称")) {
            if (l.endsWith(suffix) && l.length() > suffix.length() + 1) {
                return l.substring(0, l.length() - suffix.length());
            }
        }
        return l;
    }
}
