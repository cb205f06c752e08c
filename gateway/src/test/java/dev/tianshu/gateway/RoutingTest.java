package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.emptyOrNullString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tianshu.common.api.ApiError;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoutingTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v0/data_pipeline/jobs/42, pipeline",
            "/api/v0/data_pipeline, pipeline",
            "/api/v0/database/connections, pipeline",
            "/api/v0/training_data/questions/7, training-data",
            "/df/rest/nl2sql/question, nl2sql",
            "/api/v2/chat/completions, chat",
            "/api/v1/workflows/abc/executions, workflow",
    })
    void everyPrefixReachesItsUpstreamWithPathAndQueryIntact(String path, String upstream) {
        String query = "q=a%20b&x=1&x=2&name=%E5%A4%A9%E6%9E%A2";
        given().header("Authorization", Families.KEY)
                .urlEncodingEnabled(false)
                .get(path + "?" + query)
                .then()
                .statusCode(200)
                .body("upstream", equalTo(upstream))
                .body("method", equalTo("GET"))
                .body("path", equalTo(path))
                .body("query", equalTo(query))
                .body("uri", equalTo(path + "?" + query));
    }

    @Test
    void methodBodyAndEndToEndHeadersGoUpstream() {
        given().header("Authorization", Families.KEY)
                .header("X-Custom", "kept")
                .contentType("application/json; charset=UTF-8")
                .body("{\"question\":\"上个月的销售额\"}")
                .post("/api/v2/chat/completions")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("chat"))
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"question\":\"上个月的销售额\"}"))
                .body("headers.'x-custom'", equalTo("kept"))
                .body("headers.authorization", equalTo(Families.KEY))
                .body("headers.'content-type'", equalTo("application/json; charset=UTF-8"))
                .body("headers.'x-forwarded-for'", not(emptyOrNullString()))
                .body("headers.'x-forwarded-proto'", equalTo("http"));
    }

    @Test
    void hopByHopResponseHeadersStayBetweenGatewayAndUpstream() {
        given().header("Authorization", Families.KEY).header("X-Request-Id", "hop-1")
                .get("/api/v2/hop-by-hop")
                .then()
                .statusCode(200)
                .header("X-Kept", "end-to-end")
                .header("X-Hop", nullValue())
                .header("Keep-Alive", nullValue())
                .header("X-Request-Id", "hop-1");
    }

    @Test
    void aLongerPrefixWins() {
        given().header("Authorization", Families.KEY)
                .get("/api/v0/training_data/upload/file-1")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("training-data"))
                .body("path", equalTo("/api/v0/training_data/upload/file-1"));
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        Families.V0.assertEnvelope(given().header("Authorization", Families.KEY)
                .get("/api/v0/data_pipelines").then(), 404, ApiError.NOT_FOUND);
    }

    @Test
    void anUnknownPathUnderAFamilyIsA404InThatFamilysEnvelope() {
        Families.V0.assertEnvelope(given().header("Authorization", Families.KEY)
                .get("/api/v0/nothing/here?x=1").then(), 404, ApiError.NOT_FOUND)
                .body("data.response", equalTo("资源不存在: /api/v0/nothing/here"));
        Families.V0.assertEnvelope(given().header("Authorization", Families.KEY)
                .get("/api/v0").then(), 404, ApiError.NOT_FOUND);
    }

    @Test
    void anUnknownPathNeedsTheKeyFirst() {
        Families.V0.assertEnvelope(given().get("/api/v0/nothing").then(), 401, ApiError.UNAUTHORIZED);
    }
}
