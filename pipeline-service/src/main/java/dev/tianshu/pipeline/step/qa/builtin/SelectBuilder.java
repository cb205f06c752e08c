package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one SELECT on one line, ending with ';'. Every select item gets an alias; when the query aggregates, every
 * non-aggregated item is grouped by (unless a grouping is given); every table added with {@link #from} or
 * {@link #join} brings its soft-delete condition into the WHERE clause.
 */
public final class SelectBuilder {

    private record Item(String expression, String alias, boolean aggregate) {
    }

    private final List<Item> items = new ArrayList<>();
    private final Set<String> aliases = new HashSet<>();
    private final StringBuilder from = new StringBuilder();
    private final Set<String> where = new LinkedHashSet<>();
    private final List<String> groupBy = new ArrayList<>();
    private final List<String> orderBy = new ArrayList<>();
    private String having;
    private Integer limit;

    private SelectBuilder() {
    }

    /** FROM {@code table} [alias], keeping only rows that are not logically deleted. */
    public static SelectBuilder from(TableSemantics table, String alias) {
        SelectBuilder b = new SelectBuilder();
        b.from.append(table.sqlName());
        if (alias != null) {
            b.from.append(' ').append(alias);
        }
        b.where.addAll(table.activeRows(alias));
        return b;
    }

    /** [INNER] JOIN {@code table alias} ON {@code on}, keeping only rows of it that are not logically deleted. */
    public SelectBuilder join(TableSemantics table, String alias, String on) {
        from.append(" JOIN ").append(table.sqlName()).append(' ').append(alias).append(" ON ").append(on);
        where.addAll(table.activeRows(alias));
        return this;
    }

    /** A grouped (or plain) item; answers its alias as written in SQL, for ORDER BY. */
    public String column(String expression, String label) {
        return add(expression, label, false);
    }

    /** An aggregated item; answers its alias as written in SQL, for ORDER BY. */
    public String aggregate(String expression, String label) {
        return add(expression, label, true);
    }

    public SelectBuilder where(String condition) {
        if (condition != null && !condition.isBlank()) {
            where.add(condition);
        }
        return this;
    }

    /** Replaces the automatic grouping (every non-aggregated item). */
    public SelectBuilder groupBy(String expression) {
        groupBy.add(expression);
        return this;
    }

    public SelectBuilder having(String condition) {
        this.having = condition;
        return this;
    }

    public SelectBuilder orderBy(String expression) {
        orderBy.add(expression);
        return this;
    }

    public SelectBuilder limit(int n) {
        this.limit = n;
        return this;
    }

    public String build() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            sql.append(i == 0 ? "" : ", ").append(item.expression()).append(" AS ").append(item.alias());
        }
        sql.append(" FROM ").append(from);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        List<String> grouping = new ArrayList<>(groupBy);
        boolean aggregates = items.stream().anyMatch(Item::aggregate);
        if (grouping.isEmpty() && aggregates) {
            items.stream().filter(i -> !i.aggregate()).map(Item::expression).distinct().forEach(grouping::add);
        }
        if (!grouping.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", grouping));
        }
        if (having != null) {
            sql.append(" HAVING ").append(having);
        }
        if (!orderBy.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", orderBy));
        }
        if (limit != null) {
            sql.append(" LIMIT ").append(limit);
        }
        return sql.append(';').toString();
    }

    private String add(String expression, String label, boolean aggregate) {
        String base = label == null || label.isBlank() ? "值" : label.strip();
        String alias = SqlText.alias(base);
        for (int i = 2; aliases.contains(alias); i++) {
            alias = SqlText.alias(base + i);
        }
        aliases.add(alias);
        items.add(new Item(expression, alias, aggregate));
        return alias;
    }
}
