package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tianshu.common.api.ApiError;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuthTest {

    @ParameterizedTest
    @EnumSource(value = Families.class, names = { "V0", "DF", "V2" })
    void aMissingKeyIs401InTheFamilysEnvelope(Families family) {
        family.assertEnvelope(given().get(family.base + "/items").then(), 401, ApiError.UNAUTHORIZED)
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @ParameterizedTest
    @EnumSource(value = Families.class, names = { "V0", "DF", "V2" })
    void aWrongKeyIs401InTheFamilysEnvelope(Families family) {
        family.assertEnvelope(given().header("Authorization", "Bearer test-key-1x").get(family.base + "/items")
                .then(), 401, ApiError.UNAUTHORIZED)
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Basic dGVzdC1rZXktMQ==", "Bearer", "Bearer ", "test-key-1", "Bearertest-key-1" })
    void malformedAuthorizationIs401(String authorization) {
        Families.V2.assertEnvelope(given().header("Authorization", authorization).get("/api/v2/items").then(),
                401, ApiError.UNAUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer test-key-1", "bearer test-key-2", "BEARER test-key-1" })
    void aValidKeyPassesWithAnyCaseOfTheSchemeAndIsForwardedUnchanged(String authorization) {
        given().header("Authorization", authorization)
                .get("/df/rest/question")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("nl2sql"))
                .body("headers.authorization", equalTo(authorization));
    }

    @Test
    void apiV1NeedsNoKeyAndItsAuthorizationGoesUpstreamAsIs() {
        given().get("/api/v1/workflows")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("workflow"))
                .body("headers.authorization", nullValue());
        given().header("Authorization", "Bearer some.jwt.token")
                .get("/api/v1/workflows")
                .then()
                .statusCode(200)
                .body("headers.authorization", equalTo("Bearer some.jwt.token"));
    }

    @Test
    void operationsAndDocsAreOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/docs").then().statusCode(200);
        given().get("/docs/openapi/chat").then().statusCode(200);
    }
}
