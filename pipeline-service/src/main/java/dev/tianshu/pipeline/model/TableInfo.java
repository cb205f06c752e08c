package dev.tianshu.pipeline.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What step 1 learns about one table from the live catalog and its data.
 *
 * @param comment the table's existing comment, or null
 * @param primaryKey the primary-key columns in key order (empty when there is none)
 * @param rowCount exact for tables up to the large-table threshold, else the planner's estimate
 * @param sizePretty pg_size_pretty of the total relation size
 * @param samples up to 20 rows, each column → its value as PostgreSQL's text output (null for SQL NULL), in column
 *        order
 * @param enums verified enum columns (at most 20 distinct values, checked with GROUP BY) → their values by
 *        descending frequency
 */
public record TableInfo(
        TableRef ref,
        String comment,
        List<ColumnInfo> columns,
        List<String> primaryKey,
        List<ForeignKeyRef> foreignKeys,
        long rowCount,
        String sizePretty,
        List<Map<String, String>> samples,
        Map<String, List<String>> enums) {

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
