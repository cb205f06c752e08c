package dev.tianshu.pipeline.model;

/** A single-column foreign key: {@code column} references {@code table(referencedColumn)}. */
public record ForeignKeyRef(String column, TableRef table, String referencedColumn) {
}
