package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every question the built-in generator can ask with a table at its centre (fact and event tables get
 * {@link FactQuestions}, the others {@link EntityQuestions}), in the order it would use them: the
 * first variant of every family, then the second variants, and so on, so that the first ten are as varied as the
 * table allows. No question and no SQL appears twice.
 */
public final class QuestionPool {

    private QuestionPool() {
    }

    public static List<Candidate> forTable(SchemaSemantics schema, TableSemantics table) {
        List<List<Candidate>> families;
        List<List<Candidate>> lastResort = List.of();
        if (table.isTimeSeries()) {
            families = new FactQuestions(table).families();
        } else {
            EntityQuestions questions = new EntityQuestions(schema, table);
            families = questions.families();
            lastResort = questions.lastResort();
        }
        List<Candidate> ordered = interleave(families);
        ordered.addAll(interleave(lastResort));
        List<Candidate> unique = new ArrayList<>();
        Set<String> questions = new HashSet<>();
        Set<String> sqls = new HashSet<>();
        for (Candidate c : ordered) {
            if (questions.add(c.question()) && sqls.add(c.sql())) {
                unique.add(c);
            }
        }
        return unique;
    }

    private static List<Candidate> interleave(List<List<Candidate>> families) {
        List<Candidate> out = new ArrayList<>();
        int rounds = families.stream().mapToInt(List::size).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (List<Candidate> family : families) {
                if (round < family.size()) {
                    out.add(family.get(round));
                }
            }
        }
        return out;
    }
}
