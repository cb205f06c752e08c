package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.model.SemanticModel.Column;
import dev.tianshu.nl2sql.model.SemanticModel.Condition;
import dev.tianshu.nl2sql.model.SemanticModel.Relation;
import dev.tianshu.nl2sql.model.SemanticModel.Table;

/** Readings compiled to SQL in each dialect: quoting, aggregates, joins along relations, time ranges, order, limit. */
class SqlWriterTest {

    static SemanticModel seed(String type) {
        return new SemanticModel(type, "8.0", List.of(new Table("test", "test", List.of(
                new Column("name", "name", "string", "NONE", List.of("张医师")),
                new Column("age", "age", "int", "SUM", List.of()),
                new Column("date", "date", "timestamp", "NONE", List.of())))), List.of());
    }

    static SemanticModel star(String type) {
        return new SemanticModel(type, "1", List.of(
                new Table("日营业数据", "business_day", List.of(
                        new Column("支付总额", "pay_sum", "double", "SUM", List.of()),
                        new Column("服务区编码", "service_no", "string", "NONE", List.of()),
                        new Column("统计日期", "oper_date", "date", "NONE", List.of()))),
                new Table("服务区", "service_area", List.of(
                        new Column("服务区编码", "service_area_no", "string", "NONE", List.of()),
                        new Column("服务区名称", "service_area_name", "string", "NONE", List.of()),
                        new Column("公司ID", "company_id", "string", "NONE", List.of()))),
                new Table("公司", "company", List.of(
                        new Column("公司ID", "id", "string", "NONE", List.of()),
                        new Column("公司名称", "company_name", "string", "NONE", List.of())))),
                List.of(new Relation(List.of(new Condition("service_area_no", "service_no")), "service_area",
                                "business_day", "LEFT JOIN"),
                        new Relation(List.of(new Condition("id", "company_id")), "company", "service_area",
                                "INNER JOIN")));
    }

    static final Reading.Column AGE = new Reading.Column("test", "age", "age", "int");
    static final Reading.Column DATE = new Reading.Column("test", "date", "date", "timestamp");

