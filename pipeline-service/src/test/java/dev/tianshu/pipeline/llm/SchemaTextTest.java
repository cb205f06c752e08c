package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.step.qa.SchemaDocs;

/** The schema text of step 2's prompts: sections of some tables, a size budget, names resolved. */
class SchemaTextTest {

    @Test
    void namesResolveByNameOrQualifiedNameIgnoringCase() {
        SchemaDocs schema = LlmTestData.twoTables();
        assertEquals(List.of("bss_service_area", "bss_company"), SchemaText.tableNames(schema));
        assertEquals(Optional.of("bss_company"), SchemaText.resolve(schema, "public.BSS_Company"));
        assertEquals(Optional.of("bss_company"), SchemaText.resolve(schema, "\"bss_company\""));
        assertEquals(Optional.empty(), SchemaText.resolve(schema, "bss_branch"));
    }

    @Test
    void sectionsOfTheNamedTablesOnly() {
        SchemaDocs schema = LlmTestData.twoTables();
        String company = SchemaText.of(schema, List.of("bss_company"), SchemaText.MAX_CHARS);
        assertTrue(company.startsWith("## bss_company（服务区管理公司表）"), company);
        assertTrue(company.contains("company_name"));
        assertFalse(company.contains("bss_service_area"), company);
        assertFalse(company.contains("===="), company);
        assertEquals(schema.markdown().strip(), SchemaText.of(schema, List.of("nothing_known"), SchemaText.MAX_CHARS));
    }

    @Test
    void beyondTheBudgetEachTableIsOneLine() {
        SchemaDocs small = LlmTestData.twoTables();
        SchemaDocs schema = new SchemaDocs(small.dbName(), small.tables(), small.markdown() + "说明".repeat(1000));
        String compact = SchemaText.all(schema, 1000);
        assertTrue(compact.startsWith("## bss_service_area（服务区基础信息表） 字段：id (varchar(32)) id说明、"), compact);
        assertTrue(compact.contains("## bss_company（服务区管理公司表） 字段：id (varchar(32)) 公司ID、company_name"),
                compact);
        String cut = SchemaText.all(schema, compact.indexOf("## bss_company") + 10);
        assertTrue(cut.startsWith("## bss_service_area"), cut);
        assertTrue(cut.endsWith("（另有 1 个表因篇幅所限未列出）"), cut);
    }
}
