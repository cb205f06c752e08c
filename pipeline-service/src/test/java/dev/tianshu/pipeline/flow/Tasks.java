package dev.tianshu.pipeline.flow;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;

import io.restassured.path.json.JsonPath;

/** Driving tasks through the API in flow tests: create, table list, execute, wait for the end. */
public final class Tasks {

    static final String HIGHWAY_TABLES = "bss_car_day_count,bss_business_day_data,bss_company,bss_section_route,"
            + "bss_section_route_area_link,bss_service_area,bss_service_area_mapper";

    private Tasks() {
    }

    public static String create(String body) {
        return given().contentType("application/json").body(body).post("/api/v0/data_pipeline/tasks")
                .then().statusCode(200).extract().path("data.task_id");
    }

    static String withTables(String tables) {
        String id = create("{\"task_name\":\"流程测试\",\"business_context\":\"高速公路服务区管理系统\"}");
        given().contentType("application/json").body(Map.of("tables", tables))
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(200);
        return id;
    }

    static void execute(String id, String mode, String step) {
        String body = step == null ? "{\"execution_mode\":\"" + mode + "\"}"
                : "{\"execution_mode\":\"" + mode + "\",\"step_name\":\"" + step + "\"}";
        given().contentType("application/json").body(body)
                .post("/api/v0/data_pipeline/tasks/" + id + "/execute").then().statusCode(200);
    }

    static JsonPath status(String id) {
        return given().get("/api/v0/data_pipeline/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the task until it is no longer in progress; its final status view. */
    static JsonPath awaitEnd(String id) {
        Set<String> ended = Set.of("completed", "failed", "partial_completed");
        return Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(id), s -> ended.contains(s.getString("data.status")));
    }

    static List<String> files(String id) {
        return given().get("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(200).extract()
                .path("data.files.file_name");
    }

    static String file(String id, String name) {
        return given().get("/api/v0/data_pipeline/tasks/" + id + "/files/" + name).then().statusCode(200).extract()
                .asString();
    }
}
