package dev.tianshu.trainingdata.rest;

import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every validation error of the API: a 400 in the v0 envelope naming the parameter, and nothing written. */
@QuarkusTest
class ValidationTest {

    @Inject
    TrainingDataTestSupport support;

    @BeforeEach
    void emptyStore() {
        support.reset();
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of(Map.of("page", 0), "page", "页码必须大于0"),
                Arguments.of(Map.of("page", -3), "page", "页码必须大于0"),
                Arguments.of(Map.of("page", "1"), "page", "页码必须是整数"),
                Arguments.of(Map.of("page", 1.5), "page", "页码必须是整数"),
                Arguments.of(Map.of("page_size", 0), "page_size", "每页大小必须在1-100之间"),
                Arguments.of(Map.of("page_size", 101), "page_size", "每页大小必须在1-100之间"),
                Arguments.of(Map.of("page_size", "20"), "page_size", "每页大小必须是整数"),
                Arguments.of(Map.of("search_keyword", "字".repeat(101)), "search_keyword", "搜索关键词最大长度为100字符"),
                Arguments.of(Map.of("search_keyword", 5), "search_keyword", "search_keyword必须是字符串"),
                Arguments.of(Map.of("training_data_type", "sqlx"), "training_data_type", "不支持的训练数据类型: sqlx"),
                Arguments.of(Map.of("sort_by", "question"), "sort_by", "不支持的排序字段: question"),
                Arguments.of(Map.of("sort_order", "up"), "sort_order", "不支持的排序方向: up"));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void queryParameters(Map<String, Object> body, String param, String message) {
        post("/query", body).statusCode(400)
                .body("code", is(400))
                .body("success", is(false))
                .body("message", is("请求参数错误"))
                .body("data.error_type", is("missing_required_params"))
                .body("data.missing_params", contains(param))
                .body("data.response", containsString(message));
    }

    @Test
    void boundariesAreAccepted() {
        post("/query", Map.of("page", 1, "page_size", 1)).statusCode(200);
        post("/query", Map.of("page", 1000, "page_size", 100, "search_keyword", "字".repeat(100))).statusCode(200)
                .body("data.records.size()", is(0))
                .body("data.pagination.has_prev", is(true));
        post("/query", Map.of("sort_by", "training_data_type", "sort_order", "ASC")).statusCode(200);
    }

    static Stream<Arguments> badCreates() {
        Map<String, Object> nullData = new HashMap<>();
        nullData.put("data", null);
        return Stream.of(
                Arguments.of(Map.of(), "data", "缺少必需参数: data"),
                Arguments.of(nullData, "data", "缺少必需参数: data"),
                Arguments.of(Map.of("data", List.of()), "data", "缺少必需参数: data"),
                Arguments.of(Map.of("data", "SELECT 1"), "data", "data字段格式错误,应为对象或数组"),
                Arguments.of(Map.of("data", 7), "data", "data字段格式错误,应为对象或数组"));
    }

    @ParameterizedTest
    @MethodSource("badCreates")
    void createParameters(Map<String, Object> body, String param, String message) {
        post("/create", body).statusCode(400)
                .body("data.error_type", is("missing_required_params"))
                .body("data.missing_params", contains(param))
                .body("data.response", is(message));
    }

    static Stream<Arguments> badItems() {
        return Stream.of(
                Arguments.of(Map.of("question", "q", "sql", "SELECT 1"), "缺少必需参数: training_data_type"),
                Arguments.of(Map.of("training_data_type", "view", "content", "x"), "不支持的训练数据类型: view"),
                Arguments.of(Map.of("training_data_type", "sql", "sql", "SELECT 1"), "question字段是必需的"),
                Arguments.of(Map.of("training_data_type", "sql", "question", "q"), "sql字段是必需的"),
                Arguments.of(Map.of("training_data_type", "sql", "question", "  ", "sql", "SELECT 1"), "question字段是必需的"),
                Arguments.of(Map.of("training_data_type", "sql", "question", 5, "sql", "SELECT 1"), "question字段必须是字符串"),
                Arguments.of(Map.of("training_data_type", "sql", "question", "q".repeat(2001), "sql", "SELECT 1"),
                        "question字段超过最大长度2000字符"),
                Arguments.of(Map.of("training_data_type", "error_sql", "sql", "SELCT 1"), "question和sql字段都是必需的"),
                Arguments.of(Map.of("training_data_type", "error_sql", "question", "q"), "question和sql字段都是必需的"),
                Arguments.of(Map.of("training_data_type", "documentation", "ddl", "x"), "content字段是必需的"),
                Arguments.of(Map.of("training_data_type", "ddl", "content", "x"), "ddl字段是必需的"),
                Arguments.of(Map.of("training_data_type", "ddl", "ddl", List.of("x")), "ddl字段必须是字符串"));
    }

