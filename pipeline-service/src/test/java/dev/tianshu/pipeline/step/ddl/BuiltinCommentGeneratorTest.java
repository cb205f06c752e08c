package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.testing.BusinessDbs;
import io.vertx.mutiny.core.Vertx;

class BuiltinCommentGeneratorTest {

    static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
    static final BuiltinCommentGenerator GENERATOR = new BuiltinCommentGenerator();

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    static TableInfo table(String name, String comment, ColumnInfo... columns) {
        return new TableInfo(TableRef.parse(name), comment, List.of(columns), List.of(), List.of(), 0, "0 bytes",
                List.of(), Map.of());
    }

    static ColumnInfo column(String name, String type, String comment) {
        return new ColumnInfo(1, name, type, true, null, comment, false, null);
    }

    static String comment(String table, String column, String type) {
        return GENERATOR.document(table(table, null, column(column, type, null)), "数据库管理系统")
                .columnComment(column);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bss_company|id|varchar(32)|公司ID",
            "customer|id|integer|客户ID",
            "qwerty|id|integer|主键ID",
            "t|uuid|uuid|全局唯一标识",
            "t|version|integer|版本号",
            "t|create_ts|timestamp|创建时间",
            "t|created_at|timestamptz|创建时间",
            "t|create_time|timestamp|创建时间",
            "t|gmt_create|timestamp|创建时间",
            "t|created_by|varchar(50)|创建人",
            "t|creator|varchar(50)|创建人",
            "t|update_ts|timestamp|更新时间",
            "t|updated_at|timestamp|更新时间",
            "t|last_update|timestamptz|更新时间",
            "t|modified_at|timestamp|更新时间",
            "t|updated_by|varchar(50)|更新人",
            "t|delete_ts|timestamp|删除时间",
            "t|deleted_at|timestamp|删除时间",
            "t|deleted_by|varchar(50)|删除人",
            "t|is_deleted|boolean|是否删除",
            "t|del_flag|smallint|是否删除",
            "t|customer_id|integer|客户ID",
            "t|company_id|varchar(32)|公司ID",
            "t|service_area_id|varchar(32)|服务区ID",
            "t|CustomerId|integer|客户ID",
            "t|customerid|integer|客户ID",
            "t|foo_id|integer|foo的ID",
            "t|foo_customer_id|integer|foo客户ID",
            "t|order_no|varchar(32)|订单编号",
            "t|product_code|varchar(32)|产品编码",
            "t|company_name|varchar(255)|公司名称",
            "t|oper_date|date|营业日期",
            "t|pay_time|timestamp|支付时间",
            "t|settle_ts|timestamp|settle时间",
            "t|amount|numeric|金额",
            "t|price|numeric|价格",
            "t|cost|numeric|成本",
            "t|fee|numeric|费用",
            "t|total|numeric|总计",
            "t|pay_sum|numeric|支付总金额",
            "t|order_amount|numeric|订单金额",
            "t|count|integer|数量",
            "t|qty|integer|数量",
            "t|quantity|integer|数量",
            "t|num|integer|数量",
            "t|visit_count|integer|访问数量",
            "t|wx_order|integer|微信订单数",
            "t|order_sum|integer|订单总数",
            "t|status|varchar(10)|状态",
            "t|order_status|varchar(10)|订单状态",
            "t|state|varchar(10)|状态",
            "t|type|varchar(10)|类型",
            "t|car_type|varchar(10)|车辆类型",
            "t|category|varchar(10)|类别",
            "t|level|integer|级别",
            "t|email|text|电子邮箱",
            "t|phone|text|电话号码",
            "t|mobile|text|手机号码",
            "t|address|text|地址",
            "t|city|text|城市",
            "t|country|text|国家",
            "t|description|text|描述",
            "film|description|text|电影描述",
            "t|remark|text|备注",
            "t|note|text|备注",
            "film|title|text|电影标题",
            "t|url|text|网址",
            "t|sort|integer|排序号",
            "t|seq|integer|序号",
            "t|is_open|boolean|是否开放",
            "t|enabled|boolean|是否启用",
            "t|verified|boolean|是否已验证",
            "t|foo_bar|text|foo_bar字段",
            "t|xyzzy|text|xyzzy字段",
            "t|rental_duration|smallint|租赁时长",
            "t|address2|text|地址2",
            "t|sbCustName|text|sb客户名称"})
    void namesColumnsFromTheirIdentifiers(String table, String column, String type, String expected) {
        assertEquals(expected, comment(table, column, type));
    }

    @Test
    void keepsCatalogCommentsAndGeneratesTheRest() {
        TableInfo table = table("bss_service_area", null,
                column("id", "varchar(32)", "服务区ID（32位主键）"),
                column("service_area_name", "varchar(255)", null),
                column("service_state", "varchar(50)", "  状态;开放\n或关闭  "),
                column("create_ts", "timestamp", " "));
        TableDoc doc = GENERATOR.document(table, "高速公路服务区管理系统");
        assertEquals("高速公路服务区管理系统中的服务区表", doc.tableComment());
        assertEquals("builtin", doc.engine());
        assertEquals(Map.of("id", "服务区ID（32位主键）", "service_area_name", "服务区名称",
                "service_state", "状态；开放 或关闭", "create_ts", "创建时间"), doc.columnComments());
        assertEquals(List.of("id", "service_area_name", "service_state", "create_ts"),
                new ArrayList<>(doc.columnComments().keySet()));
    }

    @Test
    void tableComments() {
        assertEquals("公司表：运营分公司", GENERATOR.document(table("bss_company", "公司表：运营分公司"), "x").tableComment());
        assertEquals("数据库管理系统中的客户表", GENERATOR.document(table("customer", null), null).tableComment());
        assertEquals("数据库管理系统中的客户表", GENERATOR.document(table("t_customer", ""), " ").tableComment());
        assertEquals("零售系统中的订单明细表", GENERATOR.document(table("order_items", null), "零售系统").tableComment());
        assertEquals("零售系统中的foo_bar表", GENERATOR.document(table("foo_bar", null), "零售系统").tableComment());
        assertEquals("零售系统中的foo订单表", GENERATOR.document(table("foo_order", null), "零售系统").tableComment());
        assertEquals("高速公路服务区管理系统中的服务区映射表",
                GENERATOR.document(table("bss_service_area_mapper", null), "高速公路服务区管理系统").tableComment());
    }

    @Test
    void generatorContract() {
        assertEquals("builtin", GENERATOR.engine());
        assertTrue(GENERATOR.available());
        TableDoc doc = GENERATOR.comment(table("customer", null, column("email", "text", null)), "系统")
                .await().indefinitely();
        assertEquals("电子邮箱", doc.columnComment("email"));
    }

    @Test
    void everyPagilaColumnGetsAChineseComment() {
        String url = BusinessDbs.pagila();
        assumeTrue(url != null, "needs ../shared/datasets/pagila");
        var pool = DdlTestSupport.pool(vertx, url);
        try {
            Map<String, TableDoc> docs = new LinkedHashMap<>();
            for (String name : DdlTestSupport.tables(pool, "public")) {
                TableInfo info = DdlTestSupport.inspect(pool, name, DdlTestSupport.DdlSettings.defaults());
                docs.put(name, GENERATOR.document(info, null));
            }
            assertTrue(docs.size() >= 15, "pagila tables: " + docs.keySet());
            List<String> problems = new ArrayList<>();
            for (TableDoc doc : docs.values()) {
                String table = doc.table().ref().name();
                if (!CHINESE.matcher(doc.tableComment()).find() || !doc.tableComment().startsWith("数据库管理系统中的")) {
                    problems.add(table + ": " + doc.tableComment());
                }
                for (ColumnInfo column : doc.table().columns()) {
                    String c = doc.columnComment(column.name());
                    if (!CHINESE.matcher(c).find() || c.contains(";") || c.contains("\n") || c.contains("抱歉")) {
                        problems.add(table + "." + column.name() + ": " + c);
                    }
                }
            }
            assertEquals(List.of(), problems);
            assertEquals("数据库管理系统中的客户表", docs.get("customer").tableComment());
            assertEquals("客户ID", docs.get("customer").columnComment("customer_id"));
            assertEquals("客户ID", docs.get("payment").columnComment("customer_id"));
            assertEquals("更新时间", docs.get("customer").columnComment("last_update"));
            assertEquals("门店ID", docs.get("customer").columnComment("store_id"));
            assertEquals("电子邮箱", docs.get("customer").columnComment("email"));
            assertEquals("是否活跃", docs.get("customer").columnComment("activebool"));
            assertEquals("创建日期", docs.get("customer").columnComment("create_date"));
            assertEquals("名", docs.get("actor").columnComment("first_name"));
            assertEquals("姓", docs.get("actor").columnComment("last_name"));
            assertEquals("电影标题", docs.get("film").columnComment("title"));
            assertEquals("发行年份", docs.get("film").columnComment("release_year"));
            assertEquals("原始语言ID", docs.get("film").columnComment("original_language_id"));
            assertEquals("语言名称", docs.get("language").columnComment("name"));
            assertEquals("金额", docs.get("payment").columnComment("amount"));
            assertEquals("支付日期", docs.get("payment").columnComment("payment_date"));
            assertEquals("邮政编码", docs.get("address").columnComment("postal_code"));
            assertEquals("密码", docs.get("staff").columnComment("password"));
            assertEquals("归还日期", docs.get("rental").columnComment("return_date"));
            assertEquals("数据库管理系统中的电影演员表", docs.get("film_actor").tableComment());
            assertFalse(docs.get("film").columnComments().containsValue(""));
        } finally {
            pool.closeAndAwait();
        }
    }
}
