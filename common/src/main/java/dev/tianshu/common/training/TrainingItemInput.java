package dev.tianshu.common.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One training item as a client submits it: the shape of an element of {@code data} in
 * POST /api/v0/training_data/create, and of an item of a training load command. Which fields a type needs:
 * sql and error_sql: question + sql; ddl: ddl; documentation: content.
 *
 * @param trainingDataType sql | ddl | documentation | error_sql
 * @param sourceFile the task file the item was read from, when it came from a file (informational)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingItemInput(
        @JsonProperty("training_data_type") String trainingDataType,
        String question,
        String sql,
        String ddl,
        String content,
        @JsonProperty("source_file") String sourceFile) {

    public static TrainingItemInput sql(String question, String sql, String sourceFile) {
        return new TrainingItemInput("sql", question, sql, null, null, sourceFile);
    }

    public static TrainingItemInput ddl(String ddl, String sourceFile) {
        return new TrainingItemInput("ddl", null, null, ddl, null, sourceFile);
    }

    public static TrainingItemInput documentation(String content, String sourceFile) {
        return new TrainingItemInput("documentation", null, null, null, content, sourceFile);
    }

    public static TrainingItemInput errorSql(String question, String sql, String sourceFile) {
        return new TrainingItemInput("error_sql", question, sql, null, null, sourceFile);
    }
}
