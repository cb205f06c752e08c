package dev.tianshu.pipeline.step.qa.builtin;

/** Conditions and groupings on a date or timestamp column, relative to CURRENT_DATE. */
final class Periods {

    private Periods() {
    }

    /** "最近n天": {@code d >= CURRENT_DATE - n} (an interval for timestamps). */
    static String lastDays(ColumnSemantics date, String ref, int days) {
        return date.isDate() ? ref + " >= CURRENT_DATE - " + days
                : ref + " >= CURRENT_DATE - INTERVAL '" + days + " days'";
    }

    /** "本月" (to date). */
    static String thisMonth(String ref) {
        return ref + " >= date_trunc('month', CURRENT_DATE)";
    }

    /** "上个月". */
    static String lastMonth(String ref) {
        return ref + " >= date_trunc('month', CURRENT_DATE) - INTERVAL '1 month' AND " + ref
                + " < date_trunc('month', CURRENT_DATE)";
    }

    /** The month before last. */
    static String monthBeforeLast(String ref) {
        return ref + " >= date_trunc('month', CURRENT_DATE) - INTERVAL '2 months' AND " + ref
                + " < date_trunc('month', CURRENT_DATE) - INTERVAL '1 month'";
    }

    /** "最近12个月": this month and the eleven before it. */
    static String last12Months(String ref) {
        return ref + " >= date_trunc('month', CURRENT_DATE) - INTERVAL '11 months'";
    }

    /** The same days of this month one year ago ("去年同期" of "本月至今"). */
    static String thisMonthLastYear(String ref) {
        return ref + " >= date_trunc('month', CURRENT_DATE) - INTERVAL '1 year' AND " + ref
                + " < CURRENT_DATE + 1 - INTERVAL '1 year'";
    }

    /** "昨天". */
    static String yesterday(ColumnSemantics date, String ref) {
        return date.isDate() ? ref + " = CURRENT_DATE - 1"
                : ref + " >= CURRENT_DATE - 1 AND " + ref + " < CURRENT_DATE";
    }

    /** The day of a row: the column itself for dates, {@code d::date} for timestamps. */
    static String day(ColumnSemantics date, String ref) {
        return date.isDate() ? ref : ref + "::date";
    }

    static String month(String ref) {
        return "to_char(" + ref + ", 'YYYY-MM')";
    }

    static String year(String ref) {
        return "to_char(" + ref + ", 'YYYY')";
    }
}
