package dev.tianshu.pipeline.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.repository.StepRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * task_result.json as the original writes it ({success, workflow_state{…, artifacts, statistics}, artifacts}, with the
 * original's artefact names), plus {@code engines}: which engine produced each step's artefacts.
 */
public final class TaskResults {

    /** The original's names of the steps' artefacts. */
    static final Map<String, String> ARTIFACT_NAMES = Map.of(
            StepName.DDL_GENERATION.apiName(), "ddl_md_generation",
            StepName.QA_GENERATION.apiName(), "question_sql_generation",
            StepName.SQL_VALIDATION.apiName(), "sql_validation",
            StepName.TRAINING_LOAD.apiName(), "training_data_load");

    private TaskResults() {
    }

    public static JsonObject of(List<StepRow> steps, boolean success) {
        JsonObject artifacts = new JsonObject();
        JsonObject statistics = new JsonObject();
        JsonObject engines = new JsonObject();
        List<String> completed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String current = null;
        int n = 0;
        for (StepRow step : steps) {
            n++;
            String name = ARTIFACT_NAMES.get(step.stepName());
            if ("completed".equals(step.stepStatus())) {
                completed.add(name);
                current = name;
            } else if ("failed".equals(step.stepStatus())) {
                failed.add(name);
                current = name;
            }
            if (step.result() != null) {
                artifacts.put(name, step.result());
                Object duration = step.result().getValue("duration");
                if (duration != null) {
                    statistics.put("step" + n + "_duration", duration);
                }
                Object engine = step.result().getValue("engine");
                if (engine != null) {
                    engines.put(step.stepName(), engine);
                }
            }
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("start_time", null);
        state.put("end_time", null);
        state.put("current_step", current);
        state.put("completed_steps", new JsonArray(completed));
        state.put("failed_steps", new JsonArray(failed));
        state.put("artifacts", artifacts);
        state.put("statistics", statistics);
        return new JsonObject().put("success", success).put("workflow_state", new JsonObject(state))
                .put("artifacts", artifacts.copy()).put("engines", engines);
    }
}
