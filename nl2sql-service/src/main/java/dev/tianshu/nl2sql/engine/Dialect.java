package dev.tianshu.nl2sql.engine;

import java.util.Locale;

/**
 * How SQL is spelled for each database type of the model: identifier quoting, aggregate and date functions. Literals
 * of dates and timestamps are plain strings, which all four compare against date and timestamp columns.
 */
public enum Dialect {
    MYSQL('`'),
    CLICKHOUSE('`'),
    IMPALA('`'),
    POSTGRESQL('"');

    private final char quote;

    Dialect(char quote) {
        this.quote = quote;
    }

    public static Dialect of(String type) {
        return valueOf(type.toUpperCase(Locale.ROOT));
    }

    public String quote(String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /** The aggregate of {@code expression} for a model aggregation (SUM, AVERAGE, …, COUNT_DISTINCT). */
    public String aggregate(String aggregation, String expression) {
        return switch (aggregation) {
            case "SUM" -> "SUM(" + expression + ")";
            case "AVERAGE" -> "AVG(" + expression + ")";
            case "MIN" -> "MIN(" + expression + ")";
            case "MAX" -> "MAX(" + expression + ")";
            case "COUNT" -> "COUNT(" + expression + ")";
            case "COUNT_DISTINCT" -> "COUNT(DISTINCT " + expression + ")";
            case "VARIANCE" -> switch (this) {
                case CLICKHOUSE -> "varSamp(" + expression + ")";
                case MYSQL -> "VAR_SAMP(" + expression + ")";
                default -> "VARIANCE(" + expression + ")";
            };
            case "STD_DEVIATION" -> switch (this) {
                case CLICKHOUSE -> "stddevSamp(" + expression + ")";
                case MYSQL -> "STDDEV_SAMP(" + expression + ")";
                default -> "STDDEV(" + expression + ")";
            };
            default -> expression;
        };
    }

    /** The first day of the month (or year, day) of a date/timestamp expression, for grouping by period. */
    public String truncate(String unit, String expression) {
        return switch (this) {
            case MYSQL -> switch (unit) {
                case "year" -> "DATE_FORMAT(" + expression + ", '%Y')";
                case "month" -> "DATE_FORMAT(" + expression + ", '%Y-%m')";
                default -> "DATE(" + expression + ")";
            };
            case CLICKHOUSE -> switch (unit) {
                case "year" -> "toStartOfYear(" + expression + ")";
                case "month" -> "toStartOfMonth(" + expression + ")";
                default -> "toDate(" + expression + ")";
            };
            case IMPALA -> switch (unit) {
                case "year" -> "TRUNC(" + expression + ", 'YYYY')";
                case "month" -> "TRUNC(" + expression + ", 'MM')";
                default -> "TRUNC(" + expression + ", 'DD')";
            };
            case POSTGRESQL -> "DATE_TRUNC('" + unit + "', " + expression + ")";
        };
    }

    /** A string literal. */
    public String literal(String value) {
        String escaped = value.replace("'", "''");
        if (this != POSTGRESQL) {
            escaped = escaped.replace("\\", "\\\\");
        }
        return "'" + escaped + "'";
    }
}
