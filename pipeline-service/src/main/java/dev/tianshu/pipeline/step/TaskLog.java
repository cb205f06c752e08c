package dev.tianshu.pipeline.step;

/**
 * The task's log (data_pipeline.log). Lines are buffered and written in order; the step runner flushes the buffer
 * while a step runs and before its outcome is recorded. Never put a password into a message: connection strings
 * are masked on the way in anyway.
 *
 * <p>The logger name is the component, e.g. "SchemaTrainingDataAgent", "QuestionSQLGenerationAgent",
 * "SQLValidationAgent", "TrainingDataLoader"; it is written as {@code data_pipeline.<logger>}.
 */
public interface TaskLog {

    void info(String logger, String message);

    void warn(String logger, String message);

    void error(String logger, String message);
}
