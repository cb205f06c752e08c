package dev.tianshu.pipeline.step.qa.builtin;

/**
 * What fact questions add up: the sum of a measure column, or — for a table of events without measures — the
 * number of rows.
 *
 * @param column the measure, or null for the row count
 * @param total how questions and aliases name the total ("总支付金额", "租赁记录数")
 * @param base the total's name without "总"/"合计", to build "日均…", "本月至今…" ("支付金额", "租赁记录数")
 */
record Metric(ColumnSemantics column, String total, String base) {

    static Metric sumOf(ColumnSemantics measure) {
        return new Metric(measure, Wording.sum(measure), Wording.withoutTotal(measure.label()));
    }

    static Metric rowsOf(TableSemantics table) {
        String label = table.label().endsWith("记录") ? table.label() + "数" : table.label() + "记录数";
        return new Metric(null, label, label);
    }

    boolean isRowCount() {
        return column == null;
    }

    /** {@code SUM(a.x)} or {@code COUNT(*)}. */
    String aggregate(TableSemantics table, String alias) {
        return column == null ? "COUNT(*)" : "SUM(" + table.ref(alias, column) + ")";
    }

    /** The total over the rows meeting {@code condition}. */
    String aggregateWhen(TableSemantics table, String alias, String condition) {
        return column == null ? "COUNT(CASE WHEN " + condition + " THEN 1 END)"
                : "SUM(CASE WHEN " + condition + " THEN " + table.ref(alias, column) + " END)";
    }

    MeasureKind kind() {
        return column == null ? MeasureKind.COUNT : column.measureKind();
    }
}
