package dev.tianshu.pipeline;

import dev.tianshu.common.testing.KafkaTestResource;
import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.testing.HighwayDbResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against a real PostgreSQL and a real Kafka broker, with the demo highway_db as
 * the configured business database. */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = HighwayDbResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {
}
