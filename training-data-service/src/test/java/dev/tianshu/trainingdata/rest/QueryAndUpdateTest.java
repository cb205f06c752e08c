package dev.tianshu.trainingdata.rest;

import static dev.tianshu.trainingdata.TrainingDataTestSupport.create;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.sql;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/** Paging, sorting and keyword search run in PostgreSQL; update replaces an item. */
@QuarkusTest
class QueryAndUpdateTest {

    @Inject
    TrainingDataTestSupport support;

    @BeforeEach
    void emptyStore() {
        support.reset();
    }

    @Test
    void pagesAndSortsById() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            items.add(sql("问题" + i, "SELECT " + i));
        }
        List<String> ids = new ArrayList<>(create(items));
        ids.sort(Comparator.naturalOrder());
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            seen.addAll(post("/query", Map.of("page", page, "page_size", 10, "sort_order", "asc")).statusCode(200)
                    .body("data.pagination.total", is(23))
                    .body("data.pagination.total_pages", is(3))
                    .body("data.pagination.has_next", is(page < 3))
                    .body("data.pagination.has_prev", is(page > 1))
                    .extract().jsonPath().getList("data.records.id", String.class));
        }
        assertEquals(ids, seen, "pages in id order, no gaps, no repeats");
        List<String> descending = post("/query", Map.of("page_size", 100)).statusCode(200)
                .extract().jsonPath().getList("data.records.id", String.class);
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, descending, "default sort: id desc");
    }

    @Test
    void sortsByType() {
        create(List.of(sql("q", "SELECT 1"),
                Map.of("training_data_type", "ddl", "ddl", "CREATE TABLE a (id int);"),
                Map.of("training_data_type", "documentation", "content", "文档"),
                Map.of("training_data_type", "error_sql", "question", "e", "sql", "SELEC 1")));
        post("/query", Map.of("sort_by", "training_data_type", "sort_order", "asc")).statusCode(200)
                .body("data.records.training_data_type", contains("ddl", "documentation", "error_sql", "sql"));
        post("/query", Map.of("sort_by", "training_data_type", "sort_order", "desc")).statusCode(200)
                .body("data.records.training_data_type", contains("sql", "error_sql", "documentation", "ddl"));
    }

    @Test
    void keywordIsCaseInsensitiveAndLiteral() {
        create(List.of(
                sql("折扣超过100%的订单", "SELECT * FROM orders WHERE discount > 1"),
                sql("折扣为100的订单", "SELECT * FROM orders WHERE discount = 100"),
                sql("user_name 为空的用户", "SELECT * FROM users WHERE user_name IS NULL"),
                sql("username 为空的用户", "SELECT * FROM users WHERE username IS NULL"),
                sql("路径含反斜杠", "SELECT 'a\\b' AS p"),
                Map.of("training_data_type", "documentation", "content", "Users TABLE stores accounts")));
        post("/query", Map.of("search_keyword", "100%")).statusCode(200)
                .body("data.records.question", contains("折扣超过100%的订单"));
        post("/query", Map.of("search_keyword", "user_name")).statusCode(200)
                .body("data.pagination.total", is(1))
                .body("data.records.question", contains("user_name 为空的用户"));
        // short keywords (no trigram) take another path, just as literal
        post("/query", Map.of("search_keyword", "%")).statusCode(200)
                .body("data.records.question", contains("折扣超过100%的订单"));
        post("/query", Map.of("search_keyword", "_N")).statusCode(200)
                .body("data.records.question", contains("user_name 为空的用户"));
        post("/query", Map.of("search_keyword", "a\\b")).statusCode(200)
                .body("data.records.question", contains("路径含反斜杠"));
        // matched in the content too, regardless of case
        post("/query", Map.of("search_keyword", "users table")).statusCode(200)
                .body("data.records.training_data_type", contains("documentation"));
        post("/query", Map.of("search_keyword", "select * from USERS")).statusCode(200)
                .body("data.pagination.total", is(2))
                .body("data.response", is("查询成功,共找到 2 条记录"));
        post("/query", Map.of("search_keyword", "不存在的词")).statusCode(200)
                .body("data.pagination.total", is(0))
                .body("data.pagination.total_pages", is(0))
                .body("data.response", is("查询成功,共找到 0 条记录"));
    }

    @Test
    void updateReplacesTheItem() {
        String original = create(List.of(sql("查询所有用户", "SELECT * FROM users"))).get(0);
        String replaced = post("/update", Map.of("id", original, "training_data_type", "sql",
                "question", "查询所有有效用户", "sql", "SELECT * FROM users WHERE delete_ts IS NULL"))
                .statusCode(200)
                .body("success", is(true))
                .body("data.original_id", is(original))
                .body("data.type", is("sql"))
                .body("data.changed", is(true))
                .body("data.current_total_count", is(1))
                .body("data.response", is("训练数据更新成功"))
                .extract().path("data.new_training_id");
        assertNotEquals(original, replaced);
        post("/query", Map.of()).statusCode(200)
                .body("data.records.id", contains(replaced))
                .body("data.records[0].question", is("查询所有有效用户"));
        // unchanged content keeps its id
        post("/update", Map.of("id", replaced, "training_data_type", "sql",
                "question", "查询所有有效用户", "sql", "SELECT * FROM users WHERE delete_ts IS NULL"))
                .statusCode(200)
                .body("data.new_training_id", is(replaced))
                .body("data.changed", is(false));
        // the old id is gone: updating it again is refused and nothing changes
        post("/update", Map.of("id", original, "training_data_type", "documentation", "content", "x")).statusCode(400);
        // a type change gets the new type's suffix
        post("/update", Map.of("id", replaced, "training_data_type", "documentation", "content", "用户表说明"))
                .statusCode(200)
                .body("data.type", is("documentation"))
                .body("data.new_training_id", org.hamcrest.Matchers.endsWith("-doc"));
        assertEquals(1, support.rows("SELECT count(*) FROM training_item"));
        assertEquals(3, support.rows("SELECT count(*) FROM training_change WHERE op IN ('created', 'updated')"));
    }
}
