package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Finds the enum columns of a table: picks candidates from the column's type, name and sample values, then counts
 * each candidate's distinct values with a GROUP BY; a column is an enum when it has between one and
 * {@code maxDistinct} distinct non-blank values. Values come back by descending frequency.
 */
public class EnumDetector {

    /** A column with what its type is underneath (domains resolved to their base type). */
    public record TypedColumn(ColumnInfo column, String baseType, boolean enumType) {
    }

    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "char", "name", "citext");
    private static final Set<String> INTEGER_TYPES = Set.of("int2", "int4");
    private static final Set<String> CATEGORY_WORDS = Set.of("type", "types", "status", "state", "kind", "category",
            "categories", "level", "class", "classify", "classification", "flag", "gender", "sex", "source", "mode",
            "grade", "rating", "priority", "direction", "channel", "method", "stage", "phase", "tier", "role",
            "color", "colour", "currency", "unit", "season", "weekday", "tag", "label", "group", "enabled", "active");
    private static final Set<String> FREE_TEXT_WORDS = Set.of("name", "title", "description", "desc", "remark",
            "remarks", "note", "notes", "comment", "comments", "content", "text", "address", "email", "mail", "phone",
            "mobile", "tel", "fax", "url", "uri", "link", "path", "password", "pwd", "token", "position", "location",
            "message", "msg", "memo", "summary", "detail", "details", "abstract", "body", "keyword", "keywords",
            "hash", "salt", "picture", "photo", "image", "avatar", "ip");
    private static final Set<String> BOOLEAN_PREFIXES = Set.of("is", "has", "can", "allow", "enable", "need");
    /** Sample values longer than this are free text. */
    private static final int SHORT_VALUE = 40;

    /** The candidate columns, in column order. */
    public List<String> candidates(List<TypedColumn> columns, List<Map<String, String>> samples) {
        List<String> names = new ArrayList<>();
        for (TypedColumn typed : columns) {
            if (isCandidate(typed, samples)) {
                names.add(typed.column().name());
            }
        }
        return names;
    }

    static boolean isCandidate(TypedColumn typed, List<Map<String, String>> samples) {
        ColumnInfo column = typed.column();
        String base = typed.baseType() == null ? "" : typed.baseType();
        if (column.primaryKey() || column.isForeignKey()) {
            return false;
        }
        List<String> tokens = NamingDictionary.tokens(column.name());
        if (isIdLike(tokens) || isAuditActor(tokens) || tokens.stream().anyMatch(FREE_TEXT_WORDS::contains)) {
            return false;
        }
        boolean categoryName = tokens.stream().anyMatch(CATEGORY_WORDS::contains)
                || (tokens.size() > 1 && BOOLEAN_PREFIXES.contains(tokens.get(0)));
        if (typed.enumType() || base.equals("bool")) {
            return true;
        }
        if (INTEGER_TYPES.contains(base)) {
            return categoryName;
        }
        if (TEXT_TYPES.contains(base)) {
            return categoryName || looksCategorical(column.name(), samples);
        }
        return false;
    }

    private static boolean isIdLike(List<String> tokens) {
        if (tokens.isEmpty()) {
            return true;
        }
        String last = tokens.get(tokens.size() - 1);
        return last.equals("id") || last.equals("uuid") || last.equals("guid") || last.equals("key")
                || last.equals("ids");
    }

    private static boolean isAuditActor(List<String> tokens) {
        String last = tokens.get(tokens.size() - 1);
        return last.equals("by") || last.equals("creator") || last.equals("operator") || last.equals("modifier")
                || last.equals("updater");
    }

    /** Repeated, short sample values: a category rather than free text or an identifier. */
    static boolean looksCategorical(String column, List<Map<String, String>> samples) {
        List<String> values = samples.stream().map(r -> r.get(column)).filter(Objects::nonNull)
                .filter(v -> !v.isBlank()).toList();
        if (values.size() < 2) {
            return false;
        }
        if (values.stream().anyMatch(v -> v.length() > SHORT_VALUE)) {
            return false;
        }
        Set<String> distinct = new HashSet<>(values);
        return distinct.size() < values.size() && distinct.size() * 2 <= values.size() + 1;
    }

    /** Counts each candidate's values (concurrently); a failing count (e.g. a timeout) just means "not an enum". */
    public Uni<Map<String, List<String>>> verify(Pool pool, TableRef table, List<String> candidates, int maxDistinct) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<List<String>>> counts = new ArrayList<>();
        for (String column : candidates) {
            counts.add(distinctValues(pool, table, column, maxDistinct));
        }
        return Uni.join().all(counts).andFailFast().map(results -> {
            Map<String, List<String>> enums = new LinkedHashMap<>();
            for (int i = 0; i < candidates.size(); i++) {
                List<String> values = results.get(i);
                if (!values.isEmpty() && values.size() <= maxDistinct) {
                    enums.put(candidates.get(i), values);
                }
            }
            return enums;
        });
    }

    private static Uni<List<String>> distinctValues(Pool pool, TableRef table, String column, int maxDistinct) {
        String col = TableRef.quote(column);
        String sql = String.format(Locale.ROOT,
                "SELECT %s::text, count(*) FROM %s WHERE %s IS NOT NULL AND %s::text <> '' "
                        + "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT %d",
                col, table.quoted(), col, col, maxDistinct + 1);
        return pool.query(sql).execute()
                .map(rows -> {
                    List<String> values = new ArrayList<>();
                    for (Row row : rows) {
                        values.add(row.getString(0));
                    }
                    return values;
                })
                .onFailure().recoverWithItem(List.of());
    }
}
