package dev.tianshu.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class TableListTest {

    @Test
    void readsTheOriginalsExampleFile() {
        String text = """
                # 示例表清单文件
                # 每行一个表名，支持 schema.table 格式
                # 以 # 开头的行为注释

                # 服务区相关表
                bss_car_day_count,bss_business_day_data,bss_company,bss_section_route,bss_section_route_area_link,bss_service_area,bss_service_area_mapper
                """;
        TableList list = TableList.parse(text);
        assertEquals(List.of("public.bss_car_day_count", "public.bss_business_day_data", "public.bss_company",
                "public.bss_section_route", "public.bss_section_route_area_link", "public.bss_service_area",
                "public.bss_service_area_mapper"), list.names());
        assertEquals(List.of(), list.invalid());
    }

    @Test
    void skipsCommentsAndBlanksTrimsAndSplitsOnCommas() {
        TableList list = TableList.parse("\uFEFF-- a comment\r\n  orders ,  ods.items,,\r\n\t\n# t3\ncustomers\n");
        assertEquals(List.of(new TableRef("public", "orders"), new TableRef("ods", "items"),
                new TableRef("public", "customers")), list.tables());
        assertEquals(List.of("public.orders", "ods.items", "public.customers"), list.names());
    }

    @Test
    void invalidEntriesAreKeptAsWritten() {
        TableList list = TableList.parse("good, 1bad, a.b.c\nx-y;drop table t\n\"Quoted\", ok_2");
        assertEquals(List.of("public.good", "public.ok_2"), list.names());
        assertEquals(List.of("1bad", "a.b.c", "x-y;drop table t", "\"Quoted\""), list.invalid());
    }

    @Test
    void duplicatesKeepTheFirstOccurrenceAndTIsPublicT() {
        TableList list = TableList.parse("t, public.t\ns.t\nT\ns.t, bad!, bad!");
        assertEquals(List.of("public.t", "s.t", "public.T"), list.names());
        assertEquals(List.of("bad!"), list.invalid());
    }

    @Test
    void emptyTextHasNoTables() {
        assertEquals(new TableList(List.of(), List.of()), TableList.parse(""));
        assertEquals(new TableList(List.of(), List.of()), TableList.parse(null));
        assertEquals(List.of(), TableList.parse("# only\n-- comments\n").tables());
    }

    @Test
    void rendersTheFileTheApiWrites() {
        String text = TableList.render(List.of("bss_company", "ods.items"), LocalDateTime.of(2025, 7, 2, 18, 7, 15));
        assertEquals("# 表清单文件\n# 生成时间: 2025-07-02 18:07:15\n# 表数量: 2\n\nbss_company\nods.items\n", text);
        assertEquals(List.of("public.bss_company", "ods.items"), TableList.parse(text).names());
        assertEquals("# 表清单文件\n# 生成时间: 2025-01-01 00:00:00\n# 表数量: 0\n\n",
                TableList.render(List.of(), LocalDateTime.of(2025, 1, 1, 0, 0)));
    }

    @Test
    void listsAreImmutable() {
        TableList list = TableList.parse("a, b");
        assertThrows(UnsupportedOperationException.class, () -> list.tables().add(new TableRef("public", "c")));
        assertThrows(UnsupportedOperationException.class, () -> list.invalid().add("x"));
    }
}
