package dev.tianshu.pipeline.step.qa.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.step.qa.DetailMarkdownParser;
import dev.tianshu.pipeline.step.qa.ExampleRunDocs;
import dev.tianshu.pipeline.step.qa.SchemaDocs;

class SchemaSemanticsTest {

    static SchemaSemantics schema;

    @BeforeAll
    static void read() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        schema = SchemaSemantics.of(ExampleRunDocs.schemaDocs(), "高速公路服务区管理系统");
    }

    private static TableSemantics table(String name) {
        return schema.find(name).orElseThrow();
    }

    private static ColumnRole role(String table, String column) {
        return table(table).column(column).role();
    }

    @Test
    void classifiesColumnsByTheirMeaning() {
        assertEquals(ColumnRole.KEY, role("bss_business_day_data", "id"));
        assertEquals(ColumnRole.AUDIT, role("bss_business_day_data", "version"));
        assertEquals(ColumnRole.AUDIT, role("bss_business_day_data", "created_by"));
        assertEquals(ColumnRole.AUDIT_DATE, role("bss_business_day_data", "create_ts"));
        assertEquals(ColumnRole.AUDIT_DATE, role("bss_business_day_data", "update_ts"));
        assertEquals(ColumnRole.SOFT_DELETE, role("bss_business_day_data", "delete_ts"));
        assertEquals(ColumnRole.BUSINESS_DATE, role("bss_business_day_data", "oper_date"));
        assertEquals(ColumnRole.CODE, role("bss_business_day_data", "service_no"));
        assertEquals(ColumnRole.NAME, role("bss_business_day_data", "service_name"));
        assertEquals(ColumnRole.MEASURE, role("bss_business_day_data", "pay_sum"));
        assertEquals(ColumnRole.MEASURE, role("bss_business_day_data", "wx_order"));
        assertEquals(ColumnRole.CATEGORY, role("bss_business_day_data", "source_type"), "an enum, not a measure");
        assertEquals(ColumnRole.FOREIGN_KEY, role("bss_car_day_count", "service_area_id"));
        assertEquals(ColumnRole.CATEGORY, role("bss_car_day_count", "car_type"));
        assertEquals(ColumnRole.CODE, role("bss_company", "company_no"), "an enum of codes is a code");
        assertEquals(ColumnRole.OTHER, role("bss_service_area", "service_position"), "coordinates");
        assertEquals(ColumnRole.AUDIT, role("bss_section_route", "created_by"), "an enum, but an audit column");
        assertEquals(MeasureKind.AMOUNT, table("bss_business_day_data").column("pay_sum").measureKind());
        assertEquals(MeasureKind.COUNT, table("bss_business_day_data").column("order_sum").measureKind());
    }

    @Test
    void findsFactsMeasuresDatesAndNames() {
        TableSemantics day = table("bss_business_day_data");
        assertTrue(day.isFact());
        assertEquals("oper_date", day.primaryDate().name());
        assertEquals(List.of("pay_sum", "order_sum"), day.measures().subList(0, 2).stream().map(ColumnSemantics::name)
                .toList());
        assertEquals("service_name", day.dimensions().get(0).name());
        assertTrue(table("bss_car_day_count").isFact());
        assertFalse(table("bss_service_area").isFact());
        assertTrue(table("bss_section_route_area_link").isBridge());
        assertFalse(table("bss_service_area_mapper").isBridge());
        assertEquals(List.of("delete_ts IS NULL"), day.activeRows(null));
        assertEquals(List.of("sa.delete_ts IS NULL"), table("bss_service_area").activeRows("sa"));
        assertEquals(List.of(), table("bss_section_route_area_link").activeRows("l"));
        assertEquals("create_ts", table("bss_company").createdDate().name());
        assertNull(table("bss_section_route_area_link").createdDate());
    }

    @Test
    void namesTablesAndTheirRows() {
        assertEquals("服务区每日经营数据", table("bss_business_day_data").label());
        assertEquals("服务区", table("bss_service_area").label());
        assertEquals("公司", table("bss_company").label());
        assertEquals("服务区", table("bss_service_area").entity());
        assertTrue(table("bss_service_area").namedEntity());
        assertEquals("路段", table("bss_section_route").entity());
        assertEquals("服务区映射", table("bss_service_area_mapper").entity(), "a mapping is not a service area");
        assertFalse(table("bss_service_area_mapper").namedEntity());
        assertEquals("服务区数量", table("bss_service_area").countLabel());
        assertEquals("条服务区映射记录", table("bss_service_area_mapper").countPhrase());
        assertEquals("服务区经营数据", TableLabels.shorten("服务区每日经营数据", 8));
        assertEquals("customer", TableLabels.shorten("customer", 6), "never cut inside an English word");
    }

    @Test
    void linksForeignKeysAndGivesUniqueAliases() {
        TableSemantics area = table("bss_service_area");
        assertEquals(List.of("bss_company"), area.parents().stream().map(l -> l.parent().ref().name()).toList());
        assertEquals(List.of("bss_car_day_count", "bss_section_route_area_link", "bss_service_area_mapper"),
                schema.children(area).stream().map(l -> l.child().ref().name()).toList());
        assertEquals("sa", area.alias());
        assertEquals("c", table("bss_company").alias());
        assertEquals(schema.tables().size(), schema.tables().stream().map(TableSemantics::alias).distinct().count());
        assertEquals("cdc.service_area_id = sa.id", table("bss_car_day_count").parents().get(0).on("cdc", "sa"));
    }

    @Test
    void writesAliasesAndLiteralsSafely() {
        assertEquals("总营收", SqlText.alias("总营收"));
        assertEquals("\"服务区ID\"", SqlText.alias("服务区ID"));
        assertEquals("\"金额(元)\"", SqlText.alias("金额(元)"));
        assertEquals("\"1号\"", SqlText.alias("1号"));
        assertEquals("\"order\"", SqlText.identifier("order"));
        assertEquals("pay_sum", SqlText.identifier("pay_sum"));
        assertEquals("\"Name\"", SqlText.identifier("Name"));
        assertEquals("'O''Brien'", SqlText.string("O'Brien"));
        ColumnSemantics numeric = new ColumnSemantics(new ColumnInfo(1, "n", "integer", true, null, null, false, null),
                ColumnRole.CATEGORY, "n", MeasureKind.OTHER, List.of("1", "x"), List.of());
        assertEquals("1", numeric.literal("1"));
        assertNull(numeric.literal("x"), "not a number: never compared with a numeric column");
        assertEquals(List.of("1"), numeric.filterValues());
    }

    @Test
    void aTableWithMeasuresButOnlyACreationTimeIsStillAFact() {
        List<ColumnInfo> columns = List.of(
                new ColumnInfo(1, "order_id", "bigint", false, null, "订单ID", true, null),
                new ColumnInfo(2, "amount", "numeric(12,2)", true, null, "订单金额", false, null),
                new ColumnInfo(3, "created_at", "timestamp with time zone", true, null, "下单时间", false, null),
                new ColumnInfo(4, "updated_at", "timestamp with time zone", true, null, "更新时间", false, null));
        TableInfo info = new TableInfo(new TableRef("shop", "orders"), "订单表", columns, List.of("order_id"), List.of(),
                -1, null, List.of(), Map.of());
        Map<String, String> comments = new LinkedHashMap<>();
        columns.forEach(c -> comments.put(c.name(), c.comment()));
        SchemaSemantics shop = SchemaSemantics.of(new SchemaDocs("shop", List.of(new TableDoc(info, "订单表", comments,
                "test")), ""), "电商");
        TableSemantics orders = shop.find("shop.orders").orElseThrow();
        assertEquals(ColumnRole.AUDIT_DATE, orders.column("created_at").role());
        assertTrue(orders.isFact());
        assertEquals("created_at", orders.primaryDate().name());
        assertEquals("shop.orders", orders.sqlName());
        assertTrue(shop.find("orders").isPresent());
    }

    @Test
    void keepsTheTablesInTheirOrder() {
        assertEquals(List.of("bss_car_day_count", "bss_business_day_data", "bss_company", "bss_section_route",
                "bss_section_route_area_link", "bss_service_area", "bss_service_area_mapper"),
                schema.tables().stream().map(t -> t.ref().name()).toList());
        assertTrue(schema.tables().stream().allMatch(t -> t.doc().engine().equals(DetailMarkdownParser.ENGINE)));
    }
}
