package dev.tianshu.nl2sql.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The light semantic model a conversation is started with (seed 002's {@code model}): tables with display names,
 * columns with display name, type, default aggregation and sample values, and the star schema's relations. Always
 * the validated, normalised form (see {@link ModelValidator}).
 *
 * @param type the SQL dialect answers are written in: mysql, clickhouse, impala or postgresql
 */
public record SemanticModel(String type, String version, List<Table> tables, List<Relation> relations) {

    public record Table(String tableDisplayName, String tableName, List<Column> columns) {

        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.columnName().equalsIgnoreCase(name)).findFirst();
        }
    }

    /**
     * @param dataType boolean, int, bigint, double, string, timestamp, date or time
     * @param aggregation SUM, AVERAGE, MIN, MAX, COUNT, COUNT_DISTINCT, VARIANCE, STD_DEVIATION or NONE
     */
    public record Column(String columnDisplayName, String columnName, String dataType, String aggregation,
            List<String> samples) {

        public boolean numeric() {
            return dataType.equals("int") || dataType.equals("bigint") || dataType.equals("double");
        }

        public boolean temporal() {
            return dataType.equals("timestamp") || dataType.equals("date");
        }
    }

    /** {@code factTable} joins {@code dimensionTable} on every condition (fact column = dimension column). */
    public record Relation(List<Condition> conditions, String dimensionTable, String factTable, String joinType) {
    }

    public record Condition(String dstColName, String srcColName) {
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.tableName().equalsIgnoreCase(name)).findFirst();
    }

    public String dialect() {
        return type.toLowerCase(Locale.ROOT);
    }
}