    @Test
    void theSeedsLastYearAgeInEveryDialect() {
        Reading r = new Reading(List.of(new Reading.Measure(AGE, "NONE", "age")), List.of(), List.of(),
                new Reading.Time(DATE, new TimeRange(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), "去年")),
                null, null);
        assertEquals("SELECT t1.`age` AS `age` FROM `test` t1 WHERE t1.`date` >= '2025-01-01 00:00:00' "
                + "AND t1.`date` < '2026-01-01 00:00:00' ORDER BY t1.`age`", SqlWriter.write(r, seed("mysql")));
        assertEquals("SELECT t1.\"age\" AS \"age\" FROM \"test\" t1 WHERE t1.\"date\" >= '2025-01-01 00:00:00' "
                + "AND t1.\"date\" < '2026-01-01 00:00:00' ORDER BY t1.\"age\"", SqlWriter.write(r, seed("postgresql")));
    }

    @Test
    void aggregatesJoinsOrderAndLimit() {
        Reading.Column pay = new Reading.Column("business_day", "pay_sum", "支付总额", "double");
        Reading.Column company = new Reading.Column("company", "company_name", "公司名称", "string");
        Reading.Column day = new Reading.Column("business_day", "oper_date", "统计日期", "date");
        Reading r = new Reading(List.of(new Reading.Measure(pay, "SUM", "支付总额的总和")), List.of(company),
                List.of(new Reading.Filter(company, "IN", List.of("宜春分公司", "上饶分公司"))),
                new Reading.Time(day, new TimeRange(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23), "最近7天")),
                new Reading.Order(0, true), 5);
        assertEquals("SELECT t3.`company_name` AS `公司名称`, SUM(t1.`pay_sum`) AS `支付总额的总和` "
                + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_no` = t2.`service_area_no` "
                + "INNER JOIN `company` t3 ON t2.`company_id` = t3.`id` "
                + "WHERE t3.`company_name` IN ('宜春分公司', '上饶分公司') AND t1.`oper_date` >= '2026-11-16' "
                + "AND t1.`oper_date` < '2026-11-23' GROUP BY t3.`company_name` ORDER BY SUM(t1.`pay_sum`) DESC LIMIT 5",
                SqlWriter.write(r, star("clickhouse")));
    }

    @Test
    void anAggregateNextToUngroupedValuesIsRefusedNotWritten() {
        Reading r = new Reading(List.of(new Reading.Measure(AGE, "SUM", "age的总和"), new Reading.Measure(AGE, "NONE", "age")),
                List.of(), List.of(), null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlWriter.write(r, seed("mysql")));
        assertTrue(e.getMessage().contains("分组"), e.getMessage());
    }

    @Test
    void dialectFunctions() {
        assertEquals("COUNT(DISTINCT x)", Dialect.MYSQL.aggregate("COUNT_DISTINCT", "x"));
        assertEquals("AVG(x)", Dialect.IMPALA.aggregate("AVERAGE", "x"));
        assertEquals("varSamp(x)", Dialect.CLICKHOUSE.aggregate("VARIANCE", "x"));
        assertEquals("STDDEV_SAMP(x)", Dialect.MYSQL.aggregate("STD_DEVIATION", "x"));
        assertEquals("EXTRACT(MONTH FROM x)", Dialect.POSTGRESQL.period("month", "x", "date"));
        assertEquals("TO_CHAR(x, 'YYYY-MM')", Dialect.POSTGRESQL.period("year-month", "x", "date"));
        assertEquals("DATE_FORMAT(x, '%Y-%m')", Dialect.MYSQL.period("year-month", "x", "date"));
        assertEquals("formatDateTime(x, '%Y-%m')", Dialect.CLICKHOUSE.period("year-month", "x", "date"));
        assertEquals("FROM_TIMESTAMP(x, 'yyyy-MM')", Dialect.IMPALA.period("year-month", "x", "date"));
        assertEquals("toMonth(x)", Dialect.CLICKHOUSE.period("month", "x", "date"));
        assertEquals("CAST(x AS DATE)", Dialect.POSTGRESQL.period("day", "x", "timestamp"));
        assertEquals("x", Dialect.MYSQL.period("day", "x", "date"));
        assertEquals("TO_DATE(x)", Dialect.IMPALA.period("day", "x", "timestamp"));
        assertEquals("WEEK(x, 3)", Dialect.MYSQL.period("week", "x", "date"));
        assertEquals("toYear(x)", Dialect.CLICKHOUSE.period("year", "x", "date"));
        assertEquals("'it''s \\\\ ok'", Dialect.MYSQL.literal("it's \\ ok"));
        assertEquals("'it''s \\ ok'", Dialect.POSTGRESQL.literal("it's \\ ok"));
        assertEquals("`a``b`", Dialect.MYSQL.quote("a`b"));
        assertEquals("\"a\"\"b\"", Dialect.POSTGRESQL.quote("a\"b"));
    }

    @Test
    void aConditionOnHowManyRowsNeedsGroups() {
        // "how many rows with more than 2 …" without anything to count per: an error, never "t1.* > 2"
        Reading.Column rows = new Reading.Column("test", "*", "test count", "bigint");
        Reading r = new Reading(List.of(new Reading.Measure(rows, "COUNT", "count")), List.of(),
                List.of(new Reading.Filter(rows, ">", List.of("2"))), null, null, null);
        assertThrows(IllegalArgumentException.class, () -> SqlWriter.write(r, seed("mysql")));
        Reading grouped = new Reading(List.of(), List.of(new Reading.Column("test", "name", "name", "string")),
                List.of(new Reading.Filter(rows, ">", List.of("2"))), null, null, null);
        assertEquals("SELECT t1.`name` AS `name` FROM `test` t1 GROUP BY t1.`name` HAVING COUNT(*) > 2",
                SqlWriter.write(grouped, seed("mysql")));
    }
}
