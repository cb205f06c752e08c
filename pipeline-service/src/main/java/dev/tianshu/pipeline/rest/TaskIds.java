package dev.tianshu.pipeline.rest;

import java.util.regex.Pattern;

import dev.tianshu.common.api.ApiException;

/** Task ids as they appear in paths and bodies: {@code task_YYYYMMDD_HHMMSS} or the original's manual_… ids. */
final class TaskIds {

    private static final Pattern TASK_ID = Pattern.compile("^[A-Za-z0-9_]{1,32}$");

    private TaskIds() {
    }

    static String check(String taskId) {
        if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
            throw ApiException.invalidParams("无效的任务ID: " + taskId, "task_id");
        }
        return taskId;
    }
}
