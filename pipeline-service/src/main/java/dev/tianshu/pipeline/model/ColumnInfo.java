package dev.tianshu.pipeline.model;

/**
 * One column as the catalog describes it.
 *
 * @param dataType the type as PostgreSQL's format_type writes it, shortened the way the original's files write it
 *        (varchar(32), numeric(19,4), timestamp, integer, text, ...)
 * @param defaultValue the column default as an SQL expression, or null (sequence defaults are null)
 * @param comment the existing comment in the catalog, or null
 * @param foreignKey where this column points to, or null
 */
public record ColumnInfo(
        int position,
        String name,
        String dataType,
        boolean nullable,
        String defaultValue,
        String comment,
        boolean primaryKey,
        ForeignKeyRef foreignKey) {

    public boolean isForeignKey() {
        return foreignKey != null;
    }
}
