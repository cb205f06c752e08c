package dev.tianshu.pipeline.step.ddl;

import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import io.smallrye.mutiny.Uni;

/**
 * Writes the comments of a table and of every one of its columns. Existing catalog comments are kept as they are;
 * only missing ones are generated. There are two engines: the built-in rule-based one, always available, and the
 * LLM, available when a model is configured.
 */
public interface CommentGenerator {

    /** "builtin", or "llm:&lt;model&gt;". */
    String engine();

    boolean available();

    Uni<TableDoc> comment(TableInfo table, String businessContext);
}
