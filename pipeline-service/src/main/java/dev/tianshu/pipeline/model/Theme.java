package dev.tianshu.pipeline.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A business theme of step 2, with the pairs generated for it. */
@JsonPropertyOrder({"topic_name", "description", "related_tables", "biz_entities", "biz_metrics"})
public record Theme(
        @JsonProperty("topic_name") String topicName,
        String description,
        @JsonProperty("related_tables") List<String> relatedTables,
        @JsonProperty("biz_entities") List<String> bizEntities,
        @JsonProperty("biz_metrics") List<String> bizMetrics) {
}
