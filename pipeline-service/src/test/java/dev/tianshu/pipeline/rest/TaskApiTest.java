package dev.tianshu.pipeline.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.flow.Tasks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Creating, listing, searching, reading and deleting tasks, with the seed's shapes and the original's checks. */
@QuarkusTest
class TaskApiTest {

    static String create(String body) {
        return Tasks.create(body);
    }

    @Test
    void createAnswersTheSeedShape() {
        given().contentType("application/json")
                .body("{\"task_name\":\"服务区初始化数据加载\",\"db_name\":\"" + dev.tianshu.pipeline.testing.BusinessDbs.highwayName() + "\","
                        + "\"business_context\":\"高速公路服务区管理系统\"}")
                .post("/api/v0/data_pipeline/tasks")
                .then().statusCode(200)
                .body("code", is(200)).body("success", is(true)).body("message", is("操作成功"))
                .body("data.task_id", matchesPattern("task_\\d{8}_\\d{6}"))
                .body("data.task_name", is("服务区初始化数据加载"))
                .body("data.status", is("pending"))
                .body("data.file_upload_mode", is(true))
                .body("data.created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"))
                .body("data.next_step", containsString("/upload-table-list"))
                .body("data.response", is("任务创建成功，请上传表清单文件后再执行任务"));
    }

    @Test
    void statusShowsFourPendingStepsAndMaskedParameters() {
        String id = create("{\"task_name\":\"t\",\"db_connection\":\"postgresql://alice:s3cret-pw@127.0.0.1:5/demo\"}");
        Response r = given().get("/api/v0/data_pipeline/tasks/" + id);
        r.then().statusCode(200)
                .body("data.status", is("pending"))
                .body("data.total_steps", is(4))
                .body("data.current_step", nullValue())
                .body("data.step_status.ddl_generation", is("pending"))
                .body("data.steps.step_name", is(List.of("ddl_generation", "qa_generation", "sql_validation",
                        "training_load")))
                .body("data.parameters.db_connection", is("postgresql://alice:***@127.0.0.1:5/demo"))
                .body("data.parameters.business_context", is("数据库管理系统"))
                .body("data.parameters.enable_sql_validation", is(true))
                .body("data.parameters.table_list_file", is("{task_directory}/table_list.txt"))
                .body("data.response", is("获取任务状态成功"));
        assertFalse(r.asString().contains("s3cret-pw"));
        assertFalse(given().get("/api/v0/data_pipeline/tasks?limit=100").asString().contains("s3cret-pw"));
    }

    @Test
    void taskIdsNeverCollideEvenWithinOneSecond() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> create("{\"task_name\":\"burst\"}"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(20, ids.size());
            ids.forEach(id -> org.junit.jupiter.api.Assertions.assertTrue(id.matches("task_\\d{8}_\\d{6}"), id));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badInputIsA400NamingTheParameter() {
        post("{\"db_connection\":\"mysql://x@y/z\"}").then().statusCode(400)
                .body("data.missing_params", hasItem("db_connection"))
                .body("data.response", containsString("postgresql://"));
        post("{\"enable_sql_validation\":\"yes\"}").then().statusCode(400)
                .body("data.missing_params", hasItem("enable_sql_validation"));
        post("{\"table_list_file\":\"/etc/passwd\"}").then().statusCode(400)
                .body("data.missing_params", hasItem("table_list_file"));
        post("{\"db_name\":\"x; drop\"}").then().statusCode(400);
        post("[1,2]").then().statusCode(400);
        given().get("/api/v0/data_pipeline/tasks/task_19990101_000000").then().statusCode(404)
                .body("success", is(false)).body("data.response", containsString("任务不存在"));
        given().get("/api/v0/data_pipeline/tasks/..%2F..%2Fetc").then().statusCode(400);
        given().get("/api/v0/data_pipeline/tasks?limit=1000").then().statusCode(400);
        given().get("/api/v0/data_pipeline/tasks?status=zombie").then().statusCode(400);
    }

    @Test
    void listAndQuery() {
        String id = create("{\"task_name\":\"查询测试任务-" + System.nanoTime() + "\"}");
        given().get("/api/v0/data_pipeline/tasks?limit=5").then().statusCode(200)
                .body("data.limit", is(5)).body("data.offset", is(0))
                .body("data.tasks.size()", is(5))
                .body("data.tasks[0].created_by", is("guest"))
                .body("data.tasks[0].step_status", notNullValue())
                .body("data.response", is("获取任务列表成功"));
        given().contentType("application/json").body("{\"task_name\":\"查询测试任务\",\"page\":1,\"page_size\":10,"
                + "\"status\":\"pending\",\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}")
                .post("/api/v0/data_pipeline/tasks/query").then().statusCode(200)
                .body("data.tasks.task_id", hasItem(id))
                .body("data.tasks.status", everyItem(is("pending")))
                .body("data.pagination.page", is(1))
                .body("data.pagination.has_prev", is(false))
                .body("data.filters_applied.task_name", is("查询测试任务"))
                .body("data.sort_applied.sort_by", is("created_at"));
        given().contentType("application/json").body("{\"sort_by\":\"password\"}")
                .post("/api/v0/data_pipeline/tasks/query").then().statusCode(400)
                .body("data.missing_params", hasItem("sort_by"));
        given().contentType("application/json").body("{\"page_size\":101}")
                .post("/api/v0/data_pipeline/tasks/query").then().statusCode(400);
        given().contentType("application/json").body("{\"created_time_start\":\"yesterday\"}")
                .post("/api/v0/data_pipeline/tasks/query").then().statusCode(400);
    }

    @Test
    void deleteNeedsConfirmationAndRemovesTheDirectory() {
        String id = create("{\"task_name\":\"任务删除测试\"}");
        given().contentType("application/json").body("{\"tables\":\"bss_company\"}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(200);
        given().contentType("application/json").body("{\"task_ids\":[\"" + id + "\"]}")
                .delete("/api/v0/data_pipeline/tasks").then().statusCode(400)
                .body("data.response", is("删除操作需要确认，请设置confirm为true"));
        given().contentType("application/json").body("{\"task_ids\":[\"" + id + "\"],\"confirm\":true}")
                .delete("/api/v0/data_pipeline/tasks").then().statusCode(200)
                .body("data.deleted_tasks[0].task_id", is(id))
                .body("data.deleted_tasks[0].directory_deleted", is(true))
                .body("data.deleted_tasks[0].deleted_files_count", is(1))
                .body("data.deleted_tasks[0].database_records_deleted", is(false))
                .body("data.summary.successfully_deleted", is(1))
                .body("data.response", is("任务目录删除成功"));
        given().get("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(200)
                .body("data.files.size()", is(0));
        given().get("/api/v0/data_pipeline/tasks?limit=100").then()
                .body("data.tasks.find { it.task_id == '" + id + "' }.directory_exists", is(false));
        given().contentType("application/json").body("{\"task_ids\":[\"" + id + "\",\"task_19990101_000001\"],"
                + "\"confirm\":true,\"delete_database_records\":true}")
                .delete("/api/v0/data_pipeline/tasks").then().statusCode(200)
                .body("data.summary.total_requested", is(2))
                .body("data.deleted_tasks[1].operation_message", is("目录不存在，无需删除"))
                .body("data.response", containsString("批量删除完成"));
        given().get("/api/v0/data_pipeline/tasks/" + id).then().statusCode(404);
        given().delete("/api/v0/data_pipeline/tasks?task_ids=" + create("{}") + "&confirm=true").then()
                .statusCode(200).body("data.summary.successfully_deleted", is(1));
        given().contentType("application/json").body("{\"task_ids\":[\"../x\"],\"confirm\":true}")
                .delete("/api/v0/data_pipeline/tasks").then().statusCode(400);
        given().contentType("application/json").body("{\"confirm\":true}")
                .delete("/api/v0/data_pipeline/tasks").then().statusCode(400)
                .body("data.missing_params", hasItem("task_ids"));
    }

    @Test
    void executeChecksModeAndStep() {
        String id = create("{}");
        exec(id, "{\"execution_mode\":\"sometimes\"}").then().statusCode(400)
                .body("data.missing_params", hasItem("execution_mode"));
        exec(id, "{\"execution_mode\":\"step\"}").then().statusCode(400)
                .body("data.missing_params", hasItem("step_name"));
        exec(id, "{\"execution_mode\":\"step\",\"step_name\":\"everything\"}").then().statusCode(400)
                .body("data.response", containsString("无效的步骤名称"));
        exec("task_19990101_000002", "{\"execution_mode\":\"complete\"}").then().statusCode(404);
        given().get("/api/v0/data_pipeline/tasks/" + id).then().body("data.status", not(is("in_progress")));
    }

    static Response exec(String id, String body) {
        return given().contentType("application/json").body(body)
                .post("/api/v0/data_pipeline/tasks/" + id + "/execute");
    }

    private static Response post(String body) {
        return given().contentType("application/json").body(body).post("/api/v0/data_pipeline/tasks");
    }
}