    @ParameterizedTest
    @MethodSource("badItems")
    void itemErrorsAreReportedPerItem(Map<String, Object> item, String error) {
        post("/create", Map.of("data", List.of(item, TrainingDataTestSupport.sql("好的问题", "SELECT 1 AS ok"))))
                .statusCode(200)
                .body("data.successfully_created", is(1))
                .body("data.failed_count", is(1))
                .body("data.results[0].success", is(false))
                .body("data.results[0].error", containsString(error))
                .body("data.results[0].message", is("创建失败"))
                .body("data.results[1].success", is(true))
                .body("data.response", is("训练数据创建部分成功,成功1条,失败1条"));
    }

    @Test
    void itemThatIsNotAnObject() {
        post("/create", Map.of("data", List.of("SELECT 1"))).statusCode(200)
                .body("data.results[0].error", is("训练数据项必须是JSON对象"))
                .body("data.response", is("训练数据创建失败"));
    }

    static Stream<Arguments> badDeletes() {
        return Stream.of(
                Arguments.of(Map.of("confirm", true), "缺少有效的ID列表"),
                Arguments.of(Map.of("ids", List.of(), "confirm", true), "缺少有效的ID列表"),
                Arguments.of(Map.of("ids", "abc-sql", "confirm", true), "缺少有效的ID列表"),
                Arguments.of(Map.of("ids", List.of(5), "confirm", true), "ids中的每一项必须是非空字符串"),
                Arguments.of(Map.of("ids", List.of(""), "confirm", true), "ids中的每一项必须是非空字符串"));
    }

    @ParameterizedTest
    @MethodSource("badDeletes")
    void deleteParameters(Map<String, Object> body, String message) {
        post("/delete", body).statusCode(400)
                .body("data.error_type", is("missing_required_params"))
                .body("data.missing_params", contains("ids"))
                .body("data.response", is(message));
    }

    static Stream<Arguments> badSearches() {
        return Stream.of(
                Arguments.of(Map.of(), "question", "缺少必需参数: question"),
                Arguments.of(Map.of("question", " "), "question", "缺少必需参数: question"),
                Arguments.of(Map.of("question", "q".repeat(2001)), "question", "question最大长度为2000字符"),
                Arguments.of(Map.of("question", "q", "types", List.of()), "types", "types必须是非空数组"),
                Arguments.of(Map.of("question", "q", "types", List.of("table")), "types", "不支持的训练数据类型: table"),
                Arguments.of(Map.of("question", "q", "top_k", 0), "top_k", "top_k必须在1-50之间"),
                Arguments.of(Map.of("question", "q", "top_k", 51), "top_k", "top_k必须在1-50之间"),
                Arguments.of(Map.of("question", "q", "min_score", 1.5), "min_score", "min_score必须在-1到1之间"),
                Arguments.of(Map.of("question", "q", "min_score", "high"), "min_score", "min_score必须是数字"));
    }

    @ParameterizedTest
    @MethodSource("badSearches")
    void searchParameters(Map<String, Object> body, String param, String message) {
        post("/search", body).statusCode(400)
                .body("data.missing_params", contains(param))
                .body("data.response", containsString(message));
    }

    @Test
    void updateParameters() {
        post("/update", Map.of("training_data_type", "sql")).statusCode(400)
                .body("data.missing_params", contains("id"));
        post("/update", Map.of("id", "x-sql")).statusCode(400)
                .body("data.missing_params", contains("training_data_type"));
        post("/update", Map.of("id", "00000000-0000-5000-8000-000000000000-sql", "training_data_type", "sql",
                "question", "q", "sql", "SELECT 1")).statusCode(400)
                .body("data.missing_params", contains("id"))
                .body("data.response", containsString("不存在"));
        post("/update", Map.of("id", "x-sql", "training_data_type", "sql", "question", "q", "sql", "DROP TABLE t"))
                .statusCode(400)
                .body("data.response", is("在训练集中禁止使用\"UPDATE,DELETE,ALERT,DROP\""));
    }

    @Test
    void malformedBodies() {
        given().contentType(ContentType.JSON).body("{\"page\": ").post("/api/v0/training_data/query").then()
                .statusCode(400)
                .body("success", is(false))
                .body("data.response", containsString("JSON"));
        given().contentType(ContentType.JSON).body("[1,2]").post("/api/v0/training_data/query").then()
                .statusCode(400)
                .body("data.response", is("请求体必须是JSON对象"));
        given().contentType(ContentType.TEXT).body("page=1").post("/api/v0/training_data/create").then()
                .statusCode(415)
                .body("success", is(false))
                .body("code", is(415));
        given().get("/api/v0/training_data/nothing").then().statusCode(404).body("success", is(false));
        given().get("/api/v0/training_data/create").then().statusCode(405).body("success", is(false));
        assertEquals(0, support.rows("SELECT count(*) FROM training_item"));
    }
}
