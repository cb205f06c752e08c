package dev.tianshu.pipeline.step;

import java.util.Map;

import dev.tianshu.pipeline.model.StepName;
import io.smallrye.mutiny.Uni;

/**
 * One of the four steps. {@link #run} does the work and answers the step's artefact (written to task_result.json /
 * {@code <step>_result.json}); it fails with a {@link StepFailure} carrying the message for the user when the step
 * cannot complete. A step may be run again for the same run after a crash, so it must be idempotent: files are
 * overwritten by name, training items are content-addressed.
 */
public interface PipelineStep {

    StepName name();

    Uni<Map<String, Object>> run(StepContext context);
}
