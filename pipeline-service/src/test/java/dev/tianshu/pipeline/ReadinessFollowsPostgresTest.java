package dev.tianshu.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tianshu.common.testing.LocalPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Readiness follows the database: a PostgreSQL cluster of this test's own is stopped (the service goes DOWN, its
 * liveness stays UP) and started again (the service comes back UP by itself).
 */
@QuarkusTest
@TestProfile(ReadinessFollowsPostgresTest.OwnPostgres.class)
class ReadinessFollowsPostgresTest {

    /** Points the service at a private cluster that this test may stop (profile overrides beat test resources). */
    public static class OwnPostgres implements QuarkusTestProfile {
        static final LocalPostgres PG = LocalPostgres.startNew("readiness-postgres");

        @Override
        public Map<String, String> getConfigOverrides() {
            return PG.server().datasourceConfig("postgres");
        }
    }

    @Test
    void readinessGoesDownWithPostgresAndUpAgain() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));

        OwnPostgres.PG.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503).body("status", is("DOWN")));
            given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        } finally {
            OwnPostgres.PG.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", is("UP")));
    }
}
