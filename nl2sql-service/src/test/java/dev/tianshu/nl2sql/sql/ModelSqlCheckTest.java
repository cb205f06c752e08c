package dev.tianshu.nl2sql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tianshu.nl2sql.engine.Reading;
import dev.tianshu.nl2sql.engine.SqlWriter;
import dev.tianshu.nl2sql.engine.TimeRange;
import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.model.SemanticModel.Column;
import dev.tianshu.nl2sql.model.SemanticModel.Condition;
import dev.tianshu.nl2sql.model.SemanticModel.Relation;
import dev.tianshu.nl2sql.model.SemanticModel.Table;

/** SQL for a semantic model: one read-only query over the model's tables and columns, in each dialect. */
public class ModelSqlCheckTest {

    public static SemanticModel highway(String type) {
        return new SemanticModel(type, "8.0", List.of(
                new Table("车流量日统计", "bss_car_day_count", List.of(
                        new Column("编号", "id", "string", "NONE", List.of()),
                        new Column("统计日期", "count_date", "date", "NONE", List.of("2023-04-01")),
                        new Column("车辆数", "car_count", "bigint", "SUM", List.of()),
                        new Column("车辆类别", "car_type", "string", "NONE", List.of("危化品", "过境")),
                        new Column("服务区ID", "service_area_id", "string", "NONE", List.of()),
                        new Column("删除时间", "delete_ts", "timestamp", "NONE", List.of()))),
                new Table("服务区", "bss_service_area", List.of(
                        new Column("编号", "id", "string", "NONE", List.of()),
                        new Column("服务区名称", "service_area_name", "string", "NONE", List.of("庐山服务区")),
                        new Column("公司ID", "company_id", "string", "NONE", List.of()))),
                new Table("公司", "bss_company", List.of(
                        new Column("编号", "id", "string", "NONE", List.of()),
                        new Column("公司名称", "company_name", "string", "NONE", List.of("宜春分公司"))))),
                List.of(new Relation(List.of(new Condition("id", "service_area_id")), "bss_service_area",
                                "bss_car_day_count", "LEFT JOIN"),
                        new Relation(List.of(new Condition("id", "company_id")), "bss_company", "bss_service_area",
                                "LEFT JOIN")));
    }

    static Optional<String> check(String dialect, String sql) {
        return ModelSqlCheck.problem(sql, highway(dialect));
    }

    static void ok(String dialect, String sql) {
        Optional<String> problem = check(dialect, sql);
        assertEquals(Optional.empty(), problem, dialect + ": " + sql);
    }

    static void bad(String dialect, String sql, String expected) {
        Optional<String> problem = check(dialect, sql);
        assertTrue(problem.isPresent(), "should be refused (" + dialect + "): " + sql);
        assertTrue(problem.get().contains(expected), "problem of " + sql + " should contain «" + expected
                + "» but was: " + problem.get());
    }

    // ------------------------------------------------------------------------------------------- accepted

    @Test
    void plainQueriesOverTheModel() {
        ok("mysql", "SELECT count_date, car_count FROM bss_car_day_count");
        ok("mysql", "select COUNT_DATE, Car_Count from BSS_CAR_DAY_COUNT");
        ok("mysql", "SELECT COUNT(*) FROM bss_company");
        ok("mysql", "SELECT COUNT(DISTINCT car_type) AS n FROM bss_car_day_count;");
        ok("mysql", "SELECT * FROM bss_company WHERE company_name = '宜春分公司' LIMIT 10");
        ok("mysql", "SELECT CURRENT_DATE");
        ok("mysql", "SELECT 1 + 1 AS two");
    }

    @Test
    void backticksAliasesAndSelectItemAliases() {
        ok("mysql", "SELECT t.`count_date` AS `日期`, SUM(t.`car_count`) AS `车流量` FROM `bss_car_day_count` t "
                + "WHERE t.`delete_ts` IS NULL GROUP BY t.`count_date` ORDER BY `车流量` DESC LIMIT 10");
        ok("mysql", "SELECT c.car_type, SUM(c.car_count) AS total FROM bss_car_day_count AS c GROUP BY c.car_type "
                + "HAVING total > 100 ORDER BY total DESC");
        ok("clickhouse", "SELECT `t`.`car_type` FROM `bss_car_day_count` AS `t`");
    }

