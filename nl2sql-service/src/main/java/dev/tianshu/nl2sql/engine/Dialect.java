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

    /**
     * A date/timestamp expression per period, for grouping: day (the date), week (week of the year), month (month
     * number), year-month ("2023-04"), year.
     */
    public String period(String grain, String expression, String dataType) {
        return switch (grain) {
            case "day" -> "date".equals(dataType) ? expression : switch (this) {
                case MYSQL -> "DATE(" + expression + ")";
                case CLICKHOUSE -> "toDate(" + expression + ")";
                case IMPALA -> "TO_DATE(" + expression + ")";
                case POSTGRESQL -> "CAST(" + expression + " AS DATE)";
            };
            case "week" -> switch (this) {
                case MYSQL -> "WEEK(" + expression + ", 3)";
                case CLICKHOUSE -> "toISOWeek(" + expression + ")";
                case IMPALA -> "WEEKOFYEAR(" + expression + ")";
                case POSTGRESQL -> "EXTRACT(WEEK FROM " + expression + ")";
            };
            case "month" -> switch (this) {
                case MYSQL, IMPALA -> "MONTH(" + expression + ")";
                case CLICKHOUSE -> "toMonth(" + expression + ")";
                case POSTGRESQL -> "EXTRACT(MONTH FROM " + expression + ")";
            };
            case "year-month" -> switch (this) {
                case MYSQL -> "DATE_FORMAT(" + expression + ", '%Y-%m')";
                case CLICKHOUSE -> "formatDateTime(" + expression + ", '%Y-%m')";
                case IMPALA -> "FROM_TIMESTAMP(" + expression + ", 'yyyy-MM')";
                case POSTGRESQL -> "TO_CHAR(" + expression + ", 'YYYY-MM')";
            };
            default -> switch (this) {
                case MYSQL, IMPALA -> "YEAR(" + expression + ")";
                case CLICKHOUSE -> "toYear(" + expression + ")";
                case POSTGRESQL -> "EXTRACT(YEAR FROM " + expression + ")";
            };
        };
    }

    /**
     * {@code expression} matches a LIKE pattern regardless of case: ILIKE where the database has it, LIKE on MySQL
     * (whose usual collations already ignore case).
     */
    public String like(String expression, String pattern) {
        return expression + (this == MYSQL ? " LIKE " : " ILIKE ") + literal(pattern);
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
