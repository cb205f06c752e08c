package dev.tianshu.pipeline.testing;

import java.util.concurrent.atomic.AtomicInteger;

import dev.tianshu.pipeline.step.StepProgress;

/** Progress kept in fields, for assertions. */
public class RecordingProgress implements StepProgress {

    public volatile String unit;
    public volatile int total;
    public final AtomicInteger done = new AtomicInteger();
    public volatile String phase;

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
}
