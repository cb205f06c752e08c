package dev.tianshu.nl2sql;

import dev.tianshu.common.testing.ServiceBackboneTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BackboneTest extends ServiceBackboneTest {
}
