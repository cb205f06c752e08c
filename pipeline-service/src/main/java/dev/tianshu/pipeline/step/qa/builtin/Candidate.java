package dev.tianshu.pipeline.step.qa.builtin;

import java.util.List;

import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.TableRef;

/** A generated question with its SQL and the tables the SQL reads. */
public record Candidate(String question, String sql, List<TableRef> tables) {

    public QaPair pair() {
        return new QaPair(question, sql);
    }
}
