package dev.tianshu.nl2sql.rest;

import static dev.tianshu.nl2sql.rest.GptApiTest.post;
import static dev.tianshu.nl2sql.rest.GptApiTest.start;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.tianshu.nl2sql.rest.FakeTrainingData.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * /chat with stored examples from a fake training-data-service: a close stored question answers with its adapted SQL
 * (engine "example"); anything else — a far question, the service failing, an adapted SQL the model check refuses, a
 * follow-up — is answered by the built-in parser (engine "builtin").
 */
@QuarkusTest
@TestProfile(ExamplesChatTest.WithExamples.class)
@QuarkusTestResource(value = FakeTrainingData.class, restrictToAnnotatedClass = true)
class ExamplesChatTest {

    public static class WithExamples implements QuarkusTestProfile {
    }

    static final String HIGHWAY = resource("/highway-model.json");
    static final String REVENUE = "2023年4月1日宜春服务区的总营收";
    static final String REVENUE_SQL = "SELECT SUM(pay_sum) AS 总营收 FROM bss_business_day_data WHERE service_name = "
            + "'宜春服务区' AND oper_date = '2023-04-01' AND delete_ts IS NULL";
    static final String RANKING = "最近7天各服务区总营收排名（从高到低）";
    static final String RANKING_SQL = "SELECT service_name AS 服务区名称, SUM(pay_sum) AS 总营收 FROM bss_business_day_data "
            + "WHERE oper_date >= CURRENT_DATE - 7 AND delete_ts IS NULL GROUP BY service_name ORDER BY 总营收 DESC;";

    @Inject
    Pool pool;

    static String resource(String name) {
        try (InputStream in = ExamplesChatTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response chat(String chatId, String input) {
        return post("chat", "{\"input\":" + TextNode.valueOf(input) + ",\"chatId\":\"" + chatId + "\"}");
    }

    List<String> engines(String chatId) {
        List<String> engines = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT engine FROM conversation_turn WHERE chat_id = $1 ORDER BY turn")
                .execute(Tuple.of(chatId)).await().indefinitely()) {
            engines.add(row.getString("engine"));
        }
        return engines;
    }

    static List<String> searched() {
        return FakeTrainingData.REQUESTS.stream().map(r -> r.path("question").asText()).toList();
    }

    @BeforeEach
    void reset() {
        FakeTrainingData.ANSWERS.clear();
        FakeTrainingData.FAILURES.clear();
        FakeTrainingData.GARBAGE.clear();
        FakeTrainingData.REQUESTS.clear();
    }

    @Test
    void aCloseStoredQuestionAnswersWithItsAdaptedSql() {
        String input = "2023年5月1日南昌南服务区的总营收";
        // best first: the first is not close enough, the second is
        FakeTrainingData.ANSWERS.put(input, List.of(new Pair(RANKING, RANKING_SQL, 0.93),
                new Pair(REVENUE, REVENUE_SQL, 0.91)));
        String chatId = start(HIGHWAY);
        chat(chatId, input).then().statusCode(200)
                .body("errCode", is(0))
                .body("data.type", is("sql"))
                .body("data.content", is(REVENUE_SQL.replace("宜春服务区", "南昌南服务区").replace("2023-04-01", "2023-05-01")))
                .body("data.question", is("2023年5月1日 南昌南服务区 当日总支付金额的总和"));
        assertEquals(List.of("example"), engines(chatId));
        JsonNode request = FakeTrainingData.REQUESTS.get(0);
        assertEquals(input, request.path("question").asText());
        assertEquals("[\"sql\"]", request.path("types").toString());
        assertEquals(3, request.path("top_k").asInt());

        // a follow-up continues the parser's reading of that question and is not searched for
        FakeTrainingData.ANSWERS.put("2023年6月1日呢?", List.of(new Pair("2023年4月1日呢?", REVENUE_SQL, 0.99)));
        chat(chatId, "2023年6月1日呢?").then().statusCode(200)
                .body("data.type", is("sql"))
                .body("data.question", is("2023年6月1日 南昌南服务区 当日总支付金额的总和"))
                .body("data.content", containsString("'2023-06-01'"));
        assertEquals(List.of("example", "builtin"), engines(chatId));
        assertFalse(searched().contains("2023年6月1日呢?"), searched().toString());

        // a new standalone question in the same conversation is searched for again
        String ranking = "最近30天各服务区总营收排名（从高到低）";
        FakeTrainingData.ANSWERS.put(ranking, List.of(new Pair(RANKING, RANKING_SQL, 0.97)));
        chat(chatId, ranking).then().statusCode(200)
                .body("data.content", is(RANKING_SQL.replace("- 7", "- 30").replace(";", "")));
        assertEquals(List.of("example", "builtin", "example"), engines(chatId));
    }

    @Test
    void aFarStoredQuestionFallsThroughToTheParser() {
        String input = "最近30天各公司的订单总数";
        FakeTrainingData.ANSWERS.put(input, List.of(new Pair(RANKING, RANKING_SQL, 0.88)));
        String chatId = start(HIGHWAY);
        chat(chatId, input).then().statusCode(200)
                .body("data.type", is("sql"))
                .body("data.content", containsString("FROM \"bss_business_day_data\" t1"))
                .body("data.content", not(containsString("CURRENT_DATE")));
        assertEquals(List.of("builtin"), engines(chatId));
        assertTrue(searched().contains(input));
    }

    @Test
    void withTrainingDataDownTheParserStillAnswers() {
        String chatId = start(HIGHWAY);
        FakeTrainingData.FAILURES.put("宜春服务区的总营收", 503);
        chat(chatId, "宜春服务区的总营收").then().statusCode(200)
                .body("errCode", is(0))
                .body("data.type", is("sql"))
                .body("data.content", containsString("'宜春服务区'"));
        FakeTrainingData.GARBAGE.add("庐山服务区的总营收");
        chat(chatId, "庐山服务区的总营收").then().statusCode(200)
                .body("data.type", is("sql"))
                .body("data.content", containsString("'庐山服务区'"));
        assertEquals(List.of("builtin", "builtin"), engines(chatId));
        assertEquals(List.of("宜春服务区的总营收", "庐山服务区的总营收"), searched());
    }

    @Test
    void anAdaptedSqlTheModelCheckRefusesIsNotUsed() {
        String input = "2023年5月1日南昌南服务区的总营收";
        FakeTrainingData.ANSWERS.put(input, List.of(new Pair(REVENUE, REVENUE_SQL.replace("SELECT ",
                "SELECT pg_sleep(5), "), 0.99)));
        String chatId = start(HIGHWAY);
        chat(chatId, input).then().statusCode(200)
                .body("data.type", is("sql"))
                .body("data.content", not(containsString("pg_sleep")))
                .body("data.content", containsString("'南昌南服务区'"));
        assertEquals(List.of("builtin"), engines(chatId));
    }
}
