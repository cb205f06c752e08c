package dev.tianshu.pipeline.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One question–SQL pair, as qs_*_pair.json stores it. */
@JsonPropertyOrder({"question", "sql"})
public record QaPair(String question, String sql) {
}
