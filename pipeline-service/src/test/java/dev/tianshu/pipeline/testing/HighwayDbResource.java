package dev.tianshu.pipeline.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes the demo highway_db the configured business database, as deploy/local/run.sh does. */
public class HighwayDbResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("tianshu.pipeline.business-db-url", BusinessDbs.highway());
    }

    @Override
    public void stop() {
    }
}
