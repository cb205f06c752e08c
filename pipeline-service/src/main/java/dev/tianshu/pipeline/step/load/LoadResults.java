package dev.tianshu.pipeline.step.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;

/**
 * Wakes a waiting training_load step when a result for one of its batches arrives at this replica. Results that
 * arrive at another replica are found in the database by the step's periodic check.
 */
@ApplicationScoped
public class LoadResults {

    private final Map<String, Runnable> waiters = new ConcurrentHashMap<>();

    public void await(String taskId, Runnable wake) {
        waiters.put(taskId, wake);
    }

    public void stopWaiting(String taskId) {
        waiters.remove(taskId);
    }

    void arrived(String taskId, JsonObject result) {
        Runnable wake = waiters.get(taskId);
        if (wake != null) {
            wake.run();
        }
    }
}
