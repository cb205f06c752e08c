package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tianshu.common.testing.OpenAiChatStub;
import dev.tianshu.common.testing.OpenAiChatStubResource;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.step.ddl.CommentGenerator;
import dev.tianshu.pipeline.step.ddl.LlmCommentGenerator;
import dev.tianshu.pipeline.step.qa.LlmQuestionSqlGenerator;
import dev.tianshu.pipeline.step.qa.SchemaDocs;
import dev.tianshu.pipeline.step.validation.LlmSqlRepairer;
import dev.tianshu.pipeline.step.validation.SqlRepairer.FailedSql;
import dev.tianshu.pipeline.testing.OpenAiChatStubDefaultAnswers;
import dev.tianshu.pipeline.testing.OpenAiChatStubProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * The three LLM engines against the stub: what their prompts carry, and how they check and use the answers.
 */
@QuarkusTest
@TestProfile(OpenAiChatStubProfile.class)
class LlmEnginesTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String TABLE_PROMPT = "请为下面的数据库表生成中文注释";
    static final String COLUMN_PROMPT = "需要生成注释的字段";

    @Inject
    LlmClient llm;

    @Inject
    LlmCommentGenerator comments;

    @Inject
    LlmQuestionSqlGenerator questions;

    @Inject
    LlmSqlRepairer repairer;

    @Inject
    @Any
    Instance<CommentGenerator> commentGenerators;

    OpenAiChatStub stub;

    @BeforeEach
    void reset() {
        stub = OpenAiChatStubResource.stub();
        stub.reset();
    }

    @Test
    void enginesAreAvailableAndNamedAfterTheModel() {
        String engine = "llm:" + OpenAiChatStub.DEFAULT_MODEL;
        assertTrue(comments.available() && questions.available() && repairer.available());
        assertEquals(List.of(engine, engine, engine),
                List.of(comments.engine(), questions.engine(), repairer.engine()));
    }

    // ---- step 1: comments

    @Test
    void commentPromptsCarryContextTableExistingCommentsAndSamples() {
        stub.when(TABLE_PROMPT, "服务区基础信息表")
                .when(COLUMN_PROMPT, "{\"fields\": [{\"name\": \"service_area_name\", \"comment\": \"服务区名称\"}]}");

        comments.comment(LlmTestData.serviceArea(), LlmTestData.CONTEXT).await().atMost(WAIT);

        OpenAiChatStub.ChatCall table = stub.calls(TABLE_PROMPT).get(0);
        for (String expected : List.of(LlmTestData.CONTEXT, "表名：public.bss_service_area", "- id (varchar(32))：主键ID",
                "- version (integer)：数据版本号", "service_area_name=宜春服务区", "数据行数：120")) {
            assertTrue(table.user().contains(expected), expected + " in\n" + table.user());
        }
        OpenAiChatStub.ChatCall columns = stub.calls(COLUMN_PROMPT).get(0);
        for (String expected : List.of(LlmTestData.CONTEXT, "表注释：服务区基础信息表", "- id (varchar(32))：主键ID，主键",
                "样例值：宜春服务区、庐山服务区", "枚举取值：开放、关闭、上传数据", "外键，引用 public.bss_company.id")) {
            assertTrue(columns.user().contains(expected), expected + " in\n" + columns.user());
        }
        String asked = columns.user().substring(columns.user().indexOf("需要生成注释的字段："));
        assertTrue(asked.contains("- service_area_name\n") && asked.contains("- service_area_no\n"), asked);
        assertFalse(asked.contains("- id\n") || asked.contains("- version\n"), "commented columns are not asked for");
    }

    @Test
    void columnCommentsAreMappedByNameKeepingExistingOnesAndFallingBackForOmittedOnes() {
        stub.when(TABLE_PROMPT, "表注释：服务区基础信息表;记录服务区名称\n\n说明：根据字段推断")
                .when(COLUMN_PROMPT, """
                        ```json
                        {"fields": [
                          {"name": "service_state", "comment": "运营状态\\n（开放/关闭）"},
                          {"name": "id", "comment": "不应覆盖已有注释"},
                          {"name": "no_such_column", "comment": "不存在的字段"},
                          {"name": "SERVICE_AREA_NAME", "comment": "字段注释：服务区名称"},
                          {"name": "delete_ts", "comment": "删除时间"}
                        ]}
                        ```""");
        TableInfo table = LlmTestData.serviceArea();

        TableDoc doc = comments.comment(table, LlmTestData.CONTEXT).await().atMost(WAIT);

        assertEquals("服务区基础信息表；记录服务区名称", doc.tableComment());
        assertEquals("llm:" + OpenAiChatStub.DEFAULT_MODEL, doc.engine());
        assertEquals("主键ID", doc.columnComment("id"), "existing comments are kept as they are");
        assertEquals("数据版本号", doc.columnComment("version"));
        assertEquals("运营状态 （开放/关闭）", doc.columnComment("service_state"), "mapped by name, not position");
        assertEquals("服务区名称", doc.columnComment("service_area_name"));
        assertEquals("删除时间", doc.columnComment("delete_ts"));
        TableDoc builtin = commentGenerators.stream().filter(g -> g.engine().equals("builtin")).findFirst()
                .map(g -> g.comment(table, LlmTestData.CONTEXT).await().atMost(WAIT)).orElse(null);
        for (String omitted : List.of("service_area_no", "company_id")) {
            String expected = builtin == null ? omitted : builtin.columnComment(omitted);
            assertEquals(expected, doc.columnComment(omitted), "omitted by the LLM: the built-in comment");
        }
        assertEquals(table.columns().stream().map(ColumnInfo::name).toList(),
                List.copyOf(doc.columnComments().keySet()));
        assertEquals(2, stub.calls().size());
    }

    @Test
    void omittedColumnsTakeTheBuiltInEnginesCommentsOrElseTheirNames() {
        stub.when(TABLE_PROMPT, "服务区基础信息表")
                .when(COLUMN_PROMPT, "{\"fields\": [{\"name\": \"service_state\", \"comment\": \"运营状态\"}]}");
        TableInfo table = LlmTestData.serviceArea();
        CommentGenerator builtin = new FixedCommentGenerator(Uni.createFrom().item(() -> {
            Map<String, String> byName = new LinkedHashMap<>();
            table.columns().forEach(c -> byName.put(c.name(), "内置" + c.name()));
            return new TableDoc(table, "内置表注释", byName, "builtin");
        }));

        TableDoc doc = new LlmCommentGenerator(llm, () -> Optional.of(builtin)).comment(table, LlmTestData.CONTEXT)
                .await().atMost(WAIT);

        assertEquals("服务区基础信息表", doc.tableComment());
        assertEquals("运营状态", doc.columnComment("service_state"));
        assertEquals("主键ID", doc.columnComment("id"));
        assertEquals("内置service_area_no", doc.columnComment("service_area_no"));
        assertEquals("内置delete_ts", doc.columnComment("delete_ts"));

        CommentGenerator broken = new FixedCommentGenerator(Uni.createFrom().failure(new IllegalStateException("x")));
        TableDoc withoutBuiltin = new LlmCommentGenerator(llm, () -> Optional.of(broken))
                .comment(table, LlmTestData.CONTEXT).await().atMost(WAIT);
        assertEquals("service_area_no", withoutBuiltin.columnComment("service_area_no"));
        assertEquals("运营状态", withoutBuiltin.columnComment("service_state"));
    }

    /** A stand-in for the built-in engine. */
    record FixedCommentGenerator(Uni<TableDoc> doc) implements CommentGenerator {
        @Override
        public String engine() {
            return "builtin";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Uni<TableDoc> comment(TableInfo table, String businessContext) {
            return doc;
        }
    }

    @Test
    void aTableWithAllCommentsNeedsNoRequest() {
        TableInfo t = LlmTestData.serviceArea();
        List<ColumnInfo> commented = t.columns().stream().map(c -> new ColumnInfo(c.position(), c.name(), c.dataType(),
                c.nullable(), c.defaultValue(), "注释" + c.position(), c.primaryKey(), c.foreignKey())).toList();
        TableInfo full = new TableInfo(t.ref(), "已有表注释", commented, t.primaryKey(), t.foreignKeys(), t.rowCount(),
                t.sizePretty(), t.samples(), t.enums());

        TableDoc doc = comments.comment(full, LlmTestData.CONTEXT).await().atMost(WAIT);

        assertEquals("已有表注释", doc.tableComment());
        assertEquals("注释4", doc.columnComment("service_area_name"));
        assertEquals(0, stub.calls().size());
    }

    @Test
    void anApologyIsNeverAComment() {
        stub.when(TABLE_PROMPT, "抱歉，我暂时无法回答您的问题。请稍后再试。");
        LlmException e = assertThrows(LlmException.class,
                () -> comments.comment(LlmTestData.serviceArea(), LlmTestData.CONTEXT).await().atMost(WAIT));
        assertTrue(e.getMessage().contains("拒绝或未能完成表注释"), e.getMessage());
        assertEquals(3, stub.calls().size());

        stub.reset();
        stub.when(TABLE_PROMPT, "服务区基础信息表").when(COLUMN_PROMPT,
                "{\"fields\": [{\"name\": \"service_state\", \"comment\": \"对不起，我无法确定这个字段的含义\"}]}");
        assertThrows(LlmException.class,
                () -> comments.comment(LlmTestData.serviceArea(), LlmTestData.CONTEXT).await().atMost(WAIT));
        assertEquals(3, stub.calls(COLUMN_PROMPT).size());
    }

    @Test
    void columnAnswersWithoutTheFieldsStructureFail() {
        stub.when(TABLE_PROMPT, "服务区基础信息表")
                .when(COLUMN_PROMPT, "[{\"name\": \"service_state\", \"comment\": \"运营状态\"}]");
        LlmException e = assertThrows(LlmException.class,
                () -> comments.comment(LlmTestData.serviceArea(), LlmTestData.CONTEXT).await().atMost(WAIT));
        assertTrue(e.getMessage().contains("缺少字段"), e.getMessage());
    }

    // ---- step 2: themes, pairs, decision prompt

    @Test
    void themesPromptCarriesTheMarkdownAndUnknownTablesAreDropped() {
        stub.when("业务分析主题", """
                {"themes": [
                  {"topic_name": "服务区运营", "description": "分析服务区运营", "related_tables":
                     ["bss_service_area", "bss_branch", "public.bss_company", "bss_service_area"],
                   "biz_entities": ["服务区"], "biz_metrics": ["数量"]},
                  {"topic_name": "档口分析", "description": "只引用不存在的表", "related_tables": ["bss_branch"],
                   "biz_entities": ["档口"], "biz_metrics": ["数量"]},
                  {"topic_name": "公司", "description": "公司", "related_tables": ["BSS_COMPANY"],
                   "biz_entities": ["公司"], "biz_metrics": ["数量"]},
                  {"topic_name": "多余", "description": "超出数量", "related_tables": ["bss_company"],
                   "biz_entities": [], "biz_metrics": []}
                ]}""");
        SchemaDocs schema = LlmTestData.twoTables();

        List<Theme> themes = questions.themes(schema, LlmTestData.CONTEXT, 2).await().atMost(WAIT);

        assertEquals(List.of(
                new Theme("服务区运营", "分析服务区运营", List.of("bss_service_area", "bss_company"), List.of("服务区"),
                        List.of("数量")),
                new Theme("公司", "公司", List.of("bss_company"), List.of("公司"), List.of("数量"))), themes);
        String prompt = stub.calls().get(0).user();
        assertTrue(prompt.contains(schema.markdown().strip()), prompt);
        assertTrue(prompt.contains("可用的表（related_tables 只能从中选择）：bss_service_area, bss_company"), prompt);
        assertTrue(prompt.contains("提炼出 2 个") && prompt.contains(LlmTestData.CONTEXT), prompt);
        assertFalse(prompt.contains("bss_branch"), "no table outside the schema is ever suggested");
    }

    @Test
    void themesReferringToNoKnownTableOrMissingFieldsFail() {
        stub.when("业务分析主题", "{\"themes\": [{\"topic_name\": \"档口\", \"description\": \"x\", \"related_tables\":"
                + " [\"bss_branch\"], \"biz_entities\": [], \"biz_metrics\": []}]}");
        LlmException none = assertThrows(LlmException.class,
                () -> questions.themes(LlmTestData.twoTables(), LlmTestData.CONTEXT, 5).await().atMost(WAIT));
        assertTrue(none.getMessage().contains("没有一个引用了表清单中的表"), none.getMessage());

        stub.reset();
        stub.when("业务分析主题", "{\"themes\": [{\"topic_name\": \"服务区\", \"related_tables\": [\"bss_company\"]}]}");
        LlmException missing = assertThrows(LlmException.class,
                () -> questions.themes(LlmTestData.twoTables(), LlmTestData.CONTEXT, 5).await().atMost(WAIT));
        assertTrue(missing.getMessage().contains("缺少字段 description"), missing.getMessage());
    }

    @Test
    void pairsPromptCarriesTheThemeAndSoftDeleteRuleAndAnswersAreNormalised() {
        stub.when("个业务问题和对应的SQL查询", """
                [
                  {"question": "各服务区\\n的数量？", "sql": "SELECT service_area_name AS 服务区名称, -- 名称\\n\
                COUNT(*) AS 数量\\nFROM bss_service_area WHERE delete_ts IS NULL GROUP BY service_area_name"},
                  {"question": "删除所有服务区", "sql": "DELETE FROM bss_service_area;"},
                  {"question": "公司数量？", "sql": "SELECT COUNT(*) AS 公司数量 FROM bss_company;;"},
                  {"question": "公司数量？", "sql": "SELECT 1;"},
                  {"question": "超出数量", "sql": "SELECT 2 AS 值;"}
                ]""");
        Theme theme = new Theme("服务区运营", "分析服务区运营", List.of("bss_service_area"), List.of("服务区"),
                List.of("数量"));

        List<QaPair> pairs = questions.pairs(LlmTestData.twoTables(), LlmTestData.CONTEXT, theme, 2)
                .await().atMost(WAIT);

        assertEquals(List.of(
                new QaPair("各服务区 的数量？", "SELECT service_area_name AS 服务区名称, COUNT(*) AS 数量 FROM "
                        + "bss_service_area WHERE delete_ts IS NULL GROUP BY service_area_name;"),
                new QaPair("公司数量？", "SELECT COUNT(*) AS 公司数量 FROM bss_company;")), pairs);
        String prompt = stub.calls().get(0).user();
        for (String expected : List.of("主题名称：服务区运营", "相关表：bss_service_area", "生成 2 个业务问题",
                "含有软删除字段 delete_ts 的表：bss_service_area。", "delete_ts IS NULL", "## bss_service_area（",
                LlmTestData.CONTEXT)) {
            assertTrue(prompt.contains(expected), expected + " in\n" + prompt);
        }
        assertFalse(prompt.contains("## bss_company"), "only the theme's tables' markdown");
        assertTrue(stub.calls().get(0).system().contains(LlmTestData.CONTEXT));
    }

    @Test
    void pairsWithMissingFieldsFail() {
        stub.when("个业务问题和对应的SQL查询", "[{\"question\": \"服务区数量？\"}]");
        Theme theme = new Theme("t", "d", List.of("bss_company"), List.of(), List.of());
        LlmException e = assertThrows(LlmException.class, () -> questions.pairs(LlmTestData.twoTables(),
                LlmTestData.CONTEXT, theme, 3).await().atMost(WAIT));
        assertTrue(e.getMessage().contains("缺少字段 sql"), e.getMessage());
        assertEquals(3, stub.calls().size());
    }

    @Test
    void decisionPromptIsPlainTextUnderItsHeading() {
        stub.when("问题分类器", "```\n=== 数据库业务范围 ===\n当前数据库存储的是高速公路服务区的相关数据\n```");
        Theme theme = new Theme("服务区运营", "分析服务区运营", List.of("bss_service_area"), List.of("服务区"),
                List.of("数量"));

        String text = questions.decisionPrompt(LlmTestData.twoTables(), LlmTestData.CONTEXT, List.of(theme))
                .await().atMost(WAIT);

        assertEquals("=== 数据库业务范围 ===\n当前数据库存储的是高速公路服务区的相关数据", text);
        String prompt = stub.calls().get(0).user();
        assertTrue(prompt.contains("- 服务区运营：分析服务区运营（业务实体：服务区；业务指标：数量）"), prompt);
        assertTrue(prompt.contains("## bss_company（服务区管理公司表）"), prompt);

        stub.reset();
        stub.when("问题分类器", "当前数据库存储的是服务区数据");
        assertEquals("=== 数据库业务范围 ===\n当前数据库存储的是服务区数据", questions.decisionPrompt(
                LlmTestData.twoTables(), LlmTestData.CONTEXT, List.of()).await().atMost(WAIT));
    }

    // ---- step 3: repair

    @Test
    void repairPromptCarriesEachStatementItsErrorAndTheDdlAndExactlyNComeBack() {
        stub.when("\"repaired_sqls\"", "{\"repaired_sqls\": ["
                + "\"SELECT service_area_name AS 名称\\nFROM bss_service_area\","
                + " \"SELECT COUNT(*) AS 数量 FROM bss_company;\"]}");
        List<FailedSql> failed = List.of(
                new FailedSql("服务区有哪些？", "SELECT service_name AS 名称 FROM bss_service_area;",
                        "column \"service_name\" does not exist"),
                new FailedSql("公司有多少家？", "SELECT COUNT(*) AS 数量 FROM bss_companies;",
                        "relation \"bss_companies\" does not exist"));
        String ddl = "create table public.bss_service_area (\n  service_area_name varchar(255) -- 服务区名称\n);";

        List<String> repaired = repairer.repair(failed, ddl).await().atMost(WAIT);

        assertEquals(List.of("SELECT service_area_name AS 名称 FROM bss_service_area;",
                "SELECT COUNT(*) AS 数量 FROM bss_company;"), repaired);
        String prompt = stub.calls().get(0).user();
        for (String expected : List.of(ddl, "### 第1条", "问题：服务区有哪些？",
                "```sql\nSELECT service_name AS 名称 FROM bss_service_area;\n```",
                "数据库错误：column \"service_name\" does not exist", "### 第2条",
                "SELECT COUNT(*) AS 数量 FROM bss_companies;", "数据库错误：relation \"bss_companies\" does not exist",
                "恰好 2 条")) {
            assertTrue(prompt.contains(expected), expected + " in\n" + prompt);
        }
    }

    @Test
    void aRepairAnswerWithTheWrongCountFails() {
        stub.when("\"repaired_sqls\"", "{\"repaired_sqls\": [\"SELECT 1;\"]}");
        List<FailedSql> failed = List.of(new FailedSql("q1", "SELEC 1", "syntax error"),
                new FailedSql("q2", "SELEC 2", "syntax error"));
        LlmException e = assertThrows(LlmException.class, () -> repairer.repair(failed, "").await().atMost(WAIT));
        assertTrue(e.getMessage().contains("LLM返回了1条修复后的SQL，应为2条"), e.getMessage());
        assertEquals(3, stub.calls().size());
    }

    @Test
    void nothingToRepairNeedsNoRequest() {
        assertEquals(List.of(), repairer.repair(List.of(), "ddl").await().atMost(WAIT));
        assertEquals(0, stub.calls().size());
    }

    @Test
    void everyPromptIsOneRequestWithSystemAndUserText() {
        stub.withFallback(OpenAiChatStubDefaultAnswers::answer);
        repairer.repair(List.of(new FailedSql("q", "SELEC 1", "syntax error")), "").await().atMost(WAIT);
        questions.themes(LlmTestData.twoTables(), LlmTestData.CONTEXT, 1).await().atMost(WAIT);
        assertEquals(2, stub.calls().size());
        stub.calls().forEach(c -> assertFalse(c.system().isBlank() || c.user().isBlank()));
    }
}
