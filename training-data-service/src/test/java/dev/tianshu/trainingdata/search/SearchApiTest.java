package dev.tianshu.trainingdata.search;

import dev.tianshu.common.testing.SharedDatasets;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.create;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.sql;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Semantic search over the 132 question–SQL pairs of the highway dev set, plus ddl and documentation. */
@QuarkusTest
class SearchApiTest {

    static final Path DEV = SharedDatasets.path("highway_db", "questions", "dev.json");

    @Inject
    TrainingDataTestSupport support;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void storeTheDevPairs() throws Exception {
        Assumptions.assumeTrue(Files.exists(DEV), "../shared datasets beside the project");
        support.reset();
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode pair : mapper.readTree(DEV.toFile())) {
            items.add(sql(pair.get("question").asText(), pair.get("sql").asText()));
        }
        items.add(Map.of("training_data_type", "ddl", "ddl",
                "CREATE TABLE bss_car_day_count (id varchar(32) PRIMARY KEY, customer_count bigint, "
                        + "car_type varchar(100), count_date date, service_area_id varchar(32));"
                        + " COMMENT ON TABLE bss_car_day_count IS '服务区车辆日统计表';"));
        items.add(Map.of("training_data_type", "documentation", "content",
                "## bss_business_day_data（业务支撑系统每日营业数据表）\n记录每个服务区档口每天的营收, 包括微信、支付宝、现金等支付方式的金额和订单数。"));
        for (int from = 0; from < items.size(); from += 50) {
            create(items.subList(from, Math.min(items.size(), from + 50)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "过去一周每个服务区的营业额从高到低排名 | 最近7天各服务区总营收排名（从高到低）？",
            "昨天哪个服务区的订单最多，具体是多少 | 昨日订单总数最高的服务区及具体数值？",
            "最近30天车流量最大的5个服务区 | 近30天各服务区总车流量排名前5的服务区是哪些？",
            "各个分公司分别管理多少个开放的服务区 | 各公司管理的服务区数量统计（仅开放状态）",
            "哪些路段一个服务区都没有关联 | 哪些路段没有关联任何服务区？" })
    void aParaphraseFindsItsStoredQuestionFirst(String paraphrase, String stored) {
        JsonPath answer = post("/search", Map.of("question", paraphrase, "types", List.of("sql"))).statusCode(200)
                .body("success", is(true))
                .body("data.results.training_data_type", everyItem(is("sql")))
                .extract().jsonPath();
        assertEquals(stored, answer.getString("data.results[0].question"), paraphrase);
        double score = answer.getDouble("data.results[0].score");
        assertTrue(score >= 0.65 && score <= 1.0, "score " + score);
    }

    @Test
    void resultsCarryTheStoredItemAndAreBestFirst() {
        JsonPath answer = post("/search", Map.of("question", "最近7天各服务区总营收排名（从高到低）？", "top_k", 3))
                .statusCode(200)
                .body("data.question", is("最近7天各服务区总营收排名（从高到低）？"))
                .body("data.top_k", is(3))
                .body("data.thresholds.sql", is(0.65f))
                .body("data.thresholds.error_sql", is(0.8f))
                .body("data.results[0].score", greaterThanOrEqualTo(0.99f))
                .body("data.results[0].content", org.hamcrest.Matchers.startsWith("SELECT service_name AS 服务区名称"))
                .body("data.results[0].id", org.hamcrest.Matchers.endsWith("-sql"))
                .extract().jsonPath();
        List<Float> scores = answer.getList("data.results.score", Float.class);
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), "best first: " + scores);
        }
        // top_k applies per type: at most 3 sql results
        assertTrue(answer.getList("data.results.findAll { it.training_data_type == 'sql' }").size() <= 3);
    }

    @Test
    void typesThresholdsAndMinScore() {
        post("/search", Map.of("question", "车辆日统计表有哪些字段", "types", List.of("ddl"))).statusCode(200)
                .body("data.results.size()", is(1))
                .body("data.results[0].training_data_type", is("ddl"));
        post("/search", Map.of("question", "微信和支付宝的支付金额记录在哪里", "types", List.of("documentation")))
                .statusCode(200)
                .body("data.results[0].training_data_type", is("documentation"));
        // an unrelated question stays under the sql threshold
        post("/search", Map.of("question", "今天天气怎么样, 适合去爬山吗", "types", List.of("sql"))).statusCode(200)
                .body("data.results.size()", is(0))
                .body("data.response", is("未检索到相似的训练数据"));
        // min_score overrides every threshold
        post("/search", Map.of("question", "今天天气怎么样, 适合去爬山吗", "types", List.of("sql"), "min_score", -1,
                "top_k", 5)).statusCode(200)
                .body("data.results.size()", is(5))
                .body("data.thresholds.sql", is(-1.0f))
                .body("data.results.score", everyItem(lessThanOrEqualTo(0.65f)));
    }

    @Test
    void deletedAndUpdatedItemsLeaveTheIndexAtOnce() {
        String question = "最近7天各服务区总营收排名（从高到低）？";
        String id = post("/search", Map.of("question", question, "top_k", 1, "types", List.of("sql"))).statusCode(200)
                .extract().path("data.results[0].id");
        post("/delete", Map.of("ids", List.of(id), "confirm", true)).statusCode(200);
        post("/search", Map.of("question", question, "top_k", 1, "types", List.of("sql"))).statusCode(200)
                .body("data.results[0].question", org.hamcrest.Matchers.not(question));
        String other = post("/search", Map.of("question", "哪些路段没有关联任何服务区？", "top_k", 1)).statusCode(200)
                .extract().path("data.results[0].id");
        String replaced = post("/update", Map.of("id", other, "training_data_type", "sql",
                "question", "有哪些路段下面没有任何服务区", "sql", "SELECT 1")).statusCode(200)
                .extract().path("data.new_training_id");
        post("/search", Map.of("question", "有哪些路段下面没有任何服务区", "top_k", 1)).statusCode(200)
                .body("data.results[0].id", is(replaced))
                .body("data.results[0].content", is("SELECT 1"));
    }
}
