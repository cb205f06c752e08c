package dev.tianshu.pipeline.flow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The error modes of the original (reference §9), each with its documented message, and the 409 it lacked. */
@QuarkusTest
class ErrorModesTest {

    @Test
    void executeWithoutATableList() {
        String id = Tasks.create("{}");
        Tasks.execute(id, "complete", null);
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("failed", end.getString("data.status"));
        assertEquals("failed", end.getString("data.step_status.ddl_generation"));
        assertEquals("pending", end.getString("data.step_status.qa_generation"));
        assertEquals("表清单文件不存在: {task_directory}/table_list.txt。请先上传表清单文件到任务 " + id
                + "，然后再执行工作流。", end.getString("data.error_message"));
    }

    @Test
    void unreachableDatabaseFailsStepOneAndHidesThePassword() {
        String id = Tasks.create("{\"db_connection\":\"postgresql://someone:hunter2-secret@127.0.0.1:1/nowhere\"}");
        given().contentType("application/json").body("{\"tables\":\"bss_company\"}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(200);
        Tasks.execute(id, "complete", null);
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("failed", end.getString("data.status"));
        assertTrue(end.getString("data.error_message").startsWith("无法连接到数据库"), end.getString("data.error_message"));
        String everything = end.prettify() + Tasks.file(id, "data_pipeline.log")
                + given().get("/api/v0/data_pipeline/tasks/" + id + "/logs").asString()
                + Tasks.file(id, "task_config.json");
        assertFalse(everything.contains("hunter2-secret"), "the password never shows");
    }

    @Test
    void aMissingTableFailsOnlyItselfThenStepTwoReportsTheMissingFiles() {
        String id = Tasks.withTables("bss_company,no_such_table");
        Tasks.execute(id, "complete", null);
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("completed", end.getString("data.step_status.ddl_generation"));
        assertEquals("failed", end.getString("data.step_status.qa_generation"));
        assertTrue(end.getString("data.error_message").startsWith("文件验证失败: "), end.getString("data.error_message"));
        assertTrue(end.getString("data.error_message").contains("no_such_table.ddl"));
        assertEquals(1, end.getInt("data.result.artifacts.ddl_md_generation.failed"));
        given().get("/api/v0/data_pipeline/tasks/" + id + "/logs?level=ERROR").then()
                .body("data.logs[0].message", containsString("表 public.no_such_table 处理失败"));
    }

    @Test
    void tooManyTablesForStepTwo() {
        String id = Tasks.create("{}");
        StringJoiner list = new StringJoiner("\n");
        for (int i = 0; i < 1001; i++) {
            list.add("missing_" + i);
        }
        given().multiPart("file", "table_list.txt", list.toString().getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("overwrite_mode", "replace")
                .post("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(200);
        Tasks.execute(id, "step", "qa_generation");
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("failed", end.getString("data.status"));
        assertEquals("表数量(1001)超过限制(1000)。请分批处理或调整配置中的max_tables参数。", end.getString("data.error_message"));
    }

    @Test
    void invalidSqlWithoutAnLlmIsDroppedAndTheOriginalKept() {
        String id = Tasks.create("{}");
        String pairs = "[{\"question\":\"公司数量\",\"sql\":\"SELECT count(*) AS 公司数量 FROM bss_company WHERE delete_ts IS NULL;\"},"
                + "{\"question\":\"坏的\",\"sql\":\"SELECT no_such_column FROM bss_company;\"},"
                + "{\"question\":\"危险的\",\"sql\":\"DELETE FROM bss_company;\"}]";
        given().multiPart("file", "qs_highway_db_20250101_000000_pair.json", pairs.getBytes(StandardCharsets.UTF_8),
                "application/json").post("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(200);
        Tasks.execute(id, "step", "sql_validation");
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("completed", end.getString("data.step_status.sql_validation"), end.prettify());
        String rewritten = Tasks.file(id, "qs_highway_db_20250101_000000_pair.json");
        assertTrue(rewritten.contains("公司数量") && !rewritten.contains("坏的") && !rewritten.contains("DELETE"), rewritten);
        assertEquals(pairs, Tasks.file(id, "qs_highway_db_20250101_000000_pair.json.backup"));
        assertTrue(Tasks.files(id).stream().anyMatch(f -> f.startsWith("file_modifications_")));
        String summary = Tasks.file(id, Tasks.files(id).stream().filter(f -> f.matches("sql_validation_\\d{8}_\\d{6}_summary\\.log"))
                .findFirst().orElseThrow());
        assertTrue(summary.contains("no_such_column") && summary.contains("未配置LLM"), summary);
        assertEquals(1, end.getInt("data.result.artifacts.sql_validation.valid_sql_count"));
    }

    @Test
    void nothingToLoad() {
        String id = Tasks.create("{}");
        Tasks.execute(id, "step", "training_load");
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("failed", end.getString("data.status"));
        assertEquals("训练数据加载失败：未找到可处理的训练文件", end.getString("data.error_message"));
    }

    @Test
    void aSecondExecuteWhileRunningIs409() throws Exception {
        String id = Tasks.withTables("bss_company");
        // the step cannot finish while this transaction holds bss_company: the task stays in progress
        String db = dev.tianshu.pipeline.testing.BusinessDbs.highwayName();
        try (java.sql.Connection lock = dev.tianshu.common.testing.PostgresTestResource.server().connect(db)) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE bss_company IN ACCESS EXCLUSIVE MODE");
            Tasks.execute(id, "step", "ddl_generation");
            given().contentType("application/json").body("{\"execution_mode\":\"complete\"}")
                    .post("/api/v0/data_pipeline/tasks/" + id + "/execute").then().statusCode(409)
                    .body("success", is(false)).body("data.response", containsString("任务正在执行中"));
            given().multiPart("file", "x.ddl", "select 1".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .post("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(409);
            given().contentType("application/json").body("{\"task_ids\":[\"" + id + "\"],\"confirm\":true}")
                    .delete("/api/v0/data_pipeline/tasks").then().statusCode(200)
                    .body("data.failed_tasks[0].error", is("任务正在执行中，无法删除"));
            lock.rollback();
        }
        assertEquals("partial_completed", Tasks.awaitEnd(id).getString("data.status"));
    }
}
