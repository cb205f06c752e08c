package dev.tianshu.pipeline.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.testing.OpenAiChatStub;
import dev.tianshu.common.testing.OpenAiChatStubResource;
import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.testing.BusinessDbs;
import dev.tianshu.pipeline.testing.FakeTrainingDataService;
import dev.tianshu.pipeline.testing.OpenAiChatStubDefaultAnswers;
import dev.tianshu.pipeline.testing.OpenAiChatStubProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A whole task with an LLM (the OpenAI-compatible stub, which checks the prompts it gets): the LLM writes the pairs,
 * one of them is wrong, the repair prompt carries the failing SQL, the database's error and the table's DDL, the
 * repaired SQL is validated again and replaces the wrong one. And with an LLM that only fails, the built-in engines
 * take over: the task completes without an apology anywhere.
 */
@QuarkusTest
@TestProfile(OpenAiChatStubProfile.class)
class LlmPipelineTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static FakeTrainingDataService trainingData;
    OpenAiChatStub stub;

    @BeforeAll
    static void start() {
        trainingData = new FakeTrainingDataService();
    }

    @AfterAll
    static void stop() throws Exception {
        trainingData.close();
    }

    @BeforeEach
    void resetStub() {
        stub = OpenAiChatStubResource.stub();
        stub.reset();
    }

    @Test
    void theLlmWritesThePairsAndRepairsTheWrongOne() throws Exception {
        String wrong = "SELECT company_nam AS 公司名称 FROM bss_company WHERE delete_ts IS NULL;";
        String fixed = "SELECT company_name AS 公司名称 FROM bss_company WHERE delete_ts IS NULL;";
        stub.withFallback(OpenAiChatStubDefaultAnswers::answer)
                .when("个业务问题和对应的SQL查询", "```json\n[{\"question\": \"公司有多少家？\", \"sql\": "
                        + "\"SELECT count(*) AS 公司数量 FROM bss_company WHERE delete_ts IS NULL;\"},"
                        + "{\"question\": \"列出所有公司名称\", \"sql\": \"" + wrong + "\"}]\n```")
                .when("\"repaired_sqls\"", "{\"repaired_sqls\": [\"" + fixed + "\"]}");
        String id = Tasks.withTables("bss_company");
        Tasks.execute(id, "complete", null);
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("completed", end.getString("data.status"), end.prettify());

        List<OpenAiChatStub.ChatCall> repairs = stub.calls("\"repaired_sqls\"");
        assertEquals(1, repairs.size());
        String prompt = repairs.get(0).prompt();
        assertTrue(prompt.contains("company_nam AS"), "the failing SQL");
        assertTrue(prompt.contains("column \"company_nam\" does not exist"), "the database's error: " + prompt);
        assertTrue(prompt.contains("create table public.bss_company"), "the table's DDL");
        assertTrue(prompt.contains("列出所有公司名称"), "the question");
        assertTrue(stub.calls().stream().allMatch(c -> ("Bearer " + stub.key()).equals(c.authorization())));

        String pairFile = Tasks.files(id).stream().filter(f -> f.matches("qs_.*_pair\\.json")).findFirst().orElseThrow();
        String pairs = Tasks.file(id, pairFile);
        assertTrue(pairs.contains("company_name AS 公司名称") && !pairs.contains("company_nam AS"), pairs);
        assertTrue(Tasks.file(id, pairFile + ".backup").contains("company_nam AS"));
        JsonNode result = JSON.readTree(Tasks.file(id, "task_result.json"));
        assertEquals("llm:" + stub.model(), result.at("/engines/qa_generation").asText());
        assertEquals("llm:" + stub.model(), result.at("/engines/sql_validation").asText());
        assertEquals(1, result.at("/artifacts/sql_validation/repair_stats/successful").asInt());
        assertEquals(2, result.at("/artifacts/sql_validation/valid_sql_count").asInt());
        assertTrue(Tasks.file(id, Tasks.files(id).stream().filter(f -> f.startsWith("file_modifications_"))
                .findFirst().orElseThrow()).contains(fixed));
    }

    @Test
    void anLlmThatOnlyFailsLeavesTheWorkToTheBuiltInEngines() throws Exception {
        stub.failNext(10_000);
        String db = PostgresTestResource.createDatabase("uncommented");
        try (Connection c = PostgresTestResource.server().connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer_order (id int PRIMARY KEY, customer_id int NOT NULL, "
                    + "order_amount numeric(10,2), status varchar(20), created_at timestamp, delete_ts timestamp)");
            s.execute("INSERT INTO customer_order SELECT g, g % 50, g * 1.5, (ARRAY['paid','new','closed'])[1 + g % 3],"
                    + " now() - g * interval '1 hour', NULL FROM generate_series(1, 300) g");
        }
        String id = Tasks.create("{\"db_connection\":\"" + BusinessDbs.url(db) + "\",\"business_context\":\"电商订单系统\"}");
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("tables", "customer_order"))
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(200);
        Tasks.execute(id, "complete", null);
        JsonPath end = Tasks.awaitEnd(id);
        assertEquals("completed", end.getString("data.status"), end.prettify());
        assertFalse(stub.calls().isEmpty(), "the LLM was tried");
        String ddl = Tasks.file(id, "customer_order.ddl");
        assertTrue(ddl.contains("客户ID") && ddl.contains("订单"), ddl);
        String everything = ddl + Tasks.file(id, "customer_order_detail.md") + Tasks.files(id);
        assertFalse(everything.contains("抱歉") || everything.contains("无法回答"), everything);
        JsonNode result = JSON.readTree(Tasks.file(id, "task_result.json"));
        assertEquals("builtin", result.at("/engines/qa_generation").asText());
        assertTrue(result.at("/engines/ddl_generation").asText().contains("builtin"));
        assertTrue(result.at("/artifacts/question_sql_generation/total_questions").asInt() > 0);
    }
}
