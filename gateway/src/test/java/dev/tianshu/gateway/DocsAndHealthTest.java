package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DocsAndHealthTest {

    @Test
    void docsServeTheSwaggerUiListingEveryService() {
        String page = given().get("/docs").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(page, containsString("swagger"));
        for (String service : UpstreamServers.NAMES) {
            org.hamcrest.MatcherAssert.assertThat(page, containsString("/docs/openapi/" + service));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "pipeline", "training-data", "nl2sql", "chat", "workflow" })
    void eachServicesDocumentComesFromTheService(String service) {
        given().get("/docs/openapi/" + service)
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("openapi", equalTo("3.0.3"))
                .body("info.title", equalTo(service));
    }

    @Test
    void aDownServicesDocumentIs503InPlainJson() {
        given().get("/docs/openapi/down")
                .then()
                .statusCode(503)
                .contentType(startsWith("application/json"))
                .body("error", equalTo("service_unavailable"))
                .body("service", equalTo("down"));
    }

    @Test
    void anUnknownServiceIs404() {
        given().get("/docs/openapi/nope").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void livenessAndReadinessDoNotDependOnTheUpstreams() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theUpstreamsGroupTellsWhichUpstreamAnswers() {
        given().get("/q/health/group/upstreams")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].name", equalTo("upstreams"))
                .body("checks[0].data.pipeline", equalTo("reachable (HTTP 200)"))
                .body("checks[0].data.workflow", equalTo("reachable (HTTP 200)"))
                .body("checks[0].data.down", startsWith("DOWN"));
    }

    @Test
    void metricsArePrometheus() {
        given().header("Authorization", Families.KEY).get("/api/v2/for-metrics").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("tianshu_gateway_requests_seconds_count{outcome=\"SUCCESS\",route=\"chat\",upstream=\"chat\"}"))
                .body(containsString("jvm_memory_used_bytes"));
    }
}
