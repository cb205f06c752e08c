package dev.tianshu.pipeline.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.repository.StepRow;
import dev.tianshu.pipeline.repository.TaskRepository.Summary;
import dev.tianshu.pipeline.repository.TaskRow;

/** The JSON shapes of tasks in responses (seed 000), passwords masked. */
public final class TaskViews {

    private TaskViews() {
    }

    /** GET /tasks/{id}: the task with its steps, the running step and its progress. */
    public static Map<String, Object> status(TaskRow task, List<StepRow> steps) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("completed_at", Timestamps.iso(task.completedAt()));
        data.put("created_at", Timestamps.iso(task.createdAt()));
        Map<String, Object> current = null;
        for (StepRow step : steps) {
            if ("running".equals(step.stepStatus())) {
                current = new LinkedHashMap<>();
                current.put("execution_id", step.executionId());
                current.put("started_at", Timestamps.iso(step.startedAt()));
                current.put("status", "running");
                current.put("step", step.stepName());
                current.put("attempt", step.attempt());
                current.put("progress", step.progress() == null ? null : step.progress().getMap());
            }
        }
        data.put("current_step", current);
        data.put("error_message", task.errorMessage());
        data.put("parameters", task.parameters().toMaskedMap());
        data.put("result", task.result() == null ? null : task.result().getMap());
        data.put("started_at", Timestamps.iso(task.startedAt()));
        data.put("status", task.status());
        Map<String, Object> stepStatus = new LinkedHashMap<>();
        List<Map<String, Object>> stepList = new ArrayList<>();
        for (StepRow step : steps) {
            stepStatus.put(step.stepName(), step.stepStatus());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("completed_at", Timestamps.iso(step.completedAt()));
            s.put("error_message", step.errorMessage());
            s.put("started_at", Timestamps.iso(step.startedAt()));
            s.put("step_name", step.stepName());
            s.put("step_status", step.stepStatus());
            s.put("execution_id", step.executionId());
            s.put("attempt", step.attempt());
            s.put("progress", step.progress() == null ? null : step.progress().getMap());
            stepList.add(s);
        }
        data.put("step_status", stepStatus);
        data.put("steps", stepList);
        data.put("task_id", task.taskId());
        data.put("task_name", task.taskName());
        data.put("total_steps", steps.size());
        data.put("execution_mode", task.executionMode());
        return data;
    }

    /** An item of GET /tasks and POST /tasks/query. */
    public static Map<String, Object> summary(Summary summary) {
        TaskRow task = summary.task();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("business_context", task.parameters().businessContext());
        item.put("completed_at", Timestamps.iso(task.completedAt()));
        item.put("created_at", Timestamps.iso(task.createdAt()));
        item.put("created_by", task.byUser());
        item.put("db_name", task.dbName());
        item.put("directory_exists", task.directoryExists());
        item.put("started_at", Timestamps.iso(task.startedAt()));
        item.put("status", task.status());
        item.put("step_status", summary.stepSummary());
        item.put("task_id", task.taskId());
        item.put("task_name", task.taskName());
        item.put("updated_at", Timestamps.iso(task.updatedAt()));
        return item;
    }
}
