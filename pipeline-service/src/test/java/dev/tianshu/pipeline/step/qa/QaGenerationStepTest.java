package dev.tianshu.pipeline.step.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.step.StepContext;
import dev.tianshu.pipeline.step.StepFailure;
import dev.tianshu.pipeline.testing.InMemoryTaskFiles;
import dev.tianshu.pipeline.service.TrackedProgress;
import dev.tianshu.pipeline.testing.RecordingTaskLog;
import dev.tianshu.pipeline.testing.StepContexts;
import io.smallrye.mutiny.Uni;

/** Step 2 end to end over an in-memory task directory holding the original's example run (plus join keys). */
class QaGenerationStepTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2025, 1, 1, 12, 0, 0).toInstant(ZoneOffset.UTC),
            ZoneOffset.UTC);
    static final String CONTEXT = "高速公路服务区管理系统";

    record Settings(int themeCount, int questionsPerTheme, int maxTables, int maxConcurrentThemes)
            implements PipelineConfig.Qa {
    }

    InMemoryTaskFiles files;
    RecordingTaskLog log;
    TrackedProgress progress;
    final BuiltinQuestionSqlGenerator builtin = new BuiltinQuestionSqlGenerator();

    @BeforeEach
    void taskDirectory() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        files = new InMemoryTaskFiles();
        files.with("table_list.txt", ExampleRunDocs.read("table_list.txt"));
        for (String table : ExampleRunDocs.TABLES) {
            files.with(table + ".ddl", ExampleRunDocs.read(table + ".ddl"));
        }
        ExampleRunDocs.markdownWithForeignKeys().forEach(files::with);
        log = new RecordingTaskLog();
        progress = new TrackedProgress();
    }

    private StepContext context() {
        return StepContexts.of(StepName.QA_GENERATION,
                StepContexts.parameters("postgresql://u@localhost:5432/highway_db", CONTEXT), files, log, progress);
    }

    private QaGenerationStep step(Settings settings, QuestionSqlGenerator... others) {
        List<QuestionSqlGenerator> all = new ArrayList<>(List.of(others));
        all.add(builtin);
        return new QaGenerationStep(settings, all, builtin, CLOCK);
    }

    private static Settings defaults() {
        return new Settings(5, 10, 1000, 5);
    }

    @Test
    void writesPairsMetadataAndDecisionPromptAndAnswersTheArtefact() throws Exception {
        files.with("qs_highway_db_20240101_000000_pair.json", "[]")
                .with("qs_highway_db_20240101_000000_pair.json.backup", "[]");
        Map<String, Object> artefact = step(defaults()).run(context()).await().atMost(WAIT);

        String output = "qs_highway_db_20250101_120000_pair.json";
        assertEquals(List.of("output_file", "total_questions", "total_themes", "successful_themes", "failed_themes",
                "duration", "engine"), List.copyOf(artefact.keySet()));
        assertEquals(output, artefact.get("output_file"));
        assertEquals(50, artefact.get("total_questions"));
        assertEquals(5, artefact.get("total_themes"));
        assertEquals(5, artefact.get("successful_themes"));
        assertEquals(List.of(), artefact.get("failed_themes"));
        assertTrue(artefact.get("duration") instanceof Double);
        assertEquals("builtin", artefact.get("engine"));

        String json = files.get(output);
        assertNotNull(json);
        assertTrue(json.startsWith("[\n  {\n    \"question\": \""), json.substring(0, 40));
        assertTrue(json.contains("\"sql\": \"SELECT "), "Chinese unescaped, key: value");
        assertFalse(json.contains("\\u"), "Chinese unescaped");
        JsonNode pairs = new ObjectMapper().readTree(json);
        assertEquals(50, pairs.size());
        for (JsonNode p : pairs) {
            assertEquals(List.of("question", "sql"), List.copyOf(iterable(p.fieldNames())));
            assertTrue(p.get("sql").asText().endsWith(";"));
        }

        assertTrue(files.get(MetadataFiles.METADATA_SQL).contains("CREATE TABLE IF NOT EXISTS metadata"));
        assertEquals(5, files.get(MetadataFiles.METADATA_SQL).split("INSERT INTO metadata").length - 1);
        assertTrue(files.get(MetadataFiles.METADATA_SQL).contains("-- 数据库: highway_db"));
        assertTrue(files.get(MetadataFiles.METADATA_DETAIL).startsWith("## metadata（存储分析主题元数据）"));
        assertTrue(files.get(MetadataFiles.DECISION_PROMPT).contains("\"业务范围\""));

        assertEquals("[]", files.get("qs_highway_db_20240101_000000_pair.json_old"));
        assertEquals("[]", files.get("qs_highway_db_20240101_000000_pair.json.backup_old"));
        assertNull(files.get("qs_highway_db_20240101_000000_pair.json"));
        assertNull(files.get("qs_highway_db_20240101_000000_pair.json.backup"));

        assertEquals("themes", progress.unit());
        assertEquals(5, progress.total());
        assertEquals(5, progress.done());
        assertTrue(log.lines.stream().allMatch(l -> l.logger().equals(QaGenerationStep.LOGGER)));
        assertTrue(log.contains("开始生成Question-SQL训练数据"));
        assertTrue(log.contains("生成完成"));
    }

    @Test
    void rerunKeepsTheEarlierPairsAsOld() {
        QaGenerationStep step = step(defaults());
        step.run(context()).await().atMost(WAIT);
        step.run(context()).await().atMost(WAIT);
        assertNotNull(files.get("qs_highway_db_20250101_120000_pair.json"));
        assertNotNull(files.get("qs_highway_db_20250101_120000_pair.json_old"));
    }

    @Test
    void refusesMoreTablesThanConfigured() {
        StepFailure f = assertThrows(StepFailure.class,
                () -> step(new Settings(5, 10, 3, 5)).run(context()).await().atMost(WAIT));
        assertEquals("表数量(7)超过限制(3)。请分批处理或调整配置中的max_tables参数。", f.getMessage());
    }

    @Test
    void namesTheMissingFiles() {
        files.delete("bss_company.ddl");
        files.delete("bss_company_detail.md");
        files.delete("bss_service_area_detail.md");
        StepFailure f = assertThrows(StepFailure.class, () -> step(defaults()).run(context()).await().atMost(WAIT));
        assertEquals("文件验证失败: 缺少DDL文件: [bss_company.ddl]; 缺少MD文件: [bss_company_detail.md, "
                + "bss_service_area_detail.md]", f.getMessage());

        files.with("bss_company.ddl", "-- ddl");
        f = assertThrows(StepFailure.class, () -> step(defaults()).run(context()).await().atMost(WAIT));
        assertEquals("文件验证失败: 缺少MD文件: [bss_company_detail.md, bss_service_area_detail.md]", f.getMessage());
    }

    @Test
    void failsWithoutATableList() {
        files.delete("table_list.txt");
        StepFailure f = assertThrows(StepFailure.class, () -> step(defaults()).run(context()).await().atMost(WAIT));
        assertTrue(f.getMessage().startsWith("表清单文件不存在"), f.getMessage());

        files.with("table_list.txt", "# 只有注释\n-- 也是注释\n");
        f = assertThrows(StepFailure.class, () -> step(defaults()).run(context()).await().atMost(WAIT));
        assertEquals("表清单文件中没有有效的表名", f.getMessage());
    }

    @Test
    void parsesTableListsLikeTheOriginal() {
        RecordingTaskLog l = new RecordingTaskLog();
        List<TableRef> tables = QaGenerationStep.parseTableList("""
                # 注释
                -- 注释
                a, b ,ods.c
                a
                bad name;
                """, l);
        assertEquals(List.of(TableRef.parse("a"), TableRef.parse("b"), TableRef.parse("ods.c")), tables);
        assertTrue(l.contains("bad name;"));
    }

    @Test
    void usesAnAvailableLlmAndRecordsThemesThatFail() {
        FakeLlm llm = new FakeLlm();
        llm.themes = List.of(theme("营收分析"), theme("车流分析"), theme("空主题"));
        llm.pairs.put("营收分析", List.of(
                new QaPair("  最近7天的营收？\n", "SELECT SUM(pay_sum) -- 营收\nFROM bss_business_day_data\n WHERE delete_ts IS NULL"),
                new QaPair("最近7天的营收？", "SELECT 1;"),
                new QaPair("", "SELECT 2;"),
                new QaPair("各服务区的营收", "SELECT service_name, SUM(pay_sum) FROM bss_business_day_data GROUP BY 1;;")));
        llm.pairs.put("车流分析", null);
        llm.pairs.put("空主题", List.of());
        Map<String, Object> artefact = step(defaults(), llm).run(context()).await().atMost(WAIT);

        assertEquals("llm:fake", artefact.get("engine"));
        assertEquals(2, artefact.get("total_questions"));
        assertEquals(3, artefact.get("total_themes"));
        assertEquals(1, artefact.get("successful_themes"));
        assertEquals(List.of("车流分析", "空主题"), artefact.get("failed_themes"));
        String json = files.get((String) artefact.get("output_file"));
        assertTrue(json.contains("\"question\": \"最近7天的营收？\""));
        assertTrue(json.contains("\"sql\": \"SELECT SUM(pay_sum) FROM bss_business_day_data WHERE delete_ts IS NULL;\""),
                json);
        assertTrue(json.contains("GROUP BY 1;\""));
        assertEquals("fake prompt", files.get(MetadataFiles.DECISION_PROMPT));
        assertTrue(log.contains("车流分析"));
        assertEquals(3, progress.done());
    }

    @Test
    void fallsBackToTheBuiltinEngineWhenTheLlmCannotFindThemes() {
        FakeLlm llm = new FakeLlm();
        llm.themesFailure = new IllegalStateException("无法解析LLM响应为JSON格式");
        Map<String, Object> artefact = step(defaults(), llm).run(context()).await().atMost(WAIT);
        assertEquals("builtin", artefact.get("engine"));
        assertEquals(50, artefact.get("total_questions"));
        assertTrue(log.contains("改用内置引擎"));
        assertTrue(log.contains("无法解析LLM响应为JSON格式"));
        assertEquals(0, llm.pairCalls.size(), "no theme goes to the LLM after the fallback");
    }

    @Test
    void ignoresAnLlmThatIsNotAvailable() {
        FakeLlm llm = new FakeLlm();
        llm.available = false;
        Map<String, Object> artefact = step(defaults(), llm).run(context()).await().atMost(WAIT);
        assertEquals("builtin", artefact.get("engine"));
    }

    @Test
    void failsWhenNoPairIsGenerated() {
        FakeLlm llm = new FakeLlm();
        llm.themes = List.of(theme("营收分析"));
        llm.pairs.put("营收分析", List.of(new QaPair(" ", " ")));
        StepFailure f = assertThrows(StepFailure.class,
                () -> step(defaults(), llm).run(context()).await().atMost(WAIT));
        assertEquals("未生成任何Question-SQL对", f.getMessage());
    }

    @Test
    void askedForFewerPairsAndThemesGetsThem() {
        Map<String, Object> artefact = step(new Settings(2, 3, 1000, 1)).run(context()).await().atMost(WAIT);
        assertEquals(2, artefact.get("total_themes"));
        assertEquals(6, artefact.get("total_questions"));
    }

    private static Theme theme(String name) {
        return new Theme(name, name + "的说明", List.of("bss_business_day_data"), List.of("服务区"), List.of("营收"));
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** An LLM engine whose answers the test sets; a null pair list fails the theme. */
    static class FakeLlm implements QuestionSqlGenerator {
        boolean available = true;
        List<Theme> themes = List.of();
        RuntimeException themesFailure;
        final Map<String, List<QaPair>> pairs = new HashMap<>();
        final List<String> pairCalls = new CopyOnWriteArrayList<>();

        @Override
        public String engine() {
            return "llm:fake";
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public Uni<List<Theme>> themes(SchemaDocs schema, String businessContext, int count) {
            assertEquals(7, schema.tables().size());
            assertTrue(schema.markdown().startsWith("# 数据库表结构文档汇总\n\n共包含 7 个表\n"), schema.markdown());
            assertTrue(schema.markdown().contains("# 文件: bss_company_detail.md"));
            return themesFailure != null ? Uni.createFrom().failure(themesFailure) : Uni.createFrom().item(themes);
        }

        @Override
        public Uni<List<QaPair>> pairs(SchemaDocs schema, String businessContext, Theme theme, int count) {
            pairCalls.add(theme.topicName());
            List<QaPair> p = pairs.get(theme.topicName());
            return p == null ? Uni.createFrom().failure(new IllegalStateException("模型超时"))
                    : Uni.createFrom().item(p);
        }

        @Override
        public Uni<String> decisionPrompt(SchemaDocs schema, String businessContext, List<Theme> themes) {
            return Uni.createFrom().item("fake prompt");
        }
    }
}
