package dev.tianshu.pipeline.step.ddl;

import java.util.Set;
import java.util.regex.Pattern;

import dev.tianshu.pipeline.model.TableRef;

/**
 * Writes identifiers the way a person writes DDL: bare where PostgreSQL reads them back unchanged, double-quoted
 * where they hold upper case or other characters, or are keywords that cannot name a table or column.
 */
public final class SqlIdentifiers {

    private static final Pattern PLAIN = Pattern.compile("^[a-z_][a-z0-9_$]*$");

    /** PostgreSQL's reserved keywords and those that cannot be a column or table name (pg_get_keywords R and T). */
    static final Set<String> KEYWORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    private SqlIdentifiers() {
    }

    public static boolean needsQuoting(String identifier) {
        return !PLAIN.matcher(identifier).matches() || KEYWORDS.contains(identifier);
    }

    /** The identifier, double-quoted only when it must be. */
    public static String identifier(String identifier) {
        return needsQuoting(identifier) ? TableRef.quote(identifier) : identifier;
    }

    /** {@code schema.table}, each part quoted only when it must be. */
    public static String table(TableRef ref) {
        return identifier(ref.schema()) + "." + identifier(ref.name());
    }
}
