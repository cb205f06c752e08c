package dev.tianshu.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What every service of the suite must do regardless of its domain: health (ready only with its PostgreSQL and
 * Kafka), OpenAPI, Prometheus metrics, its own schema migrated at start and reached by the reactive client. Each
 * service runs these with a {@code @QuarkusTest} subclass.
 */
public abstract class ServiceBackboneTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.flyway.schemas")
    String schema;

    @Test
    void liveness() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void readinessChecksPostgresAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void openApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
    }

    @Test
    void prometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("process_uptime_seconds"));
    }

    @Test
    void ownSchemaIsMigratedAndOnTheSearchPath() {
        Row row = pool.query("SELECT current_schema() AS s, to_regclass('processed_events') IS NOT NULL AS migrated")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertEquals(schema, row.getString("s"));
        assertTrue(row.getBoolean("migrated"), "the migrations created processed_events in " + schema);
    }
}
