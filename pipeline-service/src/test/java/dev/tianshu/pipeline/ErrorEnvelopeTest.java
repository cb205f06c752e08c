package dev.tianshu.pipeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

import dev.tianshu.common.api.ApiException;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared exception mappers answer a service's errors in its family's envelope: domain errors, malformed JSON,
 * unknown paths and wrong methods (a probe resource that exists only in the tests).
 */
@QuarkusTest
class ErrorEnvelopeTest {

    @Path("/api/v0/data_pipeline/backbone-probe")
    public static class ProbeResource {
        record Body(String name) {
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Map<String, String> post(Body body) {
            if (body == null || body.name() == null) {
                throw ApiException.badRequest("缺少必需参数: name");
            }
            return Map.of("name", body.name());
        }
    }

    @Test
    void domainErrorInTheV0Envelope() {
        given().contentType("application/json").body("{}").post("/api/v0/data_pipeline/backbone-probe")
                .then().statusCode(400)
                .body("code", is(400))
                .body("success", is(false))
                .body("message", is("请求参数错误"))
                .body("data.error_type", is("invalid_params"))
                .body("data.response", is("缺少必需参数: name"))
                .body("data.timestamp", notNullValue());
    }

    @Test
    void malformedJsonIs400InTheEnvelope() {
        given().contentType("application/json").body("{\"name\": ").post("/api/v0/data_pipeline/backbone-probe")
                .then().statusCode(400)
                .body("success", is(false))
                .body("data.response", containsString("JSON"));
    }

    @Test
    void unknownPathIs404InTheEnvelope() {
        given().get("/api/v0/data_pipeline/no-such-thing").then().statusCode(404)
                .body("code", is(404))
                .body("success", is(false))
                .body("data.error_type", is("not_found"));
    }

    @Test
    void wrongMethodIs405InTheEnvelope() {
        given().get("/api/v0/data_pipeline/backbone-probe").then().statusCode(405)
                .body("code", is(405))
                .body("data.error_type", is("method_not_allowed"));
    }
}
