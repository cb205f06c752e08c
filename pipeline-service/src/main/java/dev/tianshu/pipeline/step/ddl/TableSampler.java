package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Reads sample rows of a table, every value as PostgreSQL's text output ({@code col::text}) cut to
 * {@value #MAX_VALUE_LENGTH} characters. A small table gives its first rows (by primary key, else by physical position); a large one gives its first third, a
 * {@code TABLESAMPLE SYSTEM} sample of its middle and its last rows (by primary key, else by ctid), without
 * duplicates.
 */
public class TableSampler {

    /** Longer values are cut to this many characters. */
    public static final int MAX_VALUE_LENGTH = 200;

    /** How the large-table path sizes its TABLESAMPLE. */
    public record Extent(double rows, double pages) {
    }

    /**
     * @param large whether the table is above the large-table threshold
     * @param extent the planner's idea of the table's size (used only for a large table)
     */
    public Uni<List<Map<String, String>>> sample(Pool pool, TableRef table, List<ColumnInfo> columns,
            List<String> primaryKey, int limit, boolean large, Extent extent) {
        if (columns.isEmpty() || limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        String select = "SELECT " + columns.stream()
                .map(c -> "left(" + TableRef.quote(c.name()) + "::text, " + MAX_VALUE_LENGTH + ")")
                .collect(Collectors.joining(", ")) + " FROM " + table.quoted();
        // samples are read in a fixed order, so that running a task again writes the same files (and loads no
        // new training data): by primary key, else by physical position (for a large table only its first pages)
        String head = primaryKey.isEmpty()
                ? (large ? " WHERE ctid < '(64,0)'::tid" : "") + " ORDER BY ctid"
                : " ORDER BY " + primaryKey.stream().map(TableRef::quote).collect(Collectors.joining(", "));
        if (!large) {
            return rows(pool, select + head + " LIMIT " + limit, columns);
        }
        int first = limit / 3;
        int tail = limit / 3;
        int middle = limit - first - tail;
        String order = primaryKey.isEmpty() ? "ctid DESC"
                : primaryKey.stream().map(c -> TableRef.quote(c) + " DESC").collect(Collectors.joining(", "));
        String sampleClause = String.format(Locale.ROOT, " TABLESAMPLE SYSTEM (%.6f) REPEATABLE (0)",
                samplePercent(extent, middle));
        // the head query reads a full limit of rows: those after the first third make up for a short middle sample
        return Uni.combine().all().unis(
                rows(pool, select + head + " LIMIT " + limit, columns),
                rows(pool, select + sampleClause + " LIMIT " + middle, columns),
                rows(pool, select + " ORDER BY " + order + " LIMIT " + tail, columns))
                .with((firstRows, middleRows, lastRows) -> combine(firstRows, middleRows, lastRows, first, limit));
    }

    /** The percentage of pages that should hold twice the rows wanted, and at least three pages. */
    static double samplePercent(Extent extent, int wanted) {
        if (extent == null || extent.rows() <= 0 || extent.pages() <= 0) {
            return 1.0;
        }
        double byRows = 2.0 * wanted / extent.rows();
        double byPages = 3.0 / extent.pages();
        return Math.min(100.0, Math.max(0.000001, 100.0 * Math.max(byRows, byPages)));
    }

    static List<Map<String, String>> combine(List<Map<String, String>> firstRows, List<Map<String, String>> middleRows,
            List<Map<String, String>> lastRows, int head, int limit) {
        Set<Map<String, String>> picked = new LinkedHashSet<>();
        picked.addAll(firstRows.subList(0, Math.min(head, firstRows.size())));
        picked.addAll(middleRows);
        picked.addAll(lastRows);
        for (Map<String, String> spare : firstRows) {
            if (picked.size() >= limit) {
                break;
            }
            picked.add(spare);
        }
        List<Map<String, String>> result = new ArrayList<>(picked);
        return result.size() > limit ? List.copyOf(result.subList(0, limit)) : List.copyOf(result);
    }

    private static Uni<List<Map<String, String>>> rows(Pool pool, String sql, List<ColumnInfo> columns) {
        return pool.query(sql).execute().map(rowSet -> toMaps(rowSet, columns));
    }

    private static List<Map<String, String>> toMaps(RowSet<Row> rowSet, List<ColumnInfo> columns) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Row row : rowSet) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i).name(), row.getString(i));
            }
            rows.add(Collections.unmodifiableMap(values));
        }
        return rows;
    }
}
