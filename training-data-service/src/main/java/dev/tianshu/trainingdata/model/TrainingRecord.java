package dev.tianshu.trainingdata.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A stored item as the query API lists it. {@code question} is null for ddl and documentation. */
public record TrainingRecord(
        String id,
        @JsonProperty("training_data_type") String trainingDataType,
        String question,
        String content) {
}
