package dev.tianshu.nl2sql.engine;

import static dev.tianshu.nl2sql.engine.RelatedRowsTest.relation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.model.SemanticModel.Column;
import dev.tianshu.nl2sql.model.SemanticModel.Table;

/**
 * Columns that are the kinds of one thing ("各支付方式": 微信 / 支付宝 / 现金 … 支付金额 and 支付订单数): found by
 * their shared ending, spelled out when the question names the thing, kept to the kinds the question lists, and
 * each made a share of its total when a share is asked; kinds listed before one column of the family.
 */
class ColumnFamiliesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final List<String> KINDS = List.of("wx:微信", "zfb:支付宝", "rmb:现金", "xs:行吧", "jd:金豆");

    static final SemanticModel MODEL = model("pay_sum", "支付总金额");

    /** company ← area ← day_data, whose payments come in five kinds, as amounts and as order counts. */
    private static SemanticModel model(String extraName, String extraDisplay) {
        List<Column> day = new ArrayList<>(List.of(column("area_id", "服务区ID", "string"),
                column("area_name", "服务区名称", "string"), column("oper_date", "营业日期", "date")));
        for (String kind : KINDS) {
            String[] k = kind.split(":");
            day.add(column(k[0], k[1] + "支付金额", "double"));
            day.add(column(k[0] + "_order", k[1] + "支付订单数", "int"));
        }
        day.add(column("order_sum", "订单总数", "int"));
        day.add(column(extraName, extraDisplay, extraName.equals("pay_sum") ? "double" : "string"));
        return new SemanticModel("postgresql", "15", List.of(
                new Table("公司表", "company", List.of(column("id", "公司ID", "string"),
                        column("company_name", "公司名称", "string"))),
                new Table("服务区表", "area", List.of(column("id", "服务区ID", "string"),
                        column("area_name", "服务区名称", "string"), column("company_id", "所属公司ID", "string"))),
                new Table("营业日数据表", "day_data", day)),
                List.of(relation("area", "company_id", "company", "id"), relation("day_data", "area_id", "area", "id")));
    }

    private static Column column(String name, String display, String type) {
        boolean number = type.equals("double") || type.equals("int");
        return new Column(display, name, type, number ? "SUM" : "NONE", List.of());
    }

    private static String read(SemanticModel model, String question) {
        QuestionParser.Parse p = QuestionParser.parse(question, model, new Lexicon(model), TODAY, null);
        assertTrue(p.reading().isPresent(), () -> question + " was not grounded: " + p.understood());
        return p.question() + " | " + SqlWriter.write(p.reading().get(), model);
    }

    @Test
    void familiesAreColumnsEndingAlikeAfterDifferentKinds() {
        List<ColumnFamilies.Family> families = ColumnFamilies.of(MODEL.table("day_data").orElseThrow(), false);
        assertEquals(List.of("支付金额", "支付订单数"), families.stream().map(ColumnFamilies.Family::ending).toList());
        assertEquals(List.of("微信", "支付宝", "现金", "行吧", "金豆"),
                families.get(0).members().stream().map(ColumnFamilies.Member::kind).toList());
        // the totals end otherwise (支付总金额, 订单总数): not a kind
        assertTrue(families.stream().flatMap(f -> f.members().stream())
                .noneMatch(m -> m.display().equals("支付总金额") || m.display().equals("订单总数")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the family the words after it say (订单量 → 支付订单数), every kind ("等"), each a share of its total
            "昨日各支付方式订单量占比情况（微信、支付宝、现金等）？ | 昨天 微信支付订单数占订单总数的比例(%) "
                    + "支付宝支付订单数占订单总数的比例(%) 现金支付订单数占订单总数的比例(%) 行吧支付订单数占订单总数的比例(%) "
                    + "金豆支付订单数占订单总数的比例(%) | SELECT SUM(t1.\"wx_order\") * 100.0 / NULLIF(SUM(t1.\"order_sum\"), 0) "
                    + "AS \"微信支付订单数占订单总数的比例(%)\", SUM(t1.\"zfb_order\") * 100.0 / NULLIF(SUM(t1.\"order_sum\"), 0) "
                    + "AS \"支付宝支付订单数占订单总数的比例(%)\", SUM(t1.\"rmb_order\") * 100.0 / NULLIF(SUM(t1.\"order_sum\"), 0) "
                    + "AS \"现金支付订单数占订单总数的比例(%)\", SUM(t1.\"xs_order\") * 100.0 / NULLIF(SUM(t1.\"order_sum\"), 0) "
                    + "AS \"行吧支付订单数占订单总数的比例(%)\", SUM(t1.\"jd_order\") * 100.0 / NULLIF(SUM(t1.\"order_sum\"), 0) "
                    + "AS \"金豆支付订单数占订单总数的比例(%)\" FROM \"day_data\" t1 "
                    + "WHERE t1.\"oper_date\" >= '2026-11-21' AND t1.\"oper_date\" < '2026-11-22'",
            // no words after it: the table's first family (the amounts); only the kinds listed; per company
            "统计各公司不同支付方式占比（微信/支付宝/现金） | 按公司名称 微信支付金额占支付总金额的比例(%) "
                    + "支付宝支付金额占支付总金额的比例(%) 现金支付金额占支付总金额的比例(%) 降序 | SELECT t3.\"company_name\" "
                    + "AS \"公司名称\", SUM(t1.\"wx\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) AS \"微信支付金额占支付总金额的比例(%)\", "
                    + "SUM(t1.\"zfb\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) AS \"支付宝支付金额占支付总金额的比例(%)\", "
                    + "SUM(t1.\"rmb\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) AS \"现金支付金额占支付总金额的比例(%)\" "
                    + "FROM \"day_data\" t1 INNER JOIN \"area\" t2 ON t1.\"area_id\" = t2.\"id\" "
                    + "INNER JOIN \"company\" t3 ON t2.\"company_id\" = t3.\"id\" GROUP BY t3.\"company_name\" "
                    + "ORDER BY SUM(t1.\"wx\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) DESC",
            // the family's word later in the question (的订单数); no share: each kind summed
            "按支付方式统计2023年的订单数 | 2023年 微信支付订单数的总和 支付宝支付订单数的总和 现金支付订单数的总和 "
                    + "行吧支付订单数的总和 金豆支付订单数的总和 | SELECT SUM(t1.\"wx_order\") AS \"微信支付订单数的总和\", "
                    + "SUM(t1.\"zfb_order\") AS \"支付宝支付订单数的总和\", SUM(t1.\"rmb_order\") AS \"现金支付订单数的总和\", "
                    + "SUM(t1.\"xs_order\") AS \"行吧支付订单数的总和\", SUM(t1.\"jd_order\") AS \"金豆支付订单数的总和\" "
                    + "FROM \"day_data\" t1 WHERE t1.\"oper_date\" >= '2023-01-01' AND t1.\"oper_date\" < '2024-01-01'",
            // kinds listed before one column of the family; the family named again later adds nothing
            "查询每个服务区的微信、支付宝、现金支付金额占比，分析支付方式分布 | 按服务区名称 微信支付金额占支付总金额的比例(%) "
                    + "支付宝支付金额占支付总金额的比例(%) 现金支付金额占支付总金额的比例(%) 降序 | SELECT t1.\"area_name\" "
                    + "AS \"服务区名称\", SUM(t1.\"wx\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) AS \"微信支付金额占支付总金额的比例(%)\", "
                    + "SUM(t1.\"zfb\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) AS \"支付宝支付金额占支付总金额的比例(%)\", "
                    + "SUM(t1.\"rmb\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) AS \"现金支付金额占支付总金额的比例(%)\" "
                    + "FROM \"day_data\" t1 GROUP BY t1.\"area_name\" "
                    + "ORDER BY SUM(t1.\"wx\") * 100.0 / NULLIF(SUM(t1.\"pay_sum\"), 0) DESC"})
    void spellsOutTheKinds(String question, String reading, String sql) {
        assertEquals(reading + " | " + sql, read(MODEL, question));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the family's word before it; the total is not a kind
            "amount for each payment method | sum of cash payment amount, sum of card payment amount, sum of voucher "
                    + "payment amount | SELECT SUM(t1.\"cash_amount\") AS \"sum of cash payment amount\", "
                    + "SUM(t1.\"card_amount\") AS \"sum of card payment amount\", SUM(t1.\"voucher_amount\") AS "
                    + "\"sum of voucher payment amount\" FROM \"sales\" t1",
            // kinds listed before a column of the family, the commas gone
            "'cash, card and voucher payment amount by store' | by store name, sum of cash payment amount, sum of card "
                    + "payment amount, sum of voucher payment amount, descending | SELECT t1.\"store_name\" AS "
                    + "\"store name\", SUM(t1.\"cash_amount\") AS \"sum of cash payment amount\", SUM(t1.\"card_amount\") "
                    + "AS \"sum of card payment amount\", SUM(t1.\"voucher_amount\") AS \"sum of voucher payment amount\" "
                    + "FROM \"sales\" t1 GROUP BY t1.\"store_name\" ORDER BY SUM(t1.\"cash_amount\") DESC"})
    void spellsOutEnglishKinds(String question, String reading, String sql) {
        SemanticModel sales = new SemanticModel("postgresql", "15", List.of(new Table("sales", "sales", List.of(
                column("store_name", "store name", "string"), column("sale_date", "sale date", "date"),
                column("cash_amount", "cash payment amount", "double"),
                column("card_amount", "card payment amount", "double"),
                column("voucher_amount", "voucher payment amount", "double"),
                column("total_amount", "total payment amount", "double")))), List.of());
        assertEquals(reading + " | " + sql, read(sales, question));
    }

    @Test
    void aColumnCalledSoIsThatColumn() {
        // a model with its own 支付方式 column groups by it
        SemanticModel own = model("pay_method", "支付方式");
        assertEquals("按支付方式 订单总数的总和 降序 | SELECT t1.\"pay_method\" AS \"支付方式\", SUM(t1.\"order_sum\") "
                + "AS \"订单总数的总和\" FROM \"day_data\" t1 GROUP BY t1.\"pay_method\" ORDER BY SUM(t1.\"order_sum\") DESC",
                read(own, "各支付方式的订单总数"));
    }
}
