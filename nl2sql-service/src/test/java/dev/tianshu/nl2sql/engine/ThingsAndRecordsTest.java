package dev.tianshu.nl2sql.engine;

import static dev.tianshu.nl2sql.engine.RelatedRowsTest.chinese;
import static dev.tianshu.nl2sql.engine.RelatedRowsTest.relation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.model.SemanticModel.Table;

/**
 * Tables of things (服务区, 路段) against tables of events (营业日数据): a list of a thing's own rows is not made
 * distinct, a thing's name is read from its own table before an event table's copy of it; records counted by a coded
 * number ("不同数据来源类别的记录数量"), a column named by the end of its name after a grouping word ("各系统"), the
 * latest time per group ("各系统最近一次更新时间"), and the months of a rolling window.
 */
class ThingsAndRecordsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** company ← area ← day_data (events, with a copy of the area's name); area ↔ section through a link table. */
    static final SemanticModel MODEL = new SemanticModel("mysql", "8", List.of(
            new Table("公司表", "company", List.of(chinese("id", "公司ID", "string"),
                    chinese("company_name", "公司名称", "string"))),
            new Table("服务区表", "area", List.of(chinese("id", "服务区ID", "string"),
                    chinese("area_name", "服务区名称", "string"), chinese("company_id", "所属公司ID", "string"),
                    chinese("delete_ts", "删除时间", "timestamp"))),
            new Table("路段表", "section", List.of(chinese("id", "路段ID", "string"),
                    chinese("section_name", "路段名称", "string"), chinese("route_name", "路线名称", "string"))),
            new Table("路段服务区关联表", "section_area", List.of(chinese("section_id", "路段ID", "string"),
                    chinese("area_id", "服务区ID", "string"))),
            new Table("服务区编码映射表", "area_mapper", List.of(chinese("id", "映射记录ID", "string"),
                    chinese("area_id", "服务区ID", "string"), chinese("system", "来源系统名称", "string"),
                    chinese("create_ts", "创建时间", "timestamp"), chinese("update_ts", "最后修改时间", "timestamp"))),
            new Table("营业日数据表", "day_data", List.of(chinese("area_id", "服务区ID", "string"),
                    chinese("area_name", "服务区名称", "string"), chinese("oper_date", "营业日期", "date"),
                    chinese("pay_sum", "支付总金额", "double"), chinese("source_type", "数据来源类别", "int")))),
            List.of(relation("area", "company_id", "company", "id"), relation("day_data", "area_id", "area", "id"),
                    relation("area_mapper", "area_id", "area", "id"),
                    relation("section_area", "area_id", "area", "id"),
                    relation("section_area", "section_id", "section", "id")));

    private static String sql(String question) {
        QuestionParser.Parse p = QuestionParser.parse(question, MODEL, new Lexicon(MODEL), TODAY, null);
        assertTrue(p.reading().isPresent(), () -> question + " was not grounded: " + p.understood());
        return SqlWriter.write(p.reading().get(), MODEL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a thing's own rows: two 服务区 of the same name are two rows
            "列出所有服务区名称 | SELECT t1.`area_name` AS `服务区名称` FROM `area` t1 WHERE t1.`delete_ts` IS NULL",
            // joined only to what each row refers to: still one row per 服务区
            "列出所有服务区及其所属公司名称 | SELECT t1.`area_name` AS `服务区名称`, t2.`company_name` AS `公司名称` "
                    + "FROM `area` t1 INNER JOIN `company` t2 ON t1.`company_id` = t2.`id` WHERE t1.`delete_ts` IS NULL "
                    + "ORDER BY t1.`area_name`",
            // the names as the events record them: one per 服务区 with such a day
            "支付总金额大于1000的服务区有哪些 | SELECT DISTINCT t1.`area_name` AS `服务区名称` FROM `day_data` t1 "
                    + "WHERE t1.`pay_sum` > 1000",
            // 服务区 from its own table (not the events' copy); joined to its 路段 through the link, which can repeat it
            "查询每个服务区所归属的路线和路段信息 | SELECT DISTINCT t1.`area_name` AS `服务区名称`, "
                    + "t3.`route_name` AS `路线名称`, t3.`section_name` AS `路段名称` FROM `area` t1 "
                    + "INNER JOIN `section_area` t2 ON t2.`area_id` = t1.`id` "
                    + "INNER JOIN `section` t3 ON t2.`section_id` = t3.`id` WHERE t1.`delete_ts` IS NULL "
                    + "ORDER BY t1.`area_name`"})
    void listsThingsAndEvents(String question, String expected) {
        assertEquals(expected, sql(question));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "不同数据来源类别的记录数量",
            // the ID and the column's own name in brackets only name it again; the 服务区 qualifies the records
            "分析不同数据来源类别ID（source_type）的服务区业务数据记录数量分布",
            "按数据来源类别统计记录数"})
    void countsRecordsByACodedNumber(String question) {
        assertEquals("SELECT t1.`source_type` AS `数据来源类别`, COUNT(*) AS `数量` FROM `day_data` t1 "
                + "GROUP BY t1.`source_type` ORDER BY COUNT(*) DESC", sql(question));
    }

    @Test
    void aNumberNamedToOrderIsStillAMeasure() {
        assertEquals("SELECT t1.`area_name` AS `服务区名称`, SUM(t1.`pay_sum`) AS `支付总金额的总和` FROM `day_data` t1 "
                + "GROUP BY t1.`area_name` ORDER BY SUM(t1.`pay_sum`) DESC", sql("各服务区的支付总金额，按支付总金额降序"));
    }

    @Test
    void aGroupingWordNamesAColumnByTheEndOfItsName() {
        // 系统 is no term, but only 来源系统(名称) ends with it
        assertEquals("SELECT t1.`system` AS `来源系统名称`, COUNT(*) AS `映射记录数量` FROM `area_mapper` t1 "
                + "WHERE t1.`create_ts` >= '2026-10-22 00:00:00' AND t1.`create_ts` < '2026-11-23 00:00:00' "
                + "GROUP BY t1.`system` ORDER BY COUNT(*) DESC", sql("最近一个月内各系统新增的映射记录数量"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"各系统最近一次更新时间", "各系统的最后更新时间"})
    void theLatestTimePerGroup(String question) {
        // 更新 is 修改 (最后修改时间), and the latest of it per group is its maximum
        assertEquals("SELECT t1.`system` AS `来源系统名称`, MAX(t1.`update_ts`) AS `最后修改时间的最大值` FROM `area_mapper` t1 "
                + "GROUP BY t1.`system` ORDER BY MAX(t1.`update_ts`) DESC", sql(question));
    }

    @Test
    void aRollingWindowsMonthsAreYearMonths() {
        // the same question gives the same kind of month whatever today is
        assertEquals("SELECT DATE_FORMAT(t1.`oper_date`, '%Y-%m') AS `年月`, SUM(t1.`pay_sum`) AS `支付总金额的总和` "
                + "FROM `day_data` t1 WHERE t1.`oper_date` >= '2026-05-22' AND t1.`oper_date` < '2026-11-23' "
                + "GROUP BY DATE_FORMAT(t1.`oper_date`, '%Y-%m') ORDER BY DATE_FORMAT(t1.`oper_date`, '%Y-%m') ASC",
                sql("最近6个月每月的支付总金额"));
        // a calendar year's months are numbered
        assertEquals("SELECT MONTH(t1.`oper_date`) AS `月份`, SUM(t1.`pay_sum`) AS `支付总金额的总和` "
                + "FROM `day_data` t1 WHERE t1.`oper_date` >= '2025-01-01' AND t1.`oper_date` < '2026-01-01' "
                + "GROUP BY MONTH(t1.`oper_date`) ORDER BY MONTH(t1.`oper_date`) ASC", sql("2025年每月的支付总金额"));
    }

    @Test
    void recordsAskedForByTheTableAreShownByWhatDescribesThem() {
        // the mapper's records: its name and kind of system (not its ids), and the time the question filters on,
        // the newest first
        assertEquals("SELECT DISTINCT t1.`system` AS `来源系统名称`, t1.`create_ts` AS `创建时间` FROM `area_mapper` t1 "
                + "WHERE t1.`create_ts` >= '2026-11-15 00:00:00' AND t1.`create_ts` < '2026-11-23 00:00:00' "
                + "ORDER BY t1.`create_ts` DESC", sql("查找最近7天新增的映射记录"));
        // records counted are still counted, of the thing named before them too (not per 服务区)
        assertTrue(sql("最近7天新增的映射记录数量").startsWith("SELECT COUNT(*)"));
        assertEquals("SELECT COUNT(*) AS `映射记录数量` FROM `area_mapper` t1", sql("服务区映射记录数量"));
    }

    @Test
    void thingsWithoutRelatedRowsAreTheThingsOwnRows() {
        // 服务区 names a thing of 服务区表, whose name 营业日数据 only copies: the service areas, by their own key
        // (whichever table the model lists first, and though the events also join the mapper)
        List<Table> tables = new java.util.ArrayList<>(MODEL.tables());
        java.util.Collections.reverse(tables);
        List<SemanticModel.Relation> relations = new java.util.ArrayList<>(MODEL.relations());
        relations.add(relation("day_data", "area_id", "area_mapper", "area_id"));
        SemanticModel model = new SemanticModel("mysql", "8", tables, relations);
        QuestionParser.Parse p = QuestionParser.parse("哪些服务区没有映射记录", model, new Lexicon(model), TODAY, null);
        assertEquals("SELECT t1.`area_name` AS `服务区名称` FROM `area` t1 WHERE t1.`delete_ts` IS NULL AND NOT EXISTS "
                + "(SELECT 1 FROM `area_mapper` s1 WHERE s1.`area_id` = t1.`id`)",
                SqlWriter.write(p.reading().orElseThrow(), model));
    }

    @Test
    void dailyDataIsAlsoCalledByTheThesaurus() {
        // 营业日数据表 is also 营业数据 and, 营业 / 经营 being one word in the thesaurus, 经营数据
        for (String name : List.of("营业数据", "经营数据", "经营日数据")) {
            assertTrue(sql("过去30天内没有" + name + "的公司").contains("NOT EXISTS (SELECT 1 FROM `day_data` s1"), name);
        }
    }
}
