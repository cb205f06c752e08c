package dev.tianshu.nl2sql.engine;

/**
 * A stored question–SQL pair from the training data, similar to the question being answered.
 *
 * @param score how similar its question is to the one asked (higher is closer)
 */
public record Example(String question, String sql, double score) {
}
