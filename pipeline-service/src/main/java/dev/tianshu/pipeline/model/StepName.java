package dev.tianshu.pipeline.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The four steps of a task, in execution order, with the names the API uses. */
public enum StepName {
    DDL_GENERATION("ddl_generation"),
    QA_GENERATION("qa_generation"),
    SQL_VALIDATION("sql_validation"),
    TRAINING_LOAD("training_load");

    public static final List<StepName> ORDER = List.of(values());

    private final String apiName;

    StepName(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<StepName> ofApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
    }

    /** The step after this one, or empty for the last. */
    public Optional<StepName> next() {
        int i = ordinal() + 1;
        return i < ORDER.size() ? Optional.of(ORDER.get(i)) : Optional.empty();
    }
}
