package dev.tianshu.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;

import dev.tianshu.common.api.ApiError;
import dev.tianshu.common.api.ApiFamily;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The API families as the tests address them, and the exact shape of each family's error envelope. */
enum Families {
    V0(ApiFamily.V0, "/api/v0/data_pipeline", "pipeline", "/api/v0/database/down"),
    DF(ApiFamily.DF, "/df/rest", "nl2sql", "/df/rest/down"),
    V2(ApiFamily.V2, "/api/v2", "chat", "/api/v2/down"),
    V1(ApiFamily.V1, "/api/v1", "workflow", "/api/v1/down");

    static final String KEY = "Bearer test-key-1";

    final ApiFamily family;
    /** A prefix of this family routed to a running upstream. */
    final String base;
    /** That upstream's name. */
    final String upstream;
    /** A prefix of this family routed to the upstream with nothing listening. */
    final String down;

    /** A request with this family's API key when the family needs one. */
    RequestSpecification given() {
        return isProtected() ? RestAssured.given().header("Authorization", KEY) : RestAssured.given();
    }

    Families(ApiFamily family, String base, String upstream, String down) {
        this.family = family;
        this.base = base;
        this.upstream = upstream;
        this.down = down;
    }

    boolean isProtected() {
        return this != V1;
    }

    /** Asserts the status, the JSON content type and every field of this family's envelope. */
    ValidatableResponse assertEnvelope(ValidatableResponse response, int status, ApiError error) {
        response.statusCode(status).contentType("application/json");
        switch (this) {
            case V0 -> response
                    .body("code", is(status))
                    .body("success", is(false))
                    .body("message", equalTo(error.v0Message()))
                    .body("data.error_type", equalTo(error.v0Type()))
                    .body("data.response", not(emptyOrNullString()))
                    .body("data.timestamp", not(emptyOrNullString()));
            case DF -> response
                    .body("success", is(false))
                    .body("errCode", is(status))
                    .body("exception", not(emptyOrNullString()))
                    .body("$", hasKey("data"))
                    .body("data", nullValue());
            case V2 -> response
                    .body("success", is(false))
                    .body("err_code", equalTo(String.valueOf(status)))
                    .body("err_msg", not(emptyOrNullString()))
                    .body("$", hasKey("data"))
                    .body("data", nullValue());
            case V1 -> response
                    .body("detail", not(emptyOrNullString()))
                    .body("error_code", equalTo(error.name()))
                    .body("status_code", is(status));
        }
        return response;
    }
}
