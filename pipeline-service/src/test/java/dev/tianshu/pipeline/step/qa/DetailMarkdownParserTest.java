package dev.tianshu.pipeline.step.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableRef;

class DetailMarkdownParserTest {

    private final DetailMarkdownParser parser = new DetailMarkdownParser();

    @Test
    void readsEveryDetailFileOfTheOriginalsExampleRun() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        Map<String, Integer> fields = Map.of("bss_business_day_data", 26, "bss_car_day_count", 12, "bss_company", 10,
                "bss_section_route", 11, "bss_section_route_area_link", 2, "bss_service_area", 14,
                "bss_service_area_mapper", 13);
        fields.forEach((table, count) -> {
            TableDoc doc = parser.parse(ExampleRunDocs.read(table + "_detail.md"), table + "_detail.md");
            assertEquals(new TableRef("public", table), doc.table().ref());
            assertEquals(count, doc.table().columns().size(), table);
            assertEquals(DetailMarkdownParser.ENGINE, doc.engine());
            assertEquals(-1, doc.table().rowCount());
            assertNull(doc.table().sizePretty());
            assertEquals(count, doc.columnComments().size());
            assertFalse(doc.tableComment().isBlank(), table);
        });
    }

    @Test
    void readsTypesKeysNullabilityCommentsAndExamples() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        TableDoc doc = parser.parse(ExampleRunDocs.read("bss_business_day_data_detail.md"), "bss_business_day_data_detail.md");
        assertEquals("高速公路服务区每日经营数据记录表，用于统计各服务区按日维度的运营情况。", doc.tableComment());
        assertEquals("高速公路服务区每日经营数据记录表", doc.shortName());
        assertEquals(List.of("id"), doc.table().primaryKey());
        ColumnInfo id = doc.table().column("id").orElseThrow();
        assertTrue(id.primaryKey());
        assertFalse(id.nullable());
        assertEquals("varchar(32)", id.dataType());
        assertEquals("主键ID", id.comment());
        ColumnInfo version = doc.table().column("version").orElseThrow();
        assertFalse(version.nullable(), "非空");
        assertFalse(version.primaryKey());
        assertTrue(doc.table().column("create_ts").orElseThrow().nullable());
        assertEquals("timestamp", doc.table().column("create_ts").orElseThrow().dataType());
        assertEquals("numeric(19,4)", doc.table().column("wx").orElseThrow().dataType());
        assertEquals("date", doc.table().column("oper_date").orElseThrow().dataType());
        assertEquals("总支付金额", doc.columnComment("pay_sum"));
        assertEquals(List.of("0", "4", "1", "2", "3"), doc.table().enums().get("source_type"));
        // row i holds the i-th example of every column; missing examples are null
        assertEquals("宜春服务区", doc.table().samples().get(0).get("service_name"));
        assertEquals("庐山服务区", doc.table().samples().get(1).get("service_name"));
        assertEquals("4", doc.table().samples().get(2).get("source_type"));
        assertNull(doc.table().samples().get(2).get("service_name"));
        assertNull(doc.table().samples().get(0).get("updated_by"));
    }

    @Test
    void readsCompositeKeysEnumsAndExamplesWithCommas() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        TableDoc link = parser.parse(ExampleRunDocs.read("bss_section_route_area_link_detail.md"), "x_detail.md");
        assertEquals(List.of("section_route_id", "service_area_id"), link.table().primaryKey());
        assertTrue(link.table().columns().stream().allMatch(ColumnInfo::primaryKey));

        TableDoc company = parser.parse(ExampleRunDocs.read("bss_company_detail.md"), "bss_company_detail.md");
        assertEquals(List.of("H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08", "Q01"),
                company.table().enums().get("company_no"));
        assertEquals(List.of("company_no"), List.copyOf(company.table().enums().keySet()));

        TableDoc area = parser.parse(ExampleRunDocs.read("bss_service_area_detail.md"), "bss_service_area_detail.md");
        assertEquals("114.574721,26.825584", area.table().samples().get(0).get("service_position"));
        assertEquals("115.910549,28.396355", area.table().samples().get(1).get("service_position"));
        assertNull(area.table().samples().get(0).get("deleted_by"), "[示例: ] has no example");
        assertEquals(List.of("开放", "关闭", "上传数据"), area.table().enums().get("service_state"));
        assertEquals(List.of("信息化服务区", "智能化服务区"), area.table().enums().get("service_area_type"));
    }

    @Test
    void readsTheMetadataFileWithBackticksAndDefaults() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        TableDoc doc = parser.parse(ExampleRunDocs.read("metadata_detail.md"), "metadata_detail.md");
        assertEquals(new TableRef("public", "metadata"), doc.table().ref());
        assertEquals(7, doc.table().columns().size());
        assertEquals(List.of("id"), doc.table().primaryKey());
        assertEquals("text[]", doc.table().column("related_tables").orElseThrow().dataType());
        assertEquals("CURRENT_TIMESTAMP", doc.table().column("created_at").orElseThrow().defaultValue());
        assertEquals("插入时间", doc.columnComment("created_at"));
        assertEquals("bss_section_route", doc.table().samples().get(1).get("related_tables"));
        assertTrue(doc.tableComment().startsWith("存储分析主题元数据，"), doc.tableComment());
        assertEquals("存储分析主题元数据", doc.shortName());
    }

    @Test
    void readsForeignKeyTargetsSchemasAndEmptyComments() {
        String md = """
                ## ods.orders（订单表）
                ods.orders 表订单表，记录每笔订单。
                字段列表：
                - order_id (bigint) - 订单ID [主键, 非空]
                - customer_id (integer) - 客户ID [外键]
                - shop_id (integer) - 
                - store_id (integer) -
                - amount (numeric(12,2)) - 金额[元] [示例: 12.50, 8.00]
                - note (text) - 备注 [示例: 说明, 含[括号]]
                字段补充说明：
                - order_id 为主键
                - customer_id 为外键，关联 crm.customer.id
                - `shop_id` 为外键，关联 `shop.shop_id`
                - store_id 为外键
                - 其他说明：忽略
                """;
        TableDoc doc = parser.parse(md, "ods_orders_detail.md");
        assertEquals(new TableRef("ods", "orders"), doc.table().ref());
        assertEquals("订单表，记录每笔订单。", doc.tableComment());
        assertEquals(6, doc.table().columns().size());
        assertEquals(new ForeignKeyRef("customer_id", new TableRef("crm", "customer"), "id"),
                doc.table().column("customer_id").orElseThrow().foreignKey());
        assertEquals(new ForeignKeyRef("shop_id", new TableRef("public", "shop"), "shop_id"),
                doc.table().column("shop_id").orElseThrow().foreignKey());
        assertNull(doc.table().column("store_id").orElseThrow().foreignKey(), "no target, no reference");
        assertEquals(2, doc.table().foreignKeys().size());
        assertEquals("", doc.columnComment("shop_id"));
        assertNull(doc.table().column("store_id").orElseThrow().comment());
        assertEquals("金额[元]", doc.columnComment("amount"));
        assertEquals("12.50", doc.table().samples().get(0).get("amount"));
        assertEquals("numeric(12,2)", doc.table().column("amount").orElseThrow().dataType());
        assertEquals(List.of("order_id"), doc.table().primaryKey());
    }

    @Test
    void takesTheTableFromTheFileNameWithoutAHeader() {
        TableDoc doc = parser.parse("字段列表：\n- a (integer) - 数量\n", "t_orders_detail.md");
        assertEquals(new TableRef("public", "t_orders"), doc.table().ref());
        assertEquals(1, doc.table().columns().size());
        assertEquals(List.of(), doc.table().samples());

        TableDoc empty = parser.parse("", "x_detail.md");
        assertEquals(0, empty.table().columns().size());
        assertEquals("", empty.tableComment());
    }
}
