package dev.tianshu.pipeline.step.qa;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.step.qa.builtin.Candidate;
import dev.tianshu.pipeline.step.qa.builtin.DecisionPromptBuilder;
import dev.tianshu.pipeline.step.qa.builtin.QuestionPool;
import dev.tianshu.pipeline.step.qa.builtin.SchemaSemantics;
import dev.tianshu.pipeline.step.qa.builtin.ThemePlanner;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The rule-based engine of step 2, always available: it reads the meaning of the tables from their documentation
 * (measures, dimensions, business dates, enum values, examples, soft-delete columns, foreign keys) and writes Chinese
 * questions with PostgreSQL that answers them. One theme per table at its centre; the pairs of a theme are the
 * questions about that table, so no two themes ask the same thing. Deterministic for the same input.
 */
@ApplicationScoped
public class BuiltinQuestionSqlGenerator implements QuestionSqlGenerator {

    public static final String ENGINE = "builtin";

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Uni<List<Theme>> themes(SchemaDocs schema, String businessContext, int count) {
        return offEventLoop(Uni.createFrom().item(
                () -> ThemePlanner.themes(SchemaSemantics.of(schema, businessContext), count)));
    }

    @Override
    public Uni<List<QaPair>> pairs(SchemaDocs schema, String businessContext, Theme theme, int count) {
        return offEventLoop(Uni.createFrom().item(() -> {
            SchemaSemantics semantics = SchemaSemantics.of(schema, businessContext);
            return ThemePlanner.centre(semantics, theme)
                    .map(t -> QuestionPool.forTable(semantics, t).stream().limit(Math.max(0, count))
                            .map(Candidate::pair).toList())
                    .orElse(List.of());
        }));
    }

    @Override
    public Uni<String> decisionPrompt(SchemaDocs schema, String businessContext, List<Theme> themes) {
        return offEventLoop(Uni.createFrom().item(() -> DecisionPromptBuilder.build(
                SchemaSemantics.of(schema, businessContext), themes == null ? List.of() : themes)));
    }

    /** Large schemas take a while to analyse: the work runs on a worker thread, never on the event loop. */
    private static <T> Uni<T> offEventLoop(Uni<T> work) {
        return work.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
