package dev.tianshu.nl2sql.engine;

import java.util.List;

/**
 * What a question was understood as: a small semantic query over the model that is read back to the user as the
 * normalised question and compiled to SQL for the model's dialect. Follow-up questions change one part of the
 * previous reading (its time, grouping, filters or limit).
 *
 * @param measures what is computed (an aggregation of a column, or the column's values when NONE)
 * @param dimensions what it is grouped by
 * @param filters conditions on columns (from sample values, comparisons)
 * @param time the time condition on a date/timestamp column, or null
 * @param order what the result is sorted by, or null (then by the first measure, as DataFocus does)
 * @param limit the number of rows (top-N), or null
 * @param absent related rows that must not exist ("没有关联任何服务区的路段", "stadiums without any concert")
 */
public record Reading(
        List<Measure> measures,
        List<Column> dimensions,
        List<Filter> filters,
        Time time,
        Order order,
        Integer limit,
        List<Absent> absent) {

    public Reading {
        absent = absent == null ? List.of() : List.copyOf(absent);   // readings stored before absences had none
    }

    public Reading(List<Measure> measures, List<Column> dimensions, List<Filter> filters, Time time, Order order,
            Integer limit) {
        this(measures, dimensions, filters, time, order, limit, List.of());
    }

    /**
     * A column of a model table; {@code column} "*" stands for the table's rows (in COUNT). A date/timestamp column
     * shown per period has a {@code grain}: day, week, month (month number when the time range lies in one year, else
     * year-month) or year.
     */
    public record Column(String table, String column, String label, String dataType, String grain) {

        public Column(String table, String column, String label, String dataType) {
            this(table, column, label, dataType, null);
        }

        public Column withGrain(String grain, String label) {
            return new Column(table, column, label, dataType, grain);
        }

        public boolean rows() {
            return "*".equals(column);
        }
    }

    /**
     * {@code aggregation} of {@code column}; COUNT of rows when {@code column} is null (or names a table's rows). A
     * ratio (share) when {@code denominator} is set: aggregation(column) / aggregation(denominator) * 100; when
     * {@code denominator} is {@code column} itself, each group's share of all groups. With {@code of} set, the share
     * of the rows passing that condition in the whole ("过境车辆占比": the 过境 rows' 车辆数 of all 车辆数, * 100); with
     * {@code over} set, of the rows passing that one ("restaurants rated above 4 to those rated below 4"). A
     * {@code fraction} is not multiplied by 100 ("the ratio of A to B"). A {@code change} is the rise of the
     * aggregate of the {@code of} rows over that of the {@code over} rows, in percent of the latter ("环比增长率":
     * this period against the one before).
     */
    public record Measure(Column column, String aggregation, String label, Column denominator, Filter of,
            Filter over, boolean fraction, boolean change) {

        public Measure(Column column, String aggregation, String label, Column denominator, Filter of,
                Filter over, boolean fraction) {
            this(column, aggregation, label, denominator, of, over, fraction, false);
        }

        public Measure(Column column, String aggregation, String label) {
            this(column, aggregation, label, null, null);
        }

        public Measure(Column column, String aggregation, String label, Column denominator) {
            this(column, aggregation, label, denominator, null);
        }

        public Measure(Column column, String aggregation, String label, Column denominator, Filter of) {
            this(column, aggregation, label, denominator, of, null, false);
        }

        /** The same measure with another aggregation and label. */
        public Measure with(String aggregation, String label) {
            return new Measure(column, aggregation, label, denominator, of, over, fraction, change);
        }
    }

    /**
     * {@code column op values}; op is =, <>, >, >=, <, <=, BETWEEN, IN or NOT IN; RANGE (two days: from, and up to
     * the second, not included); IS NULL or IS NOT NULL (no values);
     * =COL or <>COL (the values are another column of the same table: its name, then its label); LIKE (one pattern with % for
     * any text, matched regardless of case); DELETED (no values: the soft-delete column is set, the rows otherwise
     * left out); ALL (each group has rows with
     * every one of the values); or >, >=, <, <= followed by {@link #AVERAGE} (no values: against the column's
     * average). With {@code measure} set, the condition is
     * on that measure's aggregate (HAVING), not on the rows.
     */
    public record Filter(Column column, String op, List<String> values, Integer measure) {

        /** The suffix of an op (">AVG") comparing each row's value with the column's average over its table. */
        public static final String AVERAGE = "AVG";
        /** The suffix of an op ("<>COL") comparing the column with another of its table, named by the one value. */
        public static final String COLUMN = "COL";

        public Filter(Column column, String op, List<String> values) {
            this(column, op, values, null);
        }
    }

    /**
     * {@code column} within {@code range}, or, with {@code versus} ("2023年4月与2022年4月"), within any of the ranges
     * compared (each its own group: a dimension of grain "versus").
     */
    public record Time(Column column, TimeRange range, List<TimeRange> versus) {

        /** The grain of the dimension that says which of the times compared a row is in. */
        public static final String VERSUS = "versus";

        public Time {
            versus = versus == null ? List.of() : List.copyOf(versus);   // readings stored before comparisons had none
        }

        public Time(Column column, TimeRange range) {
            this(column, range, List.of());
        }

        /** Every range: the first, then those compared with it. */
        public List<TimeRange> ranges() {
            List<TimeRange> all = new java.util.ArrayList<>(List.of(range));
            all.addAll(versus);
            return all;
        }
    }

    /**
     * Sorted by the measure of that index (or, when negative, by the dimensions), or by {@code column} when set (a
     * column that may not be shown: "names of singers in ascending order of net worth"). With {@code within} > 0 the
     * ranking, and the reading's limit, are within each group of the first {@code within} dimensions ("各服务区营收最高
     * 的一天": each service area's best day).
     */
    public record Order(int measure, boolean descending, Column column, int within) {

        public Order(int measure, boolean descending) {
            this(measure, descending, null, 0);
        }

        public Order(int measure, boolean descending, Column column) {
            this(measure, descending, column, 0);
        }
    }

    /**
     * No row of {@code table}, joined to the row of the result along the model's relations, passes the filters and
     * the time range: NOT EXISTS. {@code label} is how the question named the table.
     */
    public record Absent(String table, String label, List<Filter> filters, Time time) {
    }
}
