package dev.tianshu.trainingdata.model;

import java.util.Arrays;
import java.util.Optional;

/** The four kinds of training data, with their API name and the suffix of their ids. */
public enum TrainingType {
    SQL("sql", "-sql"),
    DDL("ddl", "-ddl"),
    DOCUMENTATION("documentation", "-doc"),
    ERROR_SQL("error_sql", "-error_sql");

    private final String apiName;
    private final String idSuffix;

    TrainingType(String apiName, String idSuffix) {
        this.apiName = apiName;
        this.idSuffix = idSuffix;
    }

    public String apiName() {
        return apiName;
    }

    public String idSuffix() {
        return idSuffix;
    }

    /** Whether items of this type are a question with its SQL. */
    public boolean isQuestionSql() {
        return this == SQL || this == ERROR_SQL;
    }

    public static Optional<TrainingType> ofApiName(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
    }

    /** The type an id belongs to, by its suffix ({@code -error_sql} is checked before {@code -sql}). */
    public static Optional<TrainingType> ofId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        if (id.endsWith(ERROR_SQL.idSuffix)) {
            return Optional.of(ERROR_SQL);
        }
        return Arrays.stream(values()).filter(t -> id.endsWith(t.idSuffix)).findFirst();
    }

    /** The API names, for messages. */
    public static String apiNames() {
        return String.join(", ", Arrays.stream(values()).map(TrainingType::apiName).toList());
    }
}
