package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tianshu.common.api.ApiError;
import io.quarkus.test.junit.QuarkusTest;

/** 503 (upstream down) and 504 (upstream too slow) in every family's envelope. */
@QuarkusTest
class ErrorEnvelopeTest {


    @ParameterizedTest
    @EnumSource(Families.class)
    void anUpstreamWithNothingListeningIs503(Families family) {
        family.assertEnvelope(family.given().get(family.down + "/items?x=1").then(), 503,
                ApiError.SERVICE_UNAVAILABLE);
    }

    @ParameterizedTest
    @EnumSource(Families.class)
    void aRequestWithABodyToADownUpstreamIs503Too(Families family) {
        family.assertEnvelope(family.given().contentType("application/json").body("{\"a\":1}")
                .post(family.down + "/items").then(), 503, ApiError.SERVICE_UNAVAILABLE);
    }

    @ParameterizedTest
    @EnumSource(Families.class)
    void anUpstreamThatDoesNotAnswerInTimeIs504(Families family) {
        family.assertEnvelope(family.given().get(family.base + "/slow").then(), 504, ApiError.GATEWAY_TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(Families.class)
    void theEnvelopeNamesTheUpstream(Families family) {
        String text = family.given().get(family.base + "/slow").then().statusCode(504).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(text, containsString(family.upstream));
    }

    @ParameterizedTest
    @EnumSource(Families.class)
    void theUpstreamServesTheNextRequestAfterA504(Families family) {
        family.given().get(family.base + "/slow").then().statusCode(504);
        family.given().get(family.base + "/after-timeout").then().statusCode(200)
                .body("upstream", equalTo(family.upstream));
    }
}
