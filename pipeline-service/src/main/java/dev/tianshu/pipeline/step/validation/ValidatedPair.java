package dev.tianshu.pipeline.step.validation;

/**
 * One pair of the file under validation and what became of it.
 *
 * @param index position in the file (0-based)
 * @param repairedSql the repaired statement when a repair made it valid, else null
 */
record ValidatedPair(int index, String question, String sql, SqlExplainValidator.Verdict verdict,
        String repairedSql, String repairError) {

    boolean validAfterRepair() {
        return verdict.valid() || repairedSql != null;
    }

    ValidatedPair repaired(String sql) {
        return new ValidatedPair(index, question, this.sql, verdict, sql, null);
    }

    ValidatedPair repairFailed(String error) {
        return new ValidatedPair(index, question, sql, verdict, null, error);
    }
}
