package dev.tianshu.gateway;

import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against the upstream servers of {@link UpstreamServers}. */
@QuarkusTestResource(value = UpstreamServers.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {
}