    @Test
    void joinsAlongTheRelations() {
        ok("mysql", "SELECT co.company_name AS `公司`, SUM(c.car_count) AS `车流量` FROM bss_car_day_count c "
                + "LEFT JOIN bss_service_area s ON c.service_area_id = s.id "
                + "INNER JOIN bss_company co ON s.company_id = co.id "
                + "WHERE c.delete_ts IS NULL GROUP BY co.company_name ORDER BY 2 DESC LIMIT 5");
        ok("mysql", "SELECT bss_company.company_name, bss_service_area.service_area_name FROM bss_company, "
                + "bss_service_area WHERE bss_service_area.company_id = bss_company.id");
        ok("postgresql", "SELECT s.service_area_name, c.company_name FROM bss_service_area s "
                + "JOIN bss_company c USING (id)");
        ok("mysql", "SELECT s.service_area_name FROM (bss_service_area s JOIN bss_company c ON s.company_id = c.id)");
    }

    @Test
    void functionsLiteralsCaseIntervalAndWindows() {
        ok("mysql", "SELECT CASE WHEN car_count > 100 THEN '高' ELSE '低' END AS level, "
                + "TIMESTAMPDIFF(DAY, count_date, CURDATE()) AS age, DATE_FORMAT(count_date, '%Y-%m') AS month "
                + "FROM bss_car_day_count WHERE count_date >= DATE_SUB(CURDATE(), INTERVAL 7 DAY) "
                + "AND count_date < CURRENT_DATE + INTERVAL 1 DAY AND car_type IN ('危化品', '过境') "
                + "AND car_count BETWEEN 1 AND 1000 AND car_type LIKE '%化%' AND delete_ts IS NULL");
        ok("mysql", "SELECT count_date, SUM(car_count) OVER (PARTITION BY service_area_id ORDER BY count_date "
                + "ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS moving FROM bss_car_day_count");
        ok("mysql", "SELECT EXTRACT(YEAR FROM count_date) AS y, CAST(car_count AS CHAR) AS s, "
                + "COALESCE(car_type, '未知') AS t, ROUND(AVG(car_count), 2) AS a FROM bss_car_day_count "
                + "GROUP BY y, s, t");
        ok("mysql", "SELECT RANK() OVER (ORDER BY SUM(car_count) DESC) AS r, car_type FROM bss_car_day_count "
                + "GROUP BY car_type");
    }

    @Test
    void stringLiteralsOfTheBacktickDialects() {
        // MySQL: backslash escapes and double-quoted strings; neither hides anything from the check
        ok("mysql", "SELECT company_name FROM bss_company WHERE company_name = 'it\\'s' OR company_name = \"宜春\"");
        ok("mysql", "SELECT company_name FROM bss_company WHERE company_name = 'a''b -- not a comment'");
        ok("impala", "SELECT company_name FROM bss_company WHERE company_name = \"x\\\"y\"");
        ok("mysql", "SELECT company_name -- the name\nFROM bss_company /* all of them */");
        ok("mysql", "SELECT company_name # comment\nFROM bss_company");
    }

    @Test
    void subqueriesCorrelatedAndDerived() {
        ok("mysql", "SELECT car_count FROM bss_car_day_count WHERE service_area_id IN "
                + "(SELECT id FROM bss_service_area WHERE service_area_name = '庐山服务区')");
        ok("mysql", "SELECT c.car_count FROM bss_car_day_count c WHERE EXISTS "
                + "(SELECT 1 FROM bss_service_area s WHERE s.id = c.service_area_id AND s.company_id = '1')");
        ok("mysql", "SELECT x.n, x.car_type FROM (SELECT car_type, COUNT(*) AS n FROM bss_car_day_count "
                + "GROUP BY car_type) x WHERE x.n > 1");
        ok("mysql", "SELECT n FROM (SELECT COUNT(*) AS n FROM bss_company) AS x");
        ok("mysql", "SELECT (SELECT MAX(car_count) FROM bss_car_day_count) AS top, company_name FROM bss_company");
        ok("postgresql", "SELECT d.a, d.b FROM (SELECT id, company_name FROM bss_company) AS d(a, b)");
        ok("mysql", "SELECT y.* FROM (SELECT t.* FROM bss_company t) y WHERE y.company_name <> ''");
    }

