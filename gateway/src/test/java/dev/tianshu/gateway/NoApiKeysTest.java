package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tianshu.common.api.ApiError;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without TIANSHU_API_KEYS the protected families answer 503 and the rest keeps working. */
@QuarkusTest
@TestProfile(NoApiKeysTest.NoKeys.class)
class NoApiKeysTest {

    public static class NoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tianshu.gateway.api-keys", "");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Families.class, names = { "V0", "DF", "V2" })
    void protectedFamiliesAnswer503SayingNoKeyIsConfigured(Families family) {
        family.assertEnvelope(given().header("Authorization", Families.KEY).get(family.base + "/items").then(),
                503, ApiError.SERVICE_UNAVAILABLE)
                .body(containsString("TIANSHU_API_KEYS"));
    }

    @Test
    void theOtherPathsKeepWorking() {
        given().get("/api/v1/workflows").then().statusCode(200).body("upstream", equalTo("workflow"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
