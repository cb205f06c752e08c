package dev.tianshu.pipeline.flow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.testing.FakeTrainingDataService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The seed's whole flow on the demo highway_db with no LLM: create, table list, execute (complete), poll to the end,
 * files under the original names, an executable .ddl, logs, the training load (answered by a stand-in for
 * training-data-service on the real broker), a reload that adds nothing, and step mode.
 */
@QuarkusTest
class PipelineFlowTest {

    static FakeTrainingDataService trainingData;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        trainingData = new FakeTrainingDataService();
    }

    @AfterAll
    static void stop() throws Exception {
        trainingData.close();
    }

    @Test
    void completeRunOnHighwayDbWithoutAnLlm() throws Exception {
        String id = Tasks.withTables(Tasks.HIGHWAY_TABLES);
        Tasks.execute(id, "complete", null);
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("completed", end.getString("data.status"), end.prettify());
        assertEquals(Map.of("ddl_generation", "completed", "qa_generation", "completed", "sql_validation",
                "completed", "training_load", "completed"), end.getMap("data.step_status"));
        assertTrue(end.getString("data.completed_at") != null);

        List<String> files = Tasks.files(id);
        for (String table : Tasks.HIGHWAY_TABLES.split(",")) {
            assertTrue(files.contains(table + ".ddl"), files.toString());
            assertTrue(files.contains(table + "_detail.md"), files.toString());
        }
        for (String name : List.of("table_list.txt", "task_config.json", "filename_mapping.txt", "metadata.txt",
                "metadata_detail.md", "db_query_decision_prompt.txt", "task_result.json", "data_pipeline.log")) {
            assertTrue(files.contains(name), name + " in " + files);
        }
        String pairFile = files.stream().filter(f -> f.matches("qs_highway_db_\\w*\\d{8}_\\d{6}_pair\\.json")).findFirst()
                .orElseThrow(() -> new AssertionError("no qs file in " + files));
        assertTrue(files.stream().anyMatch(f -> f.matches("sql_validation_\\d{8}_\\d{6}_summary\\.log")), files.toString());

        // the .ddl is executable PostgreSQL
        String ddl = Tasks.file(id, "bss_company.ddl");
        assertTrue(ddl.startsWith("-- 中文名: "), ddl);
        String scratch = PostgresTestResource.createDatabase("scratch");
        try (Connection c = PostgresTestResource.server().connect(scratch); Statement s = c.createStatement()) {
            s.execute(ddl);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns "
                    + "WHERE table_name = 'bss_company'")) {
                rs.next();
                assertEquals(10, rs.getInt(1));
            }
        } finally {
            PostgresTestResource.dropDatabase(scratch);
        }

        // the pairs are valid SQL on the database, written like the original's file
        JsonNode pairs = JSON.readTree(Tasks.file(id, pairFile));
        assertTrue(pairs.isArray() && pairs.size() >= 40, "about 50 pairs: " + pairs.size());
        assertTrue(Tasks.file(id, pairFile).startsWith("[\n  {\n    \"question\": \""));

        // task_result.json: the original's shape plus the engine of every step
        JsonNode result = JSON.readTree(Tasks.file(id, "task_result.json"));
        assertTrue(result.get("success").asBoolean());
        assertEquals(7, result.at("/artifacts/ddl_md_generation/processed_successfully").asInt());
        assertEquals("builtin", result.at("/engines/ddl_generation").asText());
        assertEquals("builtin", result.at("/engines/qa_generation").asText());
        int valid = result.at("/artifacts/sql_validation/valid_sql_count").asInt();
        assertEquals(pairs.size(), valid, "the file keeps only valid pairs");
        JsonNode load = result.at("/artifacts/training_data_load");
        assertEquals(7, load.at("/data_type_counts/ddl").asInt());
        assertEquals(8, load.at("/data_type_counts/documentation").asInt(), "7 tables + metadata_detail.md");
        assertEquals(pairs.size(), load.at("/data_type_counts/sql").asInt());
        assertTrue(load.get("load_successful").asBoolean());
        assertEquals(valid, end.getInt("data.result.artifacts.sql_validation.valid_sql_count"), "the task's result");
        assertEquals("builtin", end.getString("data.result.engines.qa_generation"));

        // logs
        given().get("/api/v0/data_pipeline/tasks/" + id + "/logs?limit=1000").then().statusCode(200)
                .body("data.logs.message", hasItem("完整工作流任务开始执行"))
                .body("data.logs.message", hasItem("完整工作流任务执行完成"));
        given().contentType("application/json").body("{\"keyword\":\"步骤1完成\",\"step_name\":\"ddl_generation\"}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/logs/query").then().statusCode(200)
                .body("data.pagination.total", is(1))
                .body("data.logs[0].step", is("ddl_generation"));
        String log = Tasks.file(id, "data_pipeline.log");
        assertTrue(log.contains("[INFO] data_pipeline.SchemaTrainingDataAgent: "), log.substring(0, 300));

        // executing again reloads the same items: nothing new is created, the earlier outputs are backed up
        Tasks.execute(id, "complete", null);
        JsonPath again = Tasks.awaitEnd(id);
        assertEquals("completed", again.getString("data.status"));
        JsonNode reload = JSON.readTree(Tasks.file(id, "task_result.json")).at("/artifacts/training_data_load");
        reload.get("created_counts").forEach(n -> assertEquals(0, n.asInt(), reload.toString()));
        trainingData.stored.values().forEach(n -> assertEquals(1, n.get()));
        assertFalse(Tasks.files(id).stream().anyMatch(f -> f.contains("/")));
    }

    @Test
    void stepModeRunsOneStepAtATime() {
        String id = Tasks.withTables("bss_company,bss_service_area");
        Tasks.execute(id, "step", "ddl_generation");
        JsonPath one = Tasks.awaitEnd(id);
        assertEquals("partial_completed", one.getString("data.status"));
        assertEquals("pending", one.getString("data.step_status.qa_generation"));
        assertTrue(Tasks.files(id).contains("ddl_generation_result.json"));

        Tasks.execute(id, "step", "qa_generation");
        assertEquals("partial_completed", Tasks.awaitEnd(id).getString("data.status"));
        Tasks.execute(id, "step", "sql_validation");
        JsonPath three = Tasks.awaitEnd(id);
        assertEquals("completed", three.getString("data.status"), "ddl and qa done and 3 steps completed");
        assertTrue(Tasks.files(id).containsAll(List.of("qa_generation_result.json", "sql_validation_result.json")));
        assertEquals("pending", three.getString("data.step_status.training_load"));
    }

    @Test
    void disabledFlagsSkipExactlyTheirSteps() {
        String id = Tasks.create("{\"enable_sql_validation\":false,\"enable_training_data_load\":false}");
        given().contentType("application/json").body(Map.of("tables", "bss_company"))
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(200);
        Tasks.execute(id, "complete", null);
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("completed", end.getString("data.status"));
        assertEquals(Map.of("ddl_generation", "completed", "qa_generation", "completed", "sql_validation", "skipped",
                "training_load", "skipped"), end.getMap("data.step_status"));
        assertFalse(Tasks.files(id).stream().anyMatch(f -> f.startsWith("sql_validation_")));
        assertFalse(trainingData.commands.stream().anyMatch(c -> id.equals(c.taskId())), "nothing loaded");
    }

    @Test
    void withoutModifyOriginalFileInvalidSqlStaysInTheFile() {
        String id = Tasks.create("{\"modify_original_file\":false}");
        String pairs = "[{\"question\":\"坏的\",\"sql\":\"SELECT no_such_column FROM bss_company;\"}]";
        given().multiPart("file", "qs_x_20250101_000000_pair.json", pairs.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json").post("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(200);
        Tasks.execute(id, "step", "sql_validation");
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("completed", end.getString("data.step_status.sql_validation"));
        assertEquals(pairs, Tasks.file(id, "qs_x_20250101_000000_pair.json"));
        assertFalse(Tasks.files(id).contains("qs_x_20250101_000000_pair.json.backup"));
        assertEquals(0, end.getInt("data.result.artifacts.sql_validation.valid_sql_count"));
    }
}
