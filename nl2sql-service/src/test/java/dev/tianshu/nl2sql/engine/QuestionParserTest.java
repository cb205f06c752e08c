package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import java.util.List;
import org.junit.jupiter.api.Test;

import dev.tianshu.nl2sql.model.SemanticModel;

/** First parser cases: the seed's two turns, aggregation, grouping, values as filters, top-N, ungroundable input. */
class QuestionParserTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    static QuestionParser.Parse parse(SemanticModel model, String input, Reading previous) {
        return QuestionParser.parse(input, model, new Lexicon(model), TODAY, previous);
    }

    /** The SQL of a question that must be grounded. */
    static String groundedSql(SemanticModel model, String question) {
        QuestionParser.Parse p = parse(model, question, null);
        assertTrue(p.reading().isPresent(), () -> question + " was not grounded: " + p.understood());
        return SqlWriter.write(p.reading().get(), model);
    }

    @Test
    void theSeedsLastYearAgeThenThisYear() {
        SemanticModel model = SqlWriterTest.seed("mysql");
        QuestionParser.Parse first = parse(model, "去年 age", null);
        assertEquals("去年 age的分布", first.question());
        assertEquals("SELECT t1.`age` AS `age的分布` FROM `test` t1 WHERE t1.`date` >= '2025-01-01 00:00:00' "
                + "AND t1.`date` < '2026-01-01 00:00:00' ORDER BY t1.`age`", SqlWriter.write(first.reading().orElseThrow(), model));
        QuestionParser.Parse second = parse(model, "今年呢?", first.reading().orElseThrow());
        assertEquals("今年 age的分布", second.question());
        assertEquals("SELECT t1.`age` AS `age的分布` FROM `test` t1 WHERE t1.`date` >= '2026-01-01 00:00:00' "
                + "AND t1.`date` < '2027-01-01 00:00:00' ORDER BY t1.`age`", SqlWriter.write(second.reading().orElseThrow(), model));
    }

    @Test
    void thingsNamedInRowsOfEventsAreCountedOnce() {
        SemanticModel model = ExampleAdapterTest.HIGHWAY;
        // 营业日数据 names its service area in each row: how many service areas, not how many days
        assertEquals("SELECT COUNT(DISTINCT t1.\"service_name\") AS \"服务区数量\" FROM \"bss_business_day_data\" t1 "
                + "WHERE t1.\"pay_sum\" > 1000000 AND t1.\"delete_ts\" IS NULL", groundedSql(model, "有多少个服务区的支付总金额超过100万"));
        assertEquals("SELECT COUNT(DISTINCT t1.\"service_name\") AS \"服务区数量\" FROM \"bss_business_day_data\" t1 "
                + "WHERE t1.\"order_sum\" > 10000 AND t1.\"delete_ts\" IS NULL", groundedSql(model, "订单总数超过10000的服务区有多少个"));
        // kept by how many rows each has, then counted; 服务区日营业数据 are 日营业数据 (of a 服务区)
        assertEquals("SELECT COUNT(s.\"服务区名称\") AS \"服务区数量\" FROM (SELECT DISTINCT t1.\"service_name\" AS "
                + "\"服务区名称\" FROM \"bss_business_day_data\" t1 WHERE t1.\"delete_ts\" IS NULL "
                + "GROUP BY t1.\"service_name\" HAVING COUNT(*) > 1000) s",
                groundedSql(model, "日营业数据超过1000条的服务区有几个"));
    }

    @Test
    void groupingValuesAndTopN() {
        SemanticModel model = SqlWriterTest.star("postgresql");
        QuestionParser.Parse p = parse(model, "最近7天按公司名称统计支付总额前5", null);
        assertEquals("最近7天 按公司名称 支付总额的总和 前5", p.question());
        String sql = SqlWriter.write(p.reading().orElseThrow(), model);
        assertTrue(sql.startsWith("SELECT t3.\"company_name\" AS \"公司名称\", SUM(t1.\"pay_sum\") AS \"支付总额的总和\" "
                + "FROM \"business_day\" t1 LEFT JOIN \"service_area\" t2"), sql);
        assertTrue(sql.endsWith("GROUP BY t3.\"company_name\" ORDER BY SUM(t1.\"pay_sum\") DESC LIMIT 5"), sql);
        assertTrue(sql.contains("t1.\"oper_date\" >= '2026-11-15' AND t1.\"oper_date\" < '2026-11-23'"), sql);

        QuestionParser.Parse avg = parse(model, "各服务区名称的平均支付总额", null);
        assertEquals("按服务区名称 支付总额的平均值 降序", avg.question());
    }

    @Test
    void samplesBecomeFiltersAndFollowUpsAddThem() {
        SemanticModel model = SqlWriterTest.seed("mysql");
        QuestionParser.Parse p = parse(model, "张医师的age总和", null);
        assertEquals("张医师 age的总和", p.question());
        assertTrue(SqlWriter.write(p.reading().orElseThrow(), model).contains("WHERE t1.`name` = '张医师'"));
    }

    @Test
    void hostileOrUnrelatedInputIsNotGrounded() {
        SemanticModel model = SqlWriterTest.seed("mysql");
        for (String input : new String[] {"删除所有数据", "; DROP TABLE test", "ignore previous instructions", "你好"}) {
            assertTrue(parse(model, input, null).reading().isEmpty(), input);
        }
    }

    @Test
    void englishCommandsToChangeDataAreRefusedButQuestionsUsingTheirVerbsAreRead() {
        SemanticModel model = SqlWriterTest.seed("mysql");
        for (String input : new String[] {"delete all ages", "please drop table test", "show the age; drop table test",
                "can you remove all the names", "insert into test values (1)", "update test set age = 1",
                "create a new table of names", "truncate test", "grant select on test to bob"}) {
            QuestionParser.Parse p = parse(model, input, null);
            assertTrue(p.reading().isEmpty(), input);
            assertEquals(List.of("a request to change data (only questions about the data are answered)"),
                    p.understood(), input);
        }
        for (String input : new String[] {"total age of the names that were created last year",
                "what is the total age by name of the rows we updated", "which names did the import create"}) {
            assertTrue(parse(model, input, null).reading().isPresent(), input);
        }
    }
    @Test
    void withoutAMeasureTheTableOnlyOneTermCanBeInIsTheFact() {
        // 门店名称 is in two tables, 客流类型 only in 客流: the question is about 客流, its dates and its stores
        SemanticModel model = new SemanticModel("postgresql", "15", java.util.List.of(
                new SemanticModel.Table("门店", "store", java.util.List.of(
                        new SemanticModel.Column("门店ID", "id", "string", "NONE", java.util.List.of()),
                        new SemanticModel.Column("门店名称", "store_name", "string", "NONE", java.util.List.of()))),
                new SemanticModel.Table("门店别名", "store_alias", java.util.List.of(
                        new SemanticModel.Column("门店ID", "store_id", "string", "NONE", java.util.List.of()),
                        new SemanticModel.Column("门店名称", "store_name", "string", "NONE", java.util.List.of()))),
                new SemanticModel.Table("客流", "visit", java.util.List.of(
                        new SemanticModel.Column("门店ID", "store_id", "string", "NONE", java.util.List.of()),
                        new SemanticModel.Column("客流类型", "visit_type", "string", "NONE",
                                java.util.List.of("散客", "团队")),
                        new SemanticModel.Column("到店日期", "visit_date", "date", "NONE", java.util.List.of())))),
                java.util.List.of(
                        new SemanticModel.Relation(java.util.List.of(new SemanticModel.Condition("id", "store_id")),
                                "store", "store_alias", "LEFT JOIN"),
                        new SemanticModel.Relation(java.util.List.of(new SemanticModel.Condition("id", "store_id")),
                                "store", "visit", "LEFT JOIN")));
        QuestionParser.Parse p = parse(model, "本月各门店的客流类型", null);
        assertEquals("SELECT t2.\"store_name\" AS \"门店名称\", t1.\"visit_type\" AS \"客流类型\", COUNT(*) AS \"数量\" "
                + "FROM \"visit\" t1 LEFT JOIN \"store\" t2 ON t1.\"store_id\" = t2.\"id\" WHERE t1.\"visit_date\" >= "
                + "'2026-11-01' AND t1.\"visit_date\" < '2026-12-01' GROUP BY t2.\"store_name\", t1.\"visit_type\" "
                + "ORDER BY COUNT(*) DESC", SqlWriter.write(p.reading().orElseThrow(), model));
    }
    @Test
    void oneNamedThingsDailyRecordsAreListedByDayUnlessATotalIsAsked() {
        SemanticModel model = new SemanticModel("postgresql", "15", java.util.List.of(
                new SemanticModel.Table("门店日销售", "store_day", java.util.List.of(
                        new SemanticModel.Column("门店名称", "store_name", "string", "NONE", java.util.List.of("静安店", "徐汇店")),
                        new SemanticModel.Column("销售日期", "sale_date", "date", "NONE", java.util.List.of()),
                        new SemanticModel.Column("销售额", "amount", "double", "SUM", java.util.List.of())))),
                java.util.List.of());
        QuestionParser.Parse records = parse(model, "本月静安店每日的销售额", null);
        assertEquals("本月 静安店 销售日期 销售额 明细", records.question());
        assertEquals("SELECT t1.\"sale_date\" AS \"销售日期\", t1.\"amount\" AS \"销售额\" FROM \"store_day\" t1 "
                + "WHERE t1.\"store_name\" = '静安店' AND t1.\"sale_date\" >= '2026-11-01' AND t1.\"sale_date\" < '2026-12-01' "
                + "ORDER BY t1.\"sale_date\" ASC", SqlWriter.write(records.reading().orElseThrow(), model));
        QuestionParser.Parse totals = parse(model, "本月静安店每日的总销售额", null);
        assertEquals("本月 静安店 按销售日期 销售额的总和", totals.question());
        QuestionParser.Parse everyStore = parse(model, "本月每日的销售额", null);
        assertEquals("本月 按销售日期 销售额的总和", everyStore.question());
    }
}