    @Test
    void ctesAndSetOperations() {
        ok("mysql", "WITH daily AS (SELECT count_date, SUM(car_count) AS total FROM bss_car_day_count "
                + "GROUP BY count_date) SELECT d.count_date, d.total FROM daily d WHERE d.total > 100 ORDER BY total");
        ok("postgresql", "WITH x(day, n) AS (SELECT count_date, car_count FROM bss_car_day_count) "
                + "SELECT day, n FROM x");
        ok("postgresql", "WITH a AS (SELECT id FROM bss_company), b AS (SELECT a.id FROM a) SELECT b.id FROM b");
        ok("postgresql", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
                + "SELECT i FROM n");
        ok("mysql", "SELECT company_name AS name FROM bss_company UNION SELECT service_area_name FROM "
                + "bss_service_area ORDER BY name");
        ok("mysql", "(SELECT id FROM bss_company) UNION ALL (SELECT id FROM bss_service_area) ORDER BY 1 LIMIT 3");
    }

    @Test
    void eachDialectsSpelling() {
        ok("postgresql", "SELECT \"t\".\"count_date\", SUM(\"t\".\"car_count\") AS \"车流量\" FROM "
                + "\"bss_car_day_count\" \"t\" WHERE \"t\".\"count_date\" >= CURRENT_DATE - INTERVAL '7 days' "
                + "GROUP BY \"t\".\"count_date\"");
        ok("postgresql", "SELECT DATE_TRUNC('month', count_date) AS m, SUM(car_count)::bigint AS s "
                + "FROM bss_car_day_count GROUP BY 1");
        ok("clickhouse", "SELECT toStartOfMonth(count_date) AS m, sum(car_count) AS s FROM bss_car_day_count "
                + "WHERE count_date >= today() - 7 GROUP BY m ORDER BY m");
        ok("clickhouse", "SELECT \"car_type\" FROM \"bss_car_day_count\"");
        ok("impala", "SELECT trunc(count_date, 'MM') AS m, SUM(car_count) AS s FROM `bss_car_day_count` "
                + "WHERE car_type = \"危化品\" GROUP BY trunc(count_date, 'MM')");
    }

