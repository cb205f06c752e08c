package dev.tianshu.trainingdata.rest;

import static dev.tianshu.trainingdata.TrainingDataTestSupport.create;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.sql;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/** Every request and response example of seed 001, reproduced against the running service. */
@QuarkusTest
class SeedExamplesTest {

    static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?";

    @Inject
    TrainingDataTestSupport support;

    @BeforeEach
    void emptyStore() {
        support.reset();
    }

    @Test
    void statsOfTheSeedExample() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 210; i++) {
            items.add(sql("统计问题" + i, "SELECT " + i + " AS n"));
        }
        for (int i = 0; i < 9; i++) {
            items.add(Map.of("training_data_type", "ddl", "ddl", "CREATE TABLE t" + i + " (id int PRIMARY KEY);"));
        }
        for (int i = 0; i < 8; i++) {
            items.add(Map.of("training_data_type", "documentation", "content", "文档" + i));
        }
        items.add(Map.of("training_data_type", "error_sql", "question", "错误的查询示例", "sql", "SELCT * FROM users"));
        for (int from = 0; from < items.size(); from += 50) {
            create(items.subList(from, Math.min(items.size(), from + 50)));
        }
        String lastUpdated = given().get("/api/v0/training_data/stats").then().statusCode(200)
                .body("code", is(200))
                .body("success", is(true))
                .body("message", is("操作成功"))
                .body("data.total_count", is(228))
                .body("data.type_breakdown.sql", is(210))
                .body("data.type_breakdown.ddl", is(9))
                .body("data.type_breakdown.documentation", is(8))
                .body("data.type_breakdown.error_sql", is(1))
                .body("data.type_percentages.sql", is(92.11f))
                .body("data.type_percentages.ddl", is(3.95f))
                .body("data.type_percentages.documentation", is(3.51f))
                .body("data.type_percentages.error_sql", is(0.44f))
                .body("data.response", is("统计信息获取成功"))
                .body("data.last_updated", matchesPattern(TIMESTAMP))
                .extract().path("data.last_updated");

        // last_updated is when the data last changed, not the time of the request
        String again = given().get("/api/v0/training_data/stats").then().statusCode(200)
                .extract().path("data.last_updated");
        assertEquals(lastUpdated, again);
        String deletedId = create(List.of(sql("再来一条", "SELECT 1 AS x"))).get(0);
        post("/delete", Map.of("ids", List.of(deletedId), "confirm", true)).statusCode(200);
        String afterDelete = given().get("/api/v0/training_data/stats").then().statusCode(200)
                .body("data.total_count", is(228))
                .extract().path("data.last_updated");
        assertNotEquals(lastUpdated, afterDelete);
        assertEquals(true, LocalDateTime.parse(afterDelete).isAfter(LocalDateTime.parse(lastUpdated)));
    }

    @Test
    void statsOfAnEmptyStore() {
        given().get("/api/v0/training_data/stats").then().statusCode(200)
                .body("data.total_count", is(0))
                .body("data.type_percentages.sql", is(0.0f))
                .body("data.last_updated", nullValue());
    }

    @Test
    void queryExample() {
        create(List.of(
                sql("查看活跃用户列表",
                        "SELECT user_id, user_name, last_login FROM users WHERE last_login >= CURRENT_DATE - INTERVAL '30 days';"),
                sql("查询所有用户", "SELECT * FROM users WHERE delete_ts IS NULL"),
                sql("查询订单总数", "SELECT count(*) FROM orders"),
                Map.of("training_data_type", "documentation", "content", "用户表用于存储系统用户的基本信息和状态。")));

        post("/query", Map.of("page", 1, "page_size", 5, "training_data_type", "sql", "search_keyword", "用户",
                "sort_by", "id", "sort_order", "desc"))
                .statusCode(200)
                .body("code", is(200))
                .body("success", is(true))
                .body("message", is("操作成功"))
                .body("data.records.size()", is(2))
                .body("data.records[0].id", matchesPattern(ID + "-sql"))
                .body("data.records[0].training_data_type", is("sql"))
                .body("data.records.question", org.hamcrest.Matchers.containsInAnyOrder("查看活跃用户列表", "查询所有用户"))
                .body("data.records.find { it.question == '查看活跃用户列表' }.content",
                        is("SELECT user_id, user_name, last_login FROM users WHERE last_login >= CURRENT_DATE - INTERVAL '30 days';"))
                .body("data.pagination.page", is(1))
                .body("data.pagination.page_size", is(5))
                .body("data.pagination.total", is(2))
                .body("data.pagination.total_pages", is(1))
                .body("data.pagination.has_next", is(false))
                .body("data.pagination.has_prev", is(false))
                .body("data.filters_applied.training_data_type", is("sql"))
                .body("data.filters_applied.search_keyword", is("用户"))
                .body("data.response", is("查询成功,共找到 2 条记录"));
    }

    @Test
    void queryErrorExample() {
        post("/query", Map.of("page", 0)).statusCode(400)
                .body("code", is(400))
                .body("success", is(false))
                .body("message", is("请求参数错误"))
                .body("data.error_type", is("missing_required_params"))
                .body("data.missing_params", contains("page"))
                .body("data.response", is("页码必须大于0"))
                .body("data.timestamp", matchesPattern(TIMESTAMP));
    }

    @Test
    void createSingleExample() {
        post("/create", Map.of("data", sql("查询所有用户", "SELECT * FROM users WHERE delete_ts IS NULL")))
                .statusCode(200)
                .body("code", is(200))
                .body("success", is(true))
                .body("message", is("操作成功"))
                .body("data.total_requested", is(1))
                .body("data.successfully_created", is(1))
                .body("data.failed_count", is(0))
                .body("data.results[0].index", is(0))
                .body("data.results[0].success", is(true))
                .body("data.results[0].type", is("sql"))
                .body("data.results[0].training_id", matchesPattern(ID + "-sql"))
                .body("data.results[0].message", is("sql训练数据创建成功"))
                .body("data.summary.sql", is(1))
                .body("data.summary.ddl", is(0))
                .body("data.summary.documentation", is(0))
                .body("data.summary.error_sql", is(0))
                .body("data.current_total_count", is(1))
                .body("data.response", is("训练数据创建完成"));
    }

    @Test
    void createBatchExample() {
        post("/create", Map.of("data", List.of(
                sql("查询活跃用户", "SELECT * FROM users WHERE status = 'active'"),
                Map.of("training_data_type", "documentation", "content", "用户表用于存储系统用户的基本信息和状态。"),
                Map.of("training_data_type", "ddl", "ddl", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100));"),
                Map.of("training_data_type", "error_sql", "question", "错误的查询示例", "sql", "SELCT * FROM users"))))
                .statusCode(200)
                .body("data.total_requested", is(4))
                .body("data.successfully_created", is(4))
                .body("data.failed_count", is(0))
                .body("data.results.type", contains("sql", "documentation", "ddl", "error_sql"))
                .body("data.results[0].training_id", matchesPattern(ID + "-sql"))
                .body("data.results[1].training_id", matchesPattern(ID + "-doc"))
                .body("data.results[2].training_id", matchesPattern(ID + "-ddl"))
                .body("data.results[3].training_id", matchesPattern(ID + "-error_sql"))
                .body("data.results.message", contains("sql训练数据创建成功", "documentation训练数据创建成功",
                        "ddl训练数据创建成功", "error_sql训练数据创建成功"))
                .body("data.summary", equalTo(Map.of("sql", 1, "ddl", 1, "documentation", 1, "error_sql", 1)))
                .body("data.current_total_count", is(4));

        // stored as given: the query shows each type's content
        post("/query", Map.of("training_data_type", "error_sql")).statusCode(200)
                .body("data.records[0].question", is("错误的查询示例"))
                .body("data.records[0].content", is("SELCT * FROM users"));
        post("/query", Map.of("training_data_type", "ddl")).statusCode(200)
                .body("data.records[0].question", nullValue())
                .body("data.records[0].content", is("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100));"));
    }

    @Test
    void dangerousSqlExample() {
        post("/create", Map.of("data", sql("更新用户", "UPDATE users SET status = 'x'")))
                .statusCode(200)
                .body("code", is(200))
                .body("success", is(true))
                .body("message", is("操作成功"))
                .body("data.total_requested", is(1))
                .body("data.successfully_created", is(0))
                .body("data.failed_count", is(1))
                .body("data.results[0].index", is(0))
                .body("data.results[0].success", is(false))
                .body("data.results[0].type", is("sql"))
                .body("data.results[0].error", is("在训练集中禁止使用\"UPDATE,DELETE,ALERT,DROP\""))
                .body("data.results[0].message", is("创建失败"))
                .body("data.results[0]", not(hasKey("training_id")));
        assertEquals(0, support.rows("SELECT count(*) FROM training_item"));
    }

    @Test
    void batchLimits() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            items.add(sql("q" + i, "SELECT " + i));
        }
        post("/create", Map.of("data", items)).statusCode(400)
                .body("success", is(false))
                .body("data.response", is("批量操作最大支持50条记录"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            ids.add("id-" + i + "-sql");
        }
        post("/delete", Map.of("ids", ids, "confirm", true)).statusCode(400)
                .body("data.response", is("批量删除最大支持50条记录"));
        assertEquals(0, support.rows("SELECT count(*) FROM training_item"));
    }

    @Test
    void deleteExample() {
        String existing = create(List.of(sql("查询所有用户", "SELECT * FROM users WHERE delete_ts IS NULL"))).get(0);
        String missing = "0db3b76a-6fa5-4c8e-9115-3ec7cc6159fe-doc";
        post("/delete", Map.of("ids", List.of(existing, missing), "confirm", true))
                .statusCode(200)
                .body("code", is(200))
                .body("success", is(true))
                .body("message", is("操作成功"))
                .body("data.total_requested", is(2))
                .body("data.successfully_deleted", is(1))
                .body("data.failed_count", is(1))
                .body("data.deleted_ids", contains(existing))
                .body("data.failed_ids", contains(missing))
                .body("data.failed_details[0].id", is(missing))
                .body("data.failed_details[0].error", is("记录不存在或删除失败"))
                .body("data.current_total_count", is(0))
                .body("data.response", is("训练数据删除完成"));
        post("/query", Map.of()).statusCode(200).body("data.records", empty())
                .body("data.response", is("查询成功,暂无训练数据"));
    }

    @Test
    void deleteNeedsConfirmation() {
        String id = create(List.of(sql("查询所有用户", "SELECT * FROM users"))).get(0);
        for (Object confirm : new Object[] { false, "true", 1 }) {
            post("/delete", Map.of("ids", List.of(id), "confirm", confirm)).statusCode(400)
                    .body("code", is(400))
                    .body("success", is(false))
                    .body("message", is("请求参数错误"))
                    .body("data.error_type", is("missing_required_params"))
                    .body("data.response", is("删除操作需要确认,请设置confirm为true"))
                    .body("data.timestamp", notNullValue());
        }
        post("/delete", Map.of("ids", List.of(id))).statusCode(400)
                .body("data.response", is("删除操作需要确认,请设置confirm为true"));
        assertEquals(1, support.rows("SELECT count(*) FROM training_item"));
    }

    @Test
    void pythonClientWalkthrough() {
        // the seed's Python example: create, find by type and keyword, delete what was created
        String id = post("/create", Map.of("data", sql("查询测试用户", "SELECT * FROM users WHERE status = 'test'")))
                .statusCode(200).body("data.successfully_created", is(1))
                .extract().path("data.results[0].training_id");
        post("/query", Map.of("page", 1, "page_size", 20, "search_keyword", "用户", "training_data_type", "sql"))
                .statusCode(200).body("data.pagination.total", is(1));
        post("/delete", Map.of("ids", List.of(id), "confirm", true)).statusCode(200)
                .body("data.successfully_deleted", is(1));
    }
}
