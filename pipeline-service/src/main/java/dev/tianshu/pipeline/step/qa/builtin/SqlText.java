package dev.tianshu.pipeline.step.qa.builtin;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tianshu.pipeline.model.TableRef;

/** How names and values are written into generated PostgreSQL: identifiers, column aliases, literals. */
public final class SqlText {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Unquoted aliases: lower-case letters, digits, '_' and CJK ideographs, not starting with a digit. */
    private static final Pattern PLAIN_ALIAS = Pattern.compile("[\\p{IsHan}a-z_][\\p{IsHan}a-z0-9_]*");

    /** PostgreSQL's reserved key words (and those reserved as names of columns or tables). */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user",
            "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with",
            // not reserved in PostgreSQL, but words SQL parsers in front of it choke on as bare names
            "value", "values", "top", "key", "year", "month", "day", "hour", "minute", "second", "interval",
            "date", "time", "timestamp", "level", "position", "rank", "row", "rows", "type", "comment", "name");

    private SqlText() {
    }

    /** A column or table name, quoted only when it must be. */
    public static String identifier(String name) {
        return PLAIN_IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name) ? name : TableRef.quote(name);
    }

    /** A table as generated SQL names it: {@code t} for public tables, {@code s.t} otherwise. */
    public static String table(TableRef ref) {
        return ref.schema().equals("public") ? identifier(ref.name())
                : identifier(ref.schema()) + "." + identifier(ref.name());
    }

    /**
     * A column alias: written bare when it consists of lower-case letters, digits, '_' and CJK ideographs only (e.g.
     * {@code 总营收}), otherwise in double quotes (e.g. {@code "服务区ID"}, {@code "金额(元)"}).
     */
    public static String alias(String label) {
        String a = label == null || label.isBlank() ? "值" : label.strip();
        return PLAIN_ALIAS.matcher(a).matches() && !RESERVED.contains(a.toLowerCase(Locale.ROOT)) ? a
                : TableRef.quote(a);
    }

    /** A string literal with quotes doubled. */
    public static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
