package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.client.BusinessDatabases;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.step.StepContext;
import dev.tianshu.pipeline.step.StepFailure;
import dev.tianshu.pipeline.testing.BusinessDbs;
import dev.tianshu.pipeline.testing.InMemoryTaskFiles;
import dev.tianshu.pipeline.service.TrackedProgress;
import dev.tianshu.pipeline.testing.RecordingTaskLog;
import dev.tianshu.pipeline.testing.StepContexts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** Step 1 end to end on the demo highway_db, with in-memory task files (no CDI). */
class DdlGenerationStepTest {

    static final String EXAMPLE_LIST = """
            # 示例表清单文件
            # 每行一个表名，支持 schema.table 格式
            # 以 # 开头的行为注释

            # 服务区相关表
            bss_car_day_count,bss_business_day_data,bss_company,bss_section_route,bss_section_route_area_link,bss_service_area,bss_service_area_mapper
            """;

    static Vertx vertx;
    static String highway;

    InMemoryTaskFiles files = new InMemoryTaskFiles();
    RecordingTaskLog log = new RecordingTaskLog();
    TrackedProgress progress = new TrackedProgress();
    List<Integer> poolSizes = new ArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        highway = BusinessDbs.highway();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    DdlGenerationStep step(List<CommentGenerator> generators) {
        BuiltinCommentGenerator builtin = new BuiltinCommentGenerator();
        List<CommentGenerator> all = new ArrayList<>(generators);
        all.add(builtin);
        return new DdlGenerationStep((connection, maxSize) -> {
            poolSizes.add(maxSize);
            return BusinessDatabases.open(vertx, connection, maxSize, 60_000);
        }, new DdlTestSupport.DdlSettings(3, 20, 1_000_000, 20), all, builtin, new CatalogInspector());
    }

    StepContext context(String url, String businessContext) {
        return StepContexts.of(StepName.DDL_GENERATION, StepContexts.parameters(url, businessContext), files, log,
                progress);
    }

    Map<String, Object> run(DdlGenerationStep step, String url) {
        return DdlTestSupport.await(step.run(context(url, "高速公路服务区管理系统")));
    }

    @Test
    void sevenTablesGiveFourteenFilesAndTheMapping() {
        files.with("table_list.txt", EXAMPLE_LIST);
        DdlGenerationStep step = step(List.of());
        assertEquals(StepName.DDL_GENERATION, step.name());
        Map<String, Object> result = run(step, highway);

        assertEquals(List.of("total_tables", "processed_successfully", "failed", "files_generated", "duration",
                "engine", "failed_tables"), new ArrayList<>(result.keySet()));
        assertEquals(7, result.get("total_tables"));
        assertEquals(7, result.get("processed_successfully"));
        assertEquals(0, result.get("failed"));
        assertEquals(14, result.get("files_generated"));
        assertTrue(result.get("duration") instanceof Double);
        assertEquals("builtin", result.get("engine"));
        assertEquals(List.of(), result.get("failed_tables"));

        Set<String> expected = new TreeSet<>(List.of("table_list.txt", "filename_mapping.txt"));
        for (String t : List.of("bss_car_day_count", "bss_business_day_data", "bss_company", "bss_section_route",
                "bss_section_route_area_link", "bss_service_area", "bss_service_area_mapper")) {
            expected.add(t + ".ddl");
            expected.add(t + "_detail.md");
        }
        assertEquals(expected, new TreeSet<>(files.all().keySet()));
        assertEquals("""
                # 文件名映射报告
                # 格式: 原始表名 -> 实际文件名

                public.bss_car_day_count -> bss_car_day_count_detail.md
                public.bss_business_day_data -> bss_business_day_data_detail.md
                public.bss_company -> bss_company_detail.md
                public.bss_section_route -> bss_section_route_detail.md
                public.bss_section_route_area_link -> bss_section_route_area_link_detail.md
                public.bss_service_area -> bss_service_area_detail.md
                public.bss_service_area_mapper -> bss_service_area_mapper_detail.md
                """, files.get("filename_mapping.txt"));
        assertTrue(files.get("bss_company.ddl").startsWith("-- 中文名: 公司表：高速公路运营分公司的名称与编码\n"));
        assertTrue(files.get("bss_company.ddl").contains("create table public.bss_company (\n"));
        assertTrue(files.get("bss_company_detail.md").startsWith("## bss_company（"));
        assertTrue(files.get("bss_car_day_count_detail.md").contains("- car_type 为枚举字段，包含取值："));

        assertEquals("tables", progress.unit());
        assertEquals(7, progress.total());
        assertEquals(7, progress.done());
        assertEquals(List.of(3), poolSizes, "one pool, as large as the table concurrency");

        assertEquals("📝 步骤1: 开始生成DDL和MD文件", log.lines.get(0).message());
        assertTrue(log.lines.stream().allMatch(l -> l.logger().equals("SchemaTrainingDataAgent")));
        assertTrue(log.contains("✅ 表 public.bss_company 处理成功"));
        String last = log.lines.get(log.lines.size() - 1).message();
        assertTrue(last.matches("✅ 步骤1完成: 成功处理 7 个表，生成 7 个MD文件，7 个DDL文件，耗时 \\d+\\.\\d\\d秒"), last);
    }