    @Test
    void theSeedsOwnAnswerPasses() {
        SemanticModel seed = new SemanticModel("mysql", "8.0", List.of(new Table("test", "test", List.of(
                new Column("name", "name", "string", "NONE", List.of()),
                new Column("age", "age", "int", "SUM", List.of()),
                new Column("date", "date", "timestamp", "NONE", List.of())))), List.of());
        assertEquals(Optional.empty(), ModelSqlCheck.problem("select tbl_1873666373101797381.`age` as "
                + "col_11709116884877520050 from `test` tbl_1873666373101797381 where "
                + "(((tbl_1873666373101797381.`date` >= '2023-01-01 00:00:00.000') and "
                + "(tbl_1873666373101797381.`date` < '2024-01-01 00:00:00.000')) = true) order by "
                + "tbl_1873666373101797381.`age`", seed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "clickhouse", "impala", "postgresql"})
    void theBuiltInEnginesSqlPassesInEveryDialect(String dialect) {
        Reading.Column count = new Reading.Column("bss_car_day_count", "car_count", "车辆数", "bigint");
        Reading.Column company = new Reading.Column("bss_company", "company_name", "公司名称", "string");
        Reading.Column day = new Reading.Column("bss_car_day_count", "count_date", "统计日期", "date");
        Reading r = new Reading(List.of(new Reading.Measure(count, "SUM", "车辆数的总和")), List.of(company),
                List.of(new Reading.Filter(company, "IN", List.of("宜春分公司", "上饶'分公司"))),
                new Reading.Time(day, new TimeRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), "1月")),
                new Reading.Order(0, true), 5);
        String sql = SqlWriter.write(r, highway(dialect));
        assertEquals(Optional.empty(), ModelSqlCheck.problem(sql, highway(dialect)), sql);
    }

    // ------------------------------------------------------------------------------------------- refused

    @Test
    void statementsThatAreNotOneQuery() {
        bad("mysql", "DELETE FROM bss_company", "DELETE");
        bad("mysql", "DROP TABLE bss_company", "DROP");
        bad("mysql", "UPDATE bss_company SET company_name = 'x'", "UPDATE");
        bad("mysql", "INSERT INTO bss_company (id) SELECT id FROM bss_service_area", "INSERT");
        bad("mysql", "TRUNCATE TABLE bss_company", "TRUNCATE");
        bad("mysql", "SELECT 1 FROM bss_company; DROP TABLE bss_company", "一条语句");
        bad("mysql", "SELECT 1; DROP TABLE x", "一条语句");
        bad("postgresql", "; DROP TABLE bss_company", "DROP");
        bad("postgresql", "WITH d AS (DELETE FROM bss_company RETURNING *) SELECT * FROM d", "DELETE");
        bad("postgresql", "SELECT * FROM bss_company FOR UPDATE", "FOR UPDATE");
        bad("mysql", "删除所有数据", "语法错误");
        bad("mysql", "", "empty");
        bad("mysql", "   ", "empty");
        assertTrue(ModelSqlCheck.problem(null, highway("mysql")).isPresent());
    }

    @Test
    void tablesOutsideTheModel() {
        bad("mysql", "SELECT * FROM users", "unknown table \"users\" (the model has: bss_car_day_count, "
                + "bss_service_area, bss_company)");
        bad("mysql", "SELECT * FROM mysql.user", "table \"mysql.user\" is not in the model");
        bad("postgresql", "SELECT * FROM public.bss_company", "without a database or schema");
        bad("mysql", "SELECT id FROM bss_company WHERE id IN (SELECT id FROM secrets)", "unknown table \"secrets\"");
        bad("mysql", "WITH x AS (SELECT * FROM information_schema.tables) SELECT * FROM x", "information_schema");
        bad("mysql", "SELECT c.id FROM bss_company c JOIN `users` u ON u.id = c.id", "unknown table \"users\"");
        bad("clickhouse", "SELECT * FROM numbers(10)", "table function \"numbers\" is not allowed");
        bad("clickhouse", "SELECT * FROM url('http://x', CSV, 'a String')", "table function");
    }

    @Test
    void columnsOutsideTheModel() {
        bad("mysql", "SELECT foo FROM bss_car_day_count",
                "unknown column \"foo\" (table bss_car_day_count has: id, count_date, car_count, car_type, "
                        + "service_area_id, delete_ts)");
        bad("mysql", "SELECT c.foo FROM bss_car_day_count c", "unknown column \"c.foo\" (table bss_car_day_count has:");
        bad("mysql", "SELECT `foo` FROM `bss_car_day_count`", "unknown column \"foo\"");
        bad("clickhouse", "SELECT \"foo\" FROM bss_car_day_count", "unknown column \"foo\"");
        bad("postgresql", "SELECT \"foo\" FROM bss_car_day_count", "unknown column \"foo\"");
        bad("mysql", "SELECT company_name FROM bss_car_day_count", "unknown column \"company_name\"");
        bad("mysql", "SELECT car_count FROM bss_car_day_count WHERE amount > 1", "unknown column \"amount\"");
        bad("mysql", "SELECT car_type FROM bss_car_day_count GROUP BY car_type ORDER BY revenue",
                "unknown column \"revenue\"");
        bad("mysql", "SELECT SUM(CASE WHEN x = 1 THEN car_count END) FROM bss_car_day_count",
                "unknown column \"x\"");
        bad("mysql", "SELECT car_count FROM bss_car_day_count WHERE count_date > DATE_SUB(CURDATE(), "
                + "INTERVAL days DAY)", "unknown column \"days\"");
        bad("mysql", "SELECT SUM(car_count) OVER (PARTITION BY region) FROM bss_car_day_count",
                "unknown column \"region\"");
        bad("mysql", "SELECT s.service_area_name FROM bss_service_area s JOIN bss_company c "
                + "ON s.company_id = c.company_id", "unknown column \"c.company_id\" (table bss_company has: id, "
                + "company_name)");
        bad("postgresql", "SELECT 1 FROM bss_service_area JOIN bss_company USING (nope)", "\"nope\" in USING");
        // a unit keyword is only a keyword as a function's argument
        bad("mysql", "SELECT day FROM bss_company", "unknown column \"day\"");
        ok("postgresql", "SELECT EXTRACT(DOW FROM count_date) AS d, DATE_PART('day', count_date) AS m, "
                + "CURRENT_TIMESTAMP AS now FROM bss_car_day_count");
    }

    @Test
    void aliasScoping() {
        bad("mysql", "SELECT bss_car_day_count.car_count FROM bss_car_day_count c",
                "unknown table or alias \"bss_car_day_count\" in \"bss_car_day_count.car_count\": table "
                        + "bss_car_day_count is aliased as \"c\" here");
        bad("mysql", "SELECT x.car_count FROM bss_car_day_count c", "unknown table or alias \"x\"");
        // a sub-query's alias is not visible outside it
        bad("mysql", "SELECT s.id FROM bss_company c WHERE EXISTS (SELECT 1 FROM bss_service_area s)",
                "unknown table or alias \"s\"");
        // a derived table yields only its select list
        bad("mysql", "SELECT x.car_count FROM (SELECT COUNT(*) AS n FROM bss_car_day_count) x",
                "unknown column \"x.car_count\" (sub-query x has: n)");
        // a derived table cannot see its siblings (no LATERAL)
        bad("postgresql", "SELECT 1 FROM bss_company c, (SELECT s.id FROM bss_service_area s "
                + "WHERE s.company_id = c.id) t", "unknown table or alias \"c\"");
        bad("mysql", "WITH d AS (SELECT count_date FROM bss_car_day_count) SELECT d.car_count FROM d",
                "unknown column \"d.car_count\" (CTE d has: count_date)");
        bad("postgresql", "WITH x(day) AS (SELECT count_date FROM bss_car_day_count) SELECT count_date FROM x",
                "unknown column \"count_date\" (CTE x has: day)");
        // a CTE is not visible before the query that defines it
        bad("mysql", "SELECT * FROM (WITH d AS (SELECT id FROM bss_company) SELECT id FROM d) a, d",
                "unknown table \"d\"");
    }

    @Test
    void dialectTricksAreRefused() {
        bad("mysql", "SELECT id FROM bss_company /*! UNION SELECT password FROM mysql.user */",
                "executable comments");
        bad("mysql", "SELECT id FROM bss_company --1 UNION SELECT 1", "\"--\" must be followed by a space");
        bad("mysql", "SELECT id FROM bss_company /* /* */ UNION SELECT 1 */", "nested comments");
        bad("clickhouse", "SELECT id FROM bss_company WHERE 1 = $x$ a $x$", "$");
        bad("mysql", "SELECT id FROM bss_company WHERE id = 'unterminated", "unterminated");
        bad("mysql", "SELECT `id FROM bss_company", "unterminated");
        bad("postgresql", "SELECT `id` FROM bss_company", "反引号");
        bad("mysql", "SELECT SLEEP(10) FROM bss_company", "function \"SLEEP\" is not allowed");
        bad("mysql", "SELECT LOAD_FILE('/etc/passwd')", "function \"LOAD_FILE\" is not allowed");
        bad("postgresql", "SELECT pg_sleep(10)", "pg_sleep");
        bad("clickhouse", "SELECT dictGet('d', 'x', id) FROM bss_company", "dictGet");
    }

    @Test
    void unquoting() {
        assertEquals("a\"b", ModelSqlCheck.unquote("\"a\"\"b\""));
        assertEquals("a`b", ModelSqlCheck.unquote("`a``b`"));
        assertEquals("x", ModelSqlCheck.unquote("x"));
        assertTrue(ModelSqlCheck.forbidden("DICTGETSTRING"));
        assertTrue(!ModelSqlCheck.forbidden("sum"));
    }
}
