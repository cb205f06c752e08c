package dev.tianshu.pipeline.step.qa;

import java.util.List;

import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.Theme;
import io.smallrye.mutiny.Uni;

/**
 * Step 2's engines: the built-in generator that writes questions and PostgreSQL from the schema's semantics, and
 * the LLM when one is configured.
 */
public interface QuestionSqlGenerator {

    /** "builtin", or "llm:&lt;model&gt;". */
    String engine();

    boolean available();

    /** Up to {@code count} business themes over the tables. */
    Uni<List<Theme>> themes(SchemaDocs schema, String businessContext, int count);

    /** {@code count} question–SQL pairs for one theme: Chinese questions, PostgreSQL, one line each, ending in ';'. */
    Uni<List<QaPair>> pairs(SchemaDocs schema, String businessContext, Theme theme, int count);

    /** The text of db_query_decision_prompt.txt: what the database holds, for a "database or chat?" classifier. */
    Uni<String> decisionPrompt(SchemaDocs schema, String businessContext, List<Theme> themes);
}
