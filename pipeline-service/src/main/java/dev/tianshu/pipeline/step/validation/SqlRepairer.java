package dev.tianshu.pipeline.step.validation;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Repairs SQL that failed validation, given the error and the DDL of the tables it uses. Each answer is validated
 * again by the caller. Only an LLM repairs; with none configured {@link #available()} is false.
 */
public interface SqlRepairer {

    record FailedSql(String question, String sql, String error) {
    }

    String engine();

    boolean available();

    /**
     * One repaired statement per input, in the same order (the original SQL where it could not be repaired).
     *
     * @param ddl the DDL of the tables the statements refer to
     */
    Uni<List<String>> repair(List<FailedSql> failed, String ddl);
}
