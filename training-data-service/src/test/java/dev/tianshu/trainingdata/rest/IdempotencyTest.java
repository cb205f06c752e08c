package dev.tianshu.trainingdata.rest;

import static dev.tianshu.trainingdata.TrainingDataTestSupport.create;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.sql;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Ids come from the content: the same item always gets the same id and is stored once, even under concurrency. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    TrainingDataTestSupport support;

    @BeforeEach
    void emptyStore() {
        support.reset();
    }

    @Test
    void twentyConcurrentIdenticalCreatesStoreOneItem() throws Exception {
        Map<String, Object> body = Map.of("data", sql("各服务区今年的总营收", "SELECT service_name, sum(pay_sum) FROM t GROUP BY 1"));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonPath>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post("/create", body).statusCode(200).extract().jsonPath();
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<JsonPath> answer : answers) {
                JsonPath json = answer.get();
                assertEquals(1, json.getInt("data.successfully_created"));
                ids.add(json.getString("data.results[0].training_id"));
                if (!json.getBoolean("data.results[0].existed")) {
                    created++;
                }
            }
            assertEquals(1, ids.size(), "one id for one content");
            assertEquals(1, created, "exactly one request created it, the others found it");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, support.rows("SELECT count(*) FROM training_item"));
        assertEquals(1, support.rows("SELECT count(*) FROM training_change"), "one change event, not twenty");
    }

    @Test
    void sameContentSameIdDifferentContentDifferentId() {
        String first = create(List.of(sql("查询所有用户", "SELECT * FROM users"))).get(0);
        post("/delete", Map.of("ids", List.of(first), "confirm", true)).statusCode(200);
        String again = create(List.of(sql("查询所有用户", "SELECT * FROM users"))).get(0);
        assertEquals(first, again, "the id is derived from the content, not random");
        assertNotEquals(first, create(List.of(sql("查询全部用户", "SELECT * FROM users"))).get(0));
        assertNotEquals(first, create(List.of(
                Map.of("training_data_type", "error_sql", "question", "查询所有用户", "sql", "SELECT * FROM users"))).get(0));
        // a batch repeating an item stores it once
        post("/create", Map.of("data", List.of(sql("重复", "SELECT 2"), sql("重复", "SELECT 2")))).statusCode(200)
                .body("data.successfully_created", is(2))
                .body("data.results[0].existed", is(false))
                .body("data.results[1].existed", is(true))
                .body("data.results[1].message", is("sql训练数据已存在,未重复创建"));
        assertEquals(4, support.rows("SELECT count(*) FROM training_item"));
    }
}
