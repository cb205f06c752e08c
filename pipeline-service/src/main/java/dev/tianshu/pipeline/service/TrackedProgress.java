package dev.tianshu.pipeline.service;

import java.util.concurrent.atomic.AtomicInteger;

import dev.tianshu.pipeline.step.StepProgress;
import io.vertx.core.json.JsonObject;

/** A running step's progress, read by the heartbeat: {done, total, unit, phase}. */
public class TrackedProgress implements StepProgress {

    private volatile String unit;
    private volatile int total;
    private final AtomicInteger done = new AtomicInteger();
    private volatile String phase;

    @Override
    public void start(String unit, int total) {
        this.unit = unit;
        this.total = total;
        done.set(0);
    }

    @Override
    public void advance(int n) {
        done.addAndGet(n);
    }

    @Override
    public void phase(String description) {
        this.phase = description;
    }

    public String unit() {
        return unit;
    }

    public int total() {
        return total;
    }

    public int done() {
        return done.get();
    }

    public String phase() {
        return phase;
    }

    /** Null before the step reported anything. */
    public JsonObject snapshot() {
        if (unit == null && phase == null) {
            return null;
        }
        JsonObject json = new JsonObject().put("done", Math.min(done.get(), total)).put("total", total)
                .put("unit", unit);
        if (phase != null) {
            json.put("phase", phase);
        }
        return json;
    }
}