    @Test
    void aMissingTableFailsOnlyThatTable() {
        files.with("table_list.txt", "bss_company\nno_such_table\n");
        Map<String, Object> result = run(step(List.of()), highway);
        assertEquals(2, result.get("total_tables"));
        assertEquals(1, result.get("processed_successfully"));
        assertEquals(1, result.get("failed"));
        assertEquals(2, result.get("files_generated"));
        assertEquals(List.of(Map.of("table", "public.no_such_table", "error", "表 public.no_such_table 不存在或无权限访问")),
                result.get("failed_tables"));
        assertTrue(files.all().containsKey("bss_company.ddl"));
        assertFalse(files.all().containsKey("no_such_table.ddl"));
        assertFalse(files.all().containsKey("no_such_table_detail.md"));
        assertFalse(files.get("filename_mapping.txt").contains("no_such_table"));
        assertTrue(log.lines.stream().anyMatch(l -> l.level().equals("ERROR")
                && l.message().equals("❌ 表 public.no_such_table 处理失败: 表 public.no_such_table 不存在或无权限访问")));
        assertEquals(2, progress.done());
    }

    @Test
    void tablesWhoseFilesWouldCollideFail() {
        files.with("table_list.txt", "bss_company, public.s_t, s.t, pg_catalog.pg_class, 1bad");
        Map<String, Object> result = run(step(List.of()), highway);
        assertEquals(3, result.get("total_tables"), "system tables are skipped");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> failed = (List<Map<String, String>>) result.get("failed_tables");
        assertEquals("public.s_t", failed.get(0).get("table"));
        assertEquals("s.t", failed.get(1).get("table"));
        assertTrue(failed.get(1).get("error").startsWith("文件名冲突: s.t 与 public.s_t"), failed.get(1).get("error"));
        assertTrue(log.contains("跳过系统表: pg_catalog.pg_class"));
        assertTrue(log.contains("无效表名已忽略: 1bad"));
    }

    @Test
    void aMissingTableListFailsTheStep() {
        Throwable e = DdlTestSupport.failure(() -> run(step(List.of()), highway));
        assertTrue(e instanceof StepFailure, e.toString());
        assertEquals("表清单文件不存在: {task_directory}/table_list.txt。请先上传表清单文件到任务 task_20250101_000000，然后再执行工作流。",
                e.getMessage());
        assertTrue(poolSizes.isEmpty(), "no connection is opened");
    }

    @Test
    void aListWithoutValidNamesFailsTheStep() {
        files.with("table_list.txt", "# nothing here\n1bad, x-y\npg_catalog.pg_class\n");
        Throwable e = DdlTestSupport.failure(() -> run(step(List.of()), highway));
        assertTrue(e instanceof StepFailure, e.toString());
        assertEquals("表清单文件中没有有效的表名", e.getMessage());
    }

    @Test
    void anUnreachableDatabaseFailsTheStepWithoutShowingThePassword() {
        files.with("table_list.txt", "bss_company");
        String url = "postgresql://postgres:S3cret-Pw@127.0.0.1:1/highway_db";
        Throwable e = DdlTestSupport.failure(() -> run(step(List.of()), url));
        assertTrue(e instanceof StepFailure, e.toString());
        assertTrue(e.getMessage().startsWith("无法连接到数据库: "), e.getMessage());
        assertFalse(e.getMessage().contains("S3cret-Pw"), e.getMessage());
        assertFalse(log.lines.stream().anyMatch(l -> l.message().contains("S3cret-Pw")));
        assertNull(files.get("filename_mapping.txt"));

        // a driver that repeats the connection string in its error: the password is masked
        DdlGenerationStep echoing = new DdlGenerationStep((connection, maxSize) -> {
            throw new IllegalArgumentException("cannot connect to " + connection.url());
        }, DdlTestSupport.DdlSettings.defaults(), List.of(), new BuiltinCommentGenerator(), new CatalogInspector());
        e = DdlTestSupport.failure(() -> DdlTestSupport.await(echoing.run(context(url, null))));
        assertEquals("无法连接到数据库: cannot connect to postgresql://postgres:***@127.0.0.1:1/highway_db",
                e.getMessage());
    }

    @Test
    void theLlmEngineIsPreferredAndTheBuiltinOneTakesOverWhenItFails() {
        files.with("table_list.txt", "bss_company, bss_section_route");
        AtomicInteger calls = new AtomicInteger();
        CommentGenerator unavailable = generator("llm:off", false, info -> {
            throw new AssertionError("an unavailable engine is not used");
        });
        CommentGenerator llm = generator("llm:test", true, info -> {
            calls.incrementAndGet();
            if (info.ref().name().equals("bss_company")) {
                return Uni.createFrom().failure(new IllegalStateException("LLM timeout"));
            }
            TableDoc doc = new BuiltinCommentGenerator().document(info, "x");
            return Uni.createFrom().item(new TableDoc(info, "LLM写的表注释", doc.columnComments(), "llm:test"));
        });
        Map<String, Object> result = run(step(List.of(unavailable, llm)), highway);
        assertEquals(2, calls.get());
        assertEquals(2, result.get("processed_successfully"));
        assertEquals("llm:test+builtin", result.get("engine"));
        assertTrue(log.contains("⚠️ 表 public.bss_company 使用 llm:test 生成注释失败，改用内置引擎: LLM timeout"));
        assertTrue(files.get("bss_section_route.ddl").startsWith("-- 中文名: LLM写的表注释\n"));
        assertTrue(files.get("bss_company.ddl").startsWith("-- 中文名: 公司表"));
    }

    interface CommentFunction {
        Uni<TableDoc> comment(TableInfo info);
    }

    static CommentGenerator generator(String engine, boolean available, CommentFunction comments) {
        return new CommentGenerator() {
            @Override
            public String engine() {
                return engine;
            }

            @Override
            public boolean available() {
                return available;
            }

            @Override
            public Uni<TableDoc> comment(TableInfo table, String businessContext) {
                return comments.comment(table);
            }
        };
    }
}
