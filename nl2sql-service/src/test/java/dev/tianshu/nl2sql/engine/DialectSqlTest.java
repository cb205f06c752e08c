package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.nl2sql.engine.ParserCases.Case;
import dev.tianshu.nl2sql.engine.Reading.Column;
import dev.tianshu.nl2sql.engine.Reading.Filter;
import dev.tianshu.nl2sql.engine.Reading.Measure;
import dev.tianshu.nl2sql.engine.Reading.Order;
import dev.tianshu.nl2sql.engine.Reading.Time;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The same readings written for mysql, clickhouse, impala and postgresql: identifier quoting, aggregate and date
 * functions, joins, HAVING, DISTINCT, literals. Then, on a real PostgreSQL (a scratch database holding the tables of
 * the fixture models and the rows of {@code parser-cases/fixture-data.sql}), every reading here and the PostgreSQL SQL
 * of every parser case that is answered runs, and where the expected rows are given they are what it returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialectSqlTest {

    // highway.json
    static final Column PAY = new Column("business_day", "pay_total", "支付总金额", "double");
    static final Column CASH = new Column("business_day", "cash_pay", "现金支付金额", "double");
    static final Column ORDERS = new Column("business_day", "order_total", "订单总数", "int");
    static final Column OPER_DATE = new Column("business_day", "oper_date", "统计日期", "date");
    static final Column AREA = new Column("service_area", "service_area_name", "服务区名称", "string");
    static final Column STATE = new Column("service_area", "state", "营业状态", "string");
    static final Column COMPANY = new Column("company", "company_name", "公司名称", "string");
    static final Column VEHICLES = new Column("vehicle_count", "vehicle_num", "车辆数", "int");
    static final Column COUNT_DATE = new Column("vehicle_count", "count_date", "通行日期", "date");
    // sales.json
    static final Column AMOUNT = new Column("orders", "amount", "Amount", "double");
    static final Column ORDER_DATE = new Column("orders", "order_date", "Order Date", "timestamp");
    static final Column CUSTOMER_ID = new Column("orders", "customer_id", "Customer ID", "string");
    static final Column SEGMENT = new Column("customers", "segment", "Segment", "string");
    static final Column CUSTOMER_NAME = new Column("customers", "customer_name", "Customer Name", "string");
    static final Column CUSTOMER_ROWS = new Column("customers", "*", "数量", "bigint");

    /**
     * A reading, the SQL each dialect must write for it, and the rows its PostgreSQL SQL returns on the fixture data
     * (null: not checked, only run).
     */
    record Example(String name, String model, Reading reading, Map<String, String> sql, String rows) {
    }

    static Reading reading(List<Measure> measures, List<Column> dimensions, List<Filter> filters, Time time,
            Order order, Integer limit) {
        return new Reading(measures, dimensions, filters, time, order, limit);
    }

    static Time range(Column column, String from, String to, String label) {
        return new Time(column, new TimeRange(LocalDate.parse(from), LocalDate.parse(to), label));
    }

    static Map<String, String> sql(String mysql, String clickhouse, String impala, String postgresql) {
        return Map.of("mysql", mysql, "clickhouse", clickhouse, "impala", impala, "postgresql", postgresql);
    }

    static final List<Example> EXAMPLES = List.of(
            new Example("grouped aggregate along two joins, with a value filter", "highway",
                    reading(List.of(new Measure(PAY, "SUM", "支付总金额的总和")), List.of(COMPANY),
                            List.of(new Filter(STATE, "IN", List.of("营业中"))), null, new Order(0, true), null),
                    sql("SELECT t3.`company_name` AS `公司名称`, SUM(t1.`pay_total`) AS `支付总金额的总和` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "LEFT JOIN `company` t3 ON t2.`company_id` = t3.`id` "
                                    + "WHERE t2.`state` = '营业中' AND t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL "
                                    + "GROUP BY t3.`company_name` ORDER BY SUM(t1.`pay_total`) DESC",
                            "SELECT t3.`company_name` AS `公司名称`, SUM(t1.`pay_total`) AS `支付总金额的总和` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "LEFT JOIN `company` t3 ON t2.`company_id` = t3.`id` "
                                    + "WHERE t2.`state` = '营业中' AND t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL "
                                    + "GROUP BY t3.`company_name` ORDER BY SUM(t1.`pay_total`) DESC",
                            "SELECT t3.`company_name` AS `公司名称`, SUM(t1.`pay_total`) AS `支付总金额的总和` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "LEFT JOIN `company` t3 ON t2.`company_id` = t3.`id` "
                                    + "WHERE t2.`state` = '营业中' AND t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL "
                                    + "GROUP BY t3.`company_name` ORDER BY SUM(t1.`pay_total`) DESC",
                            "SELECT t3.\"company_name\" AS \"公司名称\", SUM(t1.\"pay_total\") AS \"支付总金额的总和\" "
                                    + "FROM \"business_day\" t1 LEFT JOIN \"service_area\" t2 ON t1.\"service_area_id\" = t2.\"id\" "
                                    + "LEFT JOIN \"company\" t3 ON t2.\"company_id\" = t3.\"id\" "
                                    + "WHERE t2.\"state\" = '营业中' AND t1.\"delete_ts\" IS NULL AND t2.\"delete_ts\" IS NULL "
                                    + "GROUP BY t3.\"company_name\" ORDER BY SUM(t1.\"pay_total\") DESC"),
                    "南昌分公司 | 35000 ; 宜春分公司 | 29500 ; 九江分公司 | 9000"),
            new Example("time range on a date column", "highway",
                    reading(List.of(new Measure(ORDERS, "SUM", "订单总数的总和")), List.of(), List.of(),
                            range(OPER_DATE, "2025-07-01", "2025-10-01", "2025年第3季度"), null, null),
                    sql("SELECT SUM(t1.`order_total`) AS `订单总数的总和` FROM `business_day` t1 "
                                    + "WHERE t1.`delete_ts` IS NULL AND t1.`oper_date` >= '2025-07-01' AND t1.`oper_date` < '2025-10-01'",
                            "SELECT SUM(t1.`order_total`) AS `订单总数的总和` FROM `business_day` t1 "
                                    + "WHERE t1.`delete_ts` IS NULL AND t1.`oper_date` >= '2025-07-01' AND t1.`oper_date` < '2025-10-01'",
                            "SELECT SUM(t1.`order_total`) AS `订单总数的总和` FROM `business_day` t1 "
                                    + "WHERE t1.`delete_ts` IS NULL AND t1.`oper_date` >= '2025-07-01' AND t1.`oper_date` < '2025-10-01'",
                            "SELECT SUM(t1.\"order_total\") AS \"订单总数的总和\" FROM \"business_day\" t1 "
                                    + "WHERE t1.\"delete_ts\" IS NULL AND t1.\"oper_date\" >= '2025-07-01' AND t1.\"oper_date\" < '2025-10-01'"),
                    "520"),
            new Example("time range on a timestamp column, grouped through a join", "sales",
                    reading(List.of(new Measure(AMOUNT, "SUM", "Amount的总和")), List.of(SEGMENT), List.of(),
                            range(ORDER_DATE, "2025-01-01", "2026-01-01", "去年"), new Order(0, true), null),
                    sql("SELECT t2.`segment` AS `Segment`, SUM(t1.`amount`) AS `Amount的总和` FROM `orders` t1 "
                                    + "LEFT JOIN `customers` t2 ON t1.`customer_id` = t2.`customer_id` "
                                    + "WHERE t1.`order_date` >= '2025-01-01 00:00:00' AND t1.`order_date` < '2026-01-01 00:00:00' "
                                    + "GROUP BY t2.`segment` ORDER BY SUM(t1.`amount`) DESC",
                            "SELECT t2.`segment` AS `Segment`, SUM(t1.`amount`) AS `Amount的总和` FROM `orders` t1 "
                                    + "LEFT JOIN `customers` t2 ON t1.`customer_id` = t2.`customer_id` "
                                    + "WHERE t1.`order_date` >= '2025-01-01 00:00:00' AND t1.`order_date` < '2026-01-01 00:00:00' "
                                    + "GROUP BY t2.`segment` ORDER BY SUM(t1.`amount`) DESC",
                            "SELECT t2.`segment` AS `Segment`, SUM(t1.`amount`) AS `Amount的总和` FROM `orders` t1 "
                                    + "LEFT JOIN `customers` t2 ON t1.`customer_id` = t2.`customer_id` "
                                    + "WHERE t1.`order_date` >= '2025-01-01 00:00:00' AND t1.`order_date` < '2026-01-01 00:00:00' "
                                    + "GROUP BY t2.`segment` ORDER BY SUM(t1.`amount`) DESC",
                            "SELECT t2.\"segment\" AS \"Segment\", SUM(t1.\"amount\") AS \"Amount的总和\" FROM \"orders\" t1 "
                                    + "LEFT JOIN \"customers\" t2 ON t1.\"customer_id\" = t2.\"customer_id\" "
                                    + "WHERE t1.\"order_date\" >= '2025-01-01 00:00:00' AND t1.\"order_date\" < '2026-01-01 00:00:00' "
                                    + "GROUP BY t2.\"segment\" ORDER BY SUM(t1.\"amount\") DESC"),
                    "Consumer | 1000 ; Home Office | 600"),
            new Example("per month (month number) of a date column within one year", "highway",
                    reading(List.of(new Measure(PAY, "SUM", "支付总金额的总和")),
                            List.of(OPER_DATE.withGrain("month", "月份")), List.of(),
                            range(OPER_DATE, "2026-01-01", "2027-01-01", "今年"), new Order(-1, false), null),
                    sql("SELECT MONTH(t1.`oper_date`) AS `月份`, SUM(t1.`pay_total`) AS `支付总金额的总和` FROM `business_day` t1 "
                                    + "WHERE t1.`delete_ts` IS NULL AND t1.`oper_date` >= '2026-01-01' AND t1.`oper_date` < '2027-01-01' "
                                    + "GROUP BY MONTH(t1.`oper_date`) ORDER BY MONTH(t1.`oper_date`) ASC",
                            "SELECT toMonth(t1.`oper_date`) AS `月份`, SUM(t1.`pay_total`) AS `支付总金额的总和` FROM `business_day` t1 "
                                    + "WHERE t1.`delete_ts` IS NULL AND t1.`oper_date` >= '2026-01-01' AND t1.`oper_date` < '2027-01-01' "
                                    + "GROUP BY toMonth(t1.`oper_date`) ORDER BY toMonth(t1.`oper_date`) ASC",
                            "SELECT MONTH(t1.`oper_date`) AS `月份`, SUM(t1.`pay_total`) AS `支付总金额的总和` FROM `business_day` t1 "
                                    + "WHERE t1.`delete_ts` IS NULL AND t1.`oper_date` >= '2026-01-01' AND t1.`oper_date` < '2027-01-01' "
                                    + "GROUP BY MONTH(t1.`oper_date`) ORDER BY MONTH(t1.`oper_date`) ASC",
                            "SELECT EXTRACT(MONTH FROM t1.\"oper_date\") AS \"月份\", SUM(t1.\"pay_total\") AS \"支付总金额的总和\" "
                                    + "FROM \"business_day\" t1 "
                                    + "WHERE t1.\"delete_ts\" IS NULL AND t1.\"oper_date\" >= '2026-01-01' AND t1.\"oper_date\" < '2027-01-01' "
                                    + "GROUP BY EXTRACT(MONTH FROM t1.\"oper_date\") ORDER BY EXTRACT(MONTH FROM t1.\"oper_date\") ASC"),
                    "10 | 12000 ; 11 | 53277"),
            new Example("per month (year-month) of a timestamp column over several years", "sales",
                    reading(List.of(new Measure(AMOUNT, "SUM", "Amount的总和")),
                            List.of(ORDER_DATE.withGrain("year-month", "年月")), List.of(), null, new Order(-1, false),
                            null),
                    sql("SELECT DATE_FORMAT(t1.`order_date`, '%Y-%m') AS `年月`, SUM(t1.`amount`) AS `Amount的总和` "
                                    + "FROM `orders` t1 GROUP BY DATE_FORMAT(t1.`order_date`, '%Y-%m') "
                                    + "ORDER BY DATE_FORMAT(t1.`order_date`, '%Y-%m') ASC",
                            "SELECT formatDateTime(t1.`order_date`, '%Y-%m') AS `年月`, SUM(t1.`amount`) AS `Amount的总和` "
                                    + "FROM `orders` t1 GROUP BY formatDateTime(t1.`order_date`, '%Y-%m') "
                                    + "ORDER BY formatDateTime(t1.`order_date`, '%Y-%m') ASC",
                            "SELECT FROM_TIMESTAMP(t1.`order_date`, 'yyyy-MM') AS `年月`, SUM(t1.`amount`) AS `Amount的总和` "
                                    + "FROM `orders` t1 GROUP BY FROM_TIMESTAMP(t1.`order_date`, 'yyyy-MM') "
                                    + "ORDER BY FROM_TIMESTAMP(t1.`order_date`, 'yyyy-MM') ASC",
                            "SELECT TO_CHAR(t1.\"order_date\", 'YYYY-MM') AS \"年月\", SUM(t1.\"amount\") AS \"Amount的总和\" "
                                    + "FROM \"orders\" t1 GROUP BY TO_CHAR(t1.\"order_date\", 'YYYY-MM') "
                                    + "ORDER BY TO_CHAR(t1.\"order_date\", 'YYYY-MM') ASC"),
                    "2024-05 | 3000 ; 2025-02 | 600 ; 2025-08 | 1000 ; 2026-03 | 240 ; 2026-10 | 50 ; 2026-11 | 2425"),
            new Example("per day of a timestamp column (the date of it)", "sales",
                    reading(List.of(new Measure(AMOUNT, "SUM", "Amount的总和")),
                            List.of(ORDER_DATE.withGrain("day", "Order Date")), List.of(),
                            range(ORDER_DATE, "2026-11-15", "2026-11-23", "最近7天"), new Order(-1, false), null),
                    sql("SELECT DATE(t1.`order_date`) AS `Order Date`, SUM(t1.`amount`) AS `Amount的总和` FROM `orders` t1 "
                                    + "WHERE t1.`order_date` >= '2026-11-15 00:00:00' AND t1.`order_date` < '2026-11-23 00:00:00' "
                                    + "GROUP BY DATE(t1.`order_date`) ORDER BY DATE(t1.`order_date`) ASC",
                            "SELECT toDate(t1.`order_date`) AS `Order Date`, SUM(t1.`amount`) AS `Amount的总和` FROM `orders` t1 "
                                    + "WHERE t1.`order_date` >= '2026-11-15 00:00:00' AND t1.`order_date` < '2026-11-23 00:00:00' "
                                    + "GROUP BY toDate(t1.`order_date`) ORDER BY toDate(t1.`order_date`) ASC",
                            "SELECT TO_DATE(t1.`order_date`) AS `Order Date`, SUM(t1.`amount`) AS `Amount的总和` FROM `orders` t1 "
                                    + "WHERE t1.`order_date` >= '2026-11-15 00:00:00' AND t1.`order_date` < '2026-11-23 00:00:00' "
                                    + "GROUP BY TO_DATE(t1.`order_date`) ORDER BY TO_DATE(t1.`order_date`) ASC",
                            "SELECT CAST(t1.\"order_date\" AS DATE) AS \"Order Date\", SUM(t1.\"amount\") AS \"Amount的总和\" "
                                    + "FROM \"orders\" t1 "
                                    + "WHERE t1.\"order_date\" >= '2026-11-15 00:00:00' AND t1.\"order_date\" < '2026-11-23 00:00:00' "
                                    + "GROUP BY CAST(t1.\"order_date\" AS DATE) ORDER BY CAST(t1.\"order_date\" AS DATE) ASC"),
                    "2026-11-20 | 400 ; 2026-11-21 | 2000 ; 2026-11-22 | 25"),
            new Example("per day of a date column (the column itself)", "highway",
                    reading(List.of(new Measure(VEHICLES, "SUM", "车辆数的总和")),
                            List.of(COUNT_DATE.withGrain("day", "通行日期")), List.of(),
                            range(COUNT_DATE, "2026-11-09", "2026-11-16", "上周"), new Order(-1, false), null),
                    sql("SELECT t1.`count_date` AS `通行日期`, SUM(t1.`vehicle_num`) AS `车辆数的总和` FROM `vehicle_count` t1 "
                                    + "WHERE t1.`count_date` >= '2026-11-09' AND t1.`count_date` < '2026-11-16' "
                                    + "GROUP BY t1.`count_date` ORDER BY t1.`count_date` ASC",
                            "SELECT t1.`count_date` AS `通行日期`, SUM(t1.`vehicle_num`) AS `车辆数的总和` FROM `vehicle_count` t1 "
                                    + "WHERE t1.`count_date` >= '2026-11-09' AND t1.`count_date` < '2026-11-16' "
                                    + "GROUP BY t1.`count_date` ORDER BY t1.`count_date` ASC",
                            "SELECT t1.`count_date` AS `通行日期`, SUM(t1.`vehicle_num`) AS `车辆数的总和` FROM `vehicle_count` t1 "
                                    + "WHERE t1.`count_date` >= '2026-11-09' AND t1.`count_date` < '2026-11-16' "
                                    + "GROUP BY t1.`count_date` ORDER BY t1.`count_date` ASC",
                            "SELECT t1.\"count_date\" AS \"通行日期\", SUM(t1.\"vehicle_num\") AS \"车辆数的总和\" FROM \"vehicle_count\" t1 "
                                    + "WHERE t1.\"count_date\" >= '2026-11-09' AND t1.\"count_date\" < '2026-11-16' "
                                    + "GROUP BY t1.\"count_date\" ORDER BY t1.\"count_date\" ASC"),
                    "2026-11-10 | 500 ; 2026-11-11 | 80 ; 2026-11-12 | 120 ; 2026-11-14 | 60"),
            new Example("per ISO week of a date column", "highway",
                    reading(List.of(new Measure(VEHICLES, "SUM", "车辆数的总和")),
                            List.of(COUNT_DATE.withGrain("week", "周")), List.of(),
                            range(COUNT_DATE, "2026-10-01", "2026-12-01", "2026年10月至2026年11月"),
                            new Order(-1, false), null),
                    sql("SELECT WEEK(t1.`count_date`, 3) AS `周`, SUM(t1.`vehicle_num`) AS `车辆数的总和` FROM `vehicle_count` t1 "
                                    + "WHERE t1.`count_date` >= '2026-10-01' AND t1.`count_date` < '2026-12-01' "
                                    + "GROUP BY WEEK(t1.`count_date`, 3) ORDER BY WEEK(t1.`count_date`, 3) ASC",
                            "SELECT toISOWeek(t1.`count_date`) AS `周`, SUM(t1.`vehicle_num`) AS `车辆数的总和` FROM `vehicle_count` t1 "
                                    + "WHERE t1.`count_date` >= '2026-10-01' AND t1.`count_date` < '2026-12-01' "
                                    + "GROUP BY toISOWeek(t1.`count_date`) ORDER BY toISOWeek(t1.`count_date`) ASC",
                            "SELECT WEEKOFYEAR(t1.`count_date`) AS `周`, SUM(t1.`vehicle_num`) AS `车辆数的总和` FROM `vehicle_count` t1 "
                                    + "WHERE t1.`count_date` >= '2026-10-01' AND t1.`count_date` < '2026-12-01' "
                                    + "GROUP BY WEEKOFYEAR(t1.`count_date`) ORDER BY WEEKOFYEAR(t1.`count_date`) ASC",
                            "SELECT EXTRACT(WEEK FROM t1.\"count_date\") AS \"周\", SUM(t1.\"vehicle_num\") AS \"车辆数的总和\" "
                                    + "FROM \"vehicle_count\" t1 "
                                    + "WHERE t1.\"count_date\" >= '2026-10-01' AND t1.\"count_date\" < '2026-12-01' "
                                    + "GROUP BY EXTRACT(WEEK FROM t1.\"count_date\") ORDER BY EXTRACT(WEEK FROM t1.\"count_date\") ASC"),
                    "41 | 300 ; 46 | 760"),
            new Example("top-N through a join (the fact table has no soft delete, the dimension has)", "highway",
                    reading(List.of(new Measure(VEHICLES, "SUM", "车辆数的总和")), List.of(AREA), List.of(), null,
                            new Order(0, true), 2),
                    sql("SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`vehicle_num`) AS `车辆数的总和` "
                                    + "FROM `vehicle_count` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "ORDER BY SUM(t1.`vehicle_num`) DESC LIMIT 2",
                            "SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`vehicle_num`) AS `车辆数的总和` "
                                    + "FROM `vehicle_count` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "ORDER BY SUM(t1.`vehicle_num`) DESC LIMIT 2",
                            "SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`vehicle_num`) AS `车辆数的总和` "
                                    + "FROM `vehicle_count` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "ORDER BY SUM(t1.`vehicle_num`) DESC LIMIT 2",
                            "SELECT t2.\"service_area_name\" AS \"服务区名称\", SUM(t1.\"vehicle_num\") AS \"车辆数的总和\" "
                                    + "FROM \"vehicle_count\" t1 LEFT JOIN \"service_area\" t2 ON t1.\"service_area_id\" = t2.\"id\" "
                                    + "WHERE t2.\"delete_ts\" IS NULL GROUP BY t2.\"service_area_name\" "
                                    + "ORDER BY SUM(t1.\"vehicle_num\") DESC LIMIT 2"),
                    "宜春服务区 | 620 ; 庐山服务区 | 360"),
            new Example("share of one measure in another, per group", "highway",
                    reading(List.of(new Measure(CASH, "SUM", "现金支付金额占支付总金额的比例(%)", PAY)), List.of(AREA),
                            List.of(), null, new Order(0, true), null),
                    sql("SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`cash_pay`) * 100.0 / NULLIF(SUM(t1.`pay_total`), 0) "
                                    + "AS `现金支付金额占支付总金额的比例(%)` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "ORDER BY SUM(t1.`cash_pay`) * 100.0 / NULLIF(SUM(t1.`pay_total`), 0) DESC",
                            "SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`cash_pay`) * 100.0 / NULLIF(SUM(t1.`pay_total`), 0) "
                                    + "AS `现金支付金额占支付总金额的比例(%)` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "ORDER BY SUM(t1.`cash_pay`) * 100.0 / NULLIF(SUM(t1.`pay_total`), 0) DESC",
                            "SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`cash_pay`) * 100.0 / NULLIF(SUM(t1.`pay_total`), 0) "
                                    + "AS `现金支付金额占支付总金额的比例(%)` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "ORDER BY SUM(t1.`cash_pay`) * 100.0 / NULLIF(SUM(t1.`pay_total`), 0) DESC",
                            "SELECT t2.\"service_area_name\" AS \"服务区名称\", SUM(t1.\"cash_pay\") * 100.0 / NULLIF(SUM(t1.\"pay_total\"), 0) "
                                    + "AS \"现金支付金额占支付总金额的比例(%)\" "
                                    + "FROM \"business_day\" t1 LEFT JOIN \"service_area\" t2 ON t1.\"service_area_id\" = t2.\"id\" "
                                    + "WHERE t1.\"delete_ts\" IS NULL AND t2.\"delete_ts\" IS NULL GROUP BY t2.\"service_area_name\" "
                                    + "ORDER BY SUM(t1.\"cash_pay\") * 100.0 / NULLIF(SUM(t1.\"pay_total\"), 0) DESC"),
                    "赣州服务区 | 40 ; 宜春服务区 | 32.2 ; 庐山服务区 | 25.56 ; 南昌西服务区 | 14.29"),
            new Example("HAVING on a grouped measure", "highway",
                    reading(List.of(new Measure(ORDERS, "SUM", "订单总数的总和")), List.of(AREA),
                            List.of(new Filter(ORDERS, ">", List.of("500"), 0)), null, new Order(0, true), null),
                    sql("SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`order_total`) AS `订单总数的总和` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "HAVING (SUM(t1.`order_total`)) > 500 ORDER BY SUM(t1.`order_total`) DESC",
                            "SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`order_total`) AS `订单总数的总和` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "HAVING (SUM(t1.`order_total`)) > 500 ORDER BY SUM(t1.`order_total`) DESC",
                            "SELECT t2.`service_area_name` AS `服务区名称`, SUM(t1.`order_total`) AS `订单总数的总和` "
                                    + "FROM `business_day` t1 LEFT JOIN `service_area` t2 ON t1.`service_area_id` = t2.`id` "
                                    + "WHERE t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL GROUP BY t2.`service_area_name` "
                                    + "HAVING (SUM(t1.`order_total`)) > 500 ORDER BY SUM(t1.`order_total`) DESC",
                            "SELECT t2.\"service_area_name\" AS \"服务区名称\", SUM(t1.\"order_total\") AS \"订单总数的总和\" "
                                    + "FROM \"business_day\" t1 LEFT JOIN \"service_area\" t2 ON t1.\"service_area_id\" = t2.\"id\" "
                                    + "WHERE t1.\"delete_ts\" IS NULL AND t2.\"delete_ts\" IS NULL GROUP BY t2.\"service_area_name\" "
                                    + "HAVING (SUM(t1.\"order_total\")) > 500 ORDER BY SUM(t1.\"order_total\") DESC"),
                    "南昌西服务区 | 1120 ; 宜春服务区 | 1050"),
            new Example("listing of a table's own rows (no DISTINCT) with a value filter", "highway",
                    reading(List.of(), List.of(AREA), List.of(new Filter(STATE, "IN", List.of("暂停营业"))), null, null,
                            null),
                    sql("SELECT t1.`service_area_name` AS `服务区名称` FROM `service_area` t1 "
                                    + "WHERE t1.`state` = '暂停营业' AND t1.`delete_ts` IS NULL",
                            "SELECT t1.`service_area_name` AS `服务区名称` FROM `service_area` t1 "
                                    + "WHERE t1.`state` = '暂停营业' AND t1.`delete_ts` IS NULL",
                            "SELECT t1.`service_area_name` AS `服务区名称` FROM `service_area` t1 "
                                    + "WHERE t1.`state` = '暂停营业' AND t1.`delete_ts` IS NULL",
                            "SELECT t1.\"service_area_name\" AS \"服务区名称\" FROM \"service_area\" t1 "
                                    + "WHERE t1.\"state\" = '暂停营业' AND t1.\"delete_ts\" IS NULL"),
                    "赣州服务区"),
            new Example("DISTINCT listing of a dimension on a condition of the fact table (joined back)", "highway",
                    reading(List.of(), List.of(AREA), List.of(new Filter(PAY, ">", List.of("10000"))), null, null, null),
                    sql("SELECT DISTINCT t1.`service_area_name` AS `服务区名称` FROM `service_area` t1 "
                                    + "RIGHT JOIN `business_day` t2 ON t2.`service_area_id` = t1.`id` "
                                    + "WHERE t2.`pay_total` > 10000 AND t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL",
                            "SELECT DISTINCT t1.`service_area_name` AS `服务区名称` FROM `service_area` t1 "
                                    + "RIGHT JOIN `business_day` t2 ON t2.`service_area_id` = t1.`id` "
                                    + "WHERE t2.`pay_total` > 10000 AND t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL",
                            "SELECT DISTINCT t1.`service_area_name` AS `服务区名称` FROM `service_area` t1 "
                                    + "RIGHT JOIN `business_day` t2 ON t2.`service_area_id` = t1.`id` "
                                    + "WHERE t2.`pay_total` > 10000 AND t1.`delete_ts` IS NULL AND t2.`delete_ts` IS NULL",
                            "SELECT DISTINCT t1.\"service_area_name\" AS \"服务区名称\" FROM \"service_area\" t1 "
                                    + "RIGHT JOIN \"business_day\" t2 ON t2.\"service_area_id\" = t1.\"id\" "
                                    + "WHERE t2.\"pay_total\" > 10000 AND t1.\"delete_ts\" IS NULL AND t2.\"delete_ts\" IS NULL"),
                    "南昌西服务区 ; 宜春服务区"),
            new Example("distinct count, variance and standard deviation", "sales",
                    reading(List.of(new Measure(CUSTOMER_ID, "COUNT_DISTINCT", "Customer ID的去重数量"),
                                    new Measure(AMOUNT, "VARIANCE", "Amount的方差"),
                                    new Measure(AMOUNT, "STD_DEVIATION", "Amount的标准差")),
                            List.of(SEGMENT), List.of(), null, new Order(0, true), null),
                    sql("SELECT t2.`segment` AS `Segment`, COUNT(DISTINCT t1.`customer_id`) AS `Customer ID的去重数量`, "
                                    + "VAR_SAMP(t1.`amount`) AS `Amount的方差`, STDDEV_SAMP(t1.`amount`) AS `Amount的标准差` "
                                    + "FROM `orders` t1 LEFT JOIN `customers` t2 ON t1.`customer_id` = t2.`customer_id` "
                                    + "GROUP BY t2.`segment` ORDER BY COUNT(DISTINCT t1.`customer_id`) DESC",
                            "SELECT t2.`segment` AS `Segment`, COUNT(DISTINCT t1.`customer_id`) AS `Customer ID的去重数量`, "
                                    + "varSamp(t1.`amount`) AS `Amount的方差`, stddevSamp(t1.`amount`) AS `Amount的标准差` "
                                    + "FROM `orders` t1 LEFT JOIN `customers` t2 ON t1.`customer_id` = t2.`customer_id` "
                                    + "GROUP BY t2.`segment` ORDER BY COUNT(DISTINCT t1.`customer_id`) DESC",
                            "SELECT t2.`segment` AS `Segment`, COUNT(DISTINCT t1.`customer_id`) AS `Customer ID的去重数量`, "
                                    + "VARIANCE(t1.`amount`) AS `Amount的方差`, STDDEV(t1.`amount`) AS `Amount的标准差` "
                                    + "FROM `orders` t1 LEFT JOIN `customers` t2 ON t1.`customer_id` = t2.`customer_id` "
                                    + "GROUP BY t2.`segment` ORDER BY COUNT(DISTINCT t1.`customer_id`) DESC",
                            "SELECT t2.\"segment\" AS \"Segment\", COUNT(DISTINCT t1.\"customer_id\") AS \"Customer ID的去重数量\", "
                                    + "VARIANCE(t1.\"amount\") AS \"Amount的方差\", STDDEV(t1.\"amount\") AS \"Amount的标准差\" "
                                    + "FROM \"orders\" t1 LEFT JOIN \"customers\" t2 ON t1.\"customer_id\" = t2.\"customer_id\" "
                                    + "GROUP BY t2.\"segment\" ORDER BY COUNT(DISTINCT t1.\"customer_id\") DESC"),
                    null),
            new Example("string literals: quotes doubled, backslashes escaped except in PostgreSQL; several values IN",
                    "sales",
                    reading(List.of(new Measure(CUSTOMER_ROWS, "COUNT", "数量")), List.of(),
                            List.of(new Filter(CUSTOMER_NAME, "IN", List.of("O'Brien \\ Ltd", "Bob"))), null, null,
                            null),
                    sql("SELECT COUNT(*) AS `数量` FROM `customers` t1 WHERE t1.`customer_name` IN ('O''Brien \\\\ Ltd', 'Bob')",
                            "SELECT COUNT(*) AS `数量` FROM `customers` t1 WHERE t1.`customer_name` IN ('O''Brien \\\\ Ltd', 'Bob')",
                            "SELECT COUNT(*) AS `数量` FROM `customers` t1 WHERE t1.`customer_name` IN ('O''Brien \\\\ Ltd', 'Bob')",
                            "SELECT COUNT(*) AS \"数量\" FROM \"customers\" t1 WHERE t1.\"customer_name\" IN ('O''Brien \\ Ltd', 'Bob')"),
                    "1"));

    @TestFactory
    Stream<DynamicTest> eachReadingInEachDialect() {
        return EXAMPLES.stream().flatMap(e -> ParserCases.DIALECTS.stream().map(d -> DynamicTest.dynamicTest(
                e.name() + " [" + d + "]",
                () -> assertEquals(e.sql().get(d), SqlWriter.write(e.reading(), ParserCases.model(e.model(), d))))));
    }

    // ------------------------------------------------------------------------------------------ on PostgreSQL

    private String database;
    private Connection connection;

    /** A scratch database with the tables of both fixture models and the rows of fixture-data.sql. */
    private synchronized Connection postgres() throws SQLException {
        if (connection == null) {
            database = PostgresTestResource.createDatabase("nl2sql_cases");
            connection = PostgresTestResource.server().connect(database);
            try (Statement s = connection.createStatement()) {
                for (String model : List.of("highway", "sales")) {
                    for (SemanticModel.Table t : ParserCases.model(model, "postgresql").tables()) {
                        s.execute(createTable(t));
                    }
                }
                for (String insert : resource("parser-cases/fixture-data.sql").split(";\\s*(\\n|$)")) {
                    String sql = insert.lines().filter(l -> !l.strip().startsWith("--"))
                            .reduce("", (a, b) -> a + "\n" + b).strip();
                    if (!sql.isEmpty()) {
                        s.execute(sql);
                    }
                }
            }
        }
        return connection;
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        if (connection != null) {
            connection.close();
            PostgresTestResource.dropDatabase(database);
        }
    }

    static String createTable(SemanticModel.Table t) {
        List<String> columns = new ArrayList<>();
        for (SemanticModel.Column c : t.columns()) {
            String type = switch (c.dataType()) {
                case "int" -> "integer";
                case "bigint" -> "bigint";
                case "double" -> "double precision";
                case "boolean" -> "boolean";
                case "date" -> "date";
                case "timestamp" -> "timestamp";
                case "time" -> "time";
                default -> "text";
            };
            columns.add(Dialect.POSTGRESQL.quote(c.columnName()) + " " + type);
        }
        return "CREATE TABLE " + Dialect.POSTGRESQL.quote(t.tableName()) + " (" + String.join(", ", columns) + ")";
    }

    @TestFactory
    Stream<DynamicTest> eachReadingRunsOnPostgres() {
        return EXAMPLES.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            String sql = e.sql().get("postgresql");
            List<String> rows = query(sql);
            if (e.rows() != null) {
                assertEquals(expectedRows(e.rows(), sql), rows, sql);
            }
        }));
    }

    /** The PostgreSQL SQL of every parser case that is answered (known gaps aside) runs on the fixture data. */
    @TestFactory
    Stream<DynamicTest> everyParserCaseRunsOnPostgres() {
        List<Case> cases = ParserCases.all().stream().filter(c -> !c.knownGap() && c.grounded()).toList();
        assertTrue(cases.size() >= 150, "cases run on PostgreSQL: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String sql = ParserCases.answer(c, "postgresql").sql();
            List<String> rows = query(sql);
            if (c.rows() != null) {
                assertEquals(expectedRows(c.rows(), sql), rows, "cases.txt line " + c.line() + ": " + sql);
            }
        }));
    }

    /** The rows of a query, each as its cells joined by " | " (numbers rounded to 2 decimals, null as "null"). */
    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = postgres().createStatement()) {
            s.setQueryTimeout(30);
            try (ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        cells.add(cell(rs.getString(i)));
                    }
                    rows.add(String.join(" | ", cells));
                }
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  in: " + sql, e);
        }
        if (!sql.toUpperCase(Locale.ROOT).contains(" ORDER BY ")) {
            rows.sort(null);
        }
        return rows;
    }

    private static List<String> expectedRows(String rows, String sql) {
        if (rows.equals("-")) {
            return List.of();
        }
        List<String> expected = new ArrayList<>(Stream.of(rows.split(" ; ")).map(String::strip).toList());
        if (!sql.toUpperCase(Locale.ROOT).contains(" ORDER BY ")) {
            expected.sort(null);
        }
        return expected;
    }

    private static String cell(String value) {
        if (value == null) {
            return "null";
        }
        try {
            return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String resource(String path) {
        try (InputStream in = DialectSqlTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
