package dev.tianshu.pipeline.step;

/**
 * Progress inside the running step, shown by GET /tasks/{id} as {@code current_step.progress} ({done, total, unit}).
 * Thread-safe; recorded with the step's heartbeat.
 */
public interface StepProgress {

    /** Starts a (new) phase: {@code total} units of {@code unit} (e.g. "tables", "themes", "pairs"), none done. */
    void start(String unit, int total);

    /** {@code n} more units done. */
    void advance(int n);

    /** A short description of what is being done now (e.g. "修复SQL"); may be null. */
    void phase(String description);
}
