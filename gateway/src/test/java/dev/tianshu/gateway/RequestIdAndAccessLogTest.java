package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class RequestIdAndAccessLogTest {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z ";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.addAll(List.of(record.getMessage().split("\n")));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("tianshu.gateway.access").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("tianshu.gateway.access").removeHandler(capture);
    }

    @Test
    void anIdIsGeneratedWhenTheClientSentNoneAndGoesBothWays() {
        Response response = given().header("Authorization", Families.KEY).get("/api/v2/items");
        String id = response.header("X-Request-Id");
        assertThat(id, matchesPattern(UUID));
        assertEquals(id, response.jsonPath().getString("headers.'x-request-id'"));
        assertNotEquals(id, given().header("Authorization", Families.KEY).get("/api/v2/items")
                .header("X-Request-Id"));
    }

    @Test
    void aValidClientIdIsPropagatedAndReturned() {
        given().header("Authorization", Families.KEY).header("X-Request-Id", "client-id_42.a:b")
                .get("/api/v0/database/tables")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "client-id_42.a:b")
                .body("headers.'x-request-id'", equalTo("client-id_42.a:b"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "has space", "semi;colon", "<script>", "ünïcode" })
    void anInvalidClientIdIsReplaced(String invalid) {
        Response response = given().header("Authorization", Families.KEY).header("X-Request-Id", invalid)
                .get("/api/v0/database/tables");
        assertThat(response.header("X-Request-Id"), matchesPattern(UUID));
        assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("headers.'x-request-id'"));
    }

    @Test
    void anOverlongClientIdIsReplaced() {
        String tooLong = "a".repeat(129);
        assertThat(given().header("Authorization", Families.KEY).header("X-Request-Id", tooLong)
                .get("/api/v0/database/tables").header("X-Request-Id"), matchesPattern(UUID));
        String longest = "a".repeat(128);
        assertEquals(longest, given().header("Authorization", Families.KEY).header("X-Request-Id", longest)
                .get("/api/v0/database/tables").header("X-Request-Id"));
    }

    @Test
    void theGatewaysOwnAnswersCarryTheIdToo() {
        given().get("/api/v0/data_pipeline/x").then().statusCode(401).header("X-Request-Id", matchesPattern(UUID));
        given().header("Authorization", Families.KEY).header("X-Request-Id", "err-1").get("/api/v2/slow")
                .then().statusCode(504).header("X-Request-Id", "err-1");
        given().get("/q/health/live").then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
    }

    @Test
    void oneAccessLogLinePerRequestWithoutTheQueryString() {
        given().header("Authorization", Families.KEY).header("X-Request-Id", "log-line-1")
                .get("/api/v2/chat/history?token=secret-token&page=2")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("log-line-1")));
        List<String> mine = lines.stream().filter(l -> l.contains("rid=log-line-1")).toList();
        assertEquals(1, mine.size(), mine.toString());
        String line = mine.get(0);
        assertThat(line, matchesPattern(
                TIMESTAMP + "GET /api/v2/chat/history 200 \\d+\\.\\d{3}ms rid=log-line-1 upstream=chat"));
        assertThat(line, not(containsString("secret")));
    }

    @Test
    void theGatewaysOwnAnswersAreLoggedWithoutUpstream() {
        given().header("X-Request-Id", "log-line-2").get("/api/v2/items").then().statusCode(401);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("log-line-2")));
        assertThat(lines.stream().filter(l -> l.contains("log-line-2")).findFirst().orElseThrow(),
                matchesPattern(TIMESTAMP + "GET /api/v2/items 401 \\d+\\.\\d{3}ms rid=log-line-2 upstream=-"));
    }
}
