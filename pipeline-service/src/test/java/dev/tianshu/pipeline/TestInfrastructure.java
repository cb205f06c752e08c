package dev.tianshu.pipeline;

import dev.tianshu.common.testing.KafkaTestResource;
import dev.tianshu.common.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against a real PostgreSQL and a real Kafka broker. */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {
}
