package dev.tianshu.pipeline.step.qa;

import java.util.List;

import dev.tianshu.pipeline.model.TableDoc;

/**
 * The tables step 2 generates questions for, read back from the task's {@code *_detail.md} files (so edits a user
 * uploaded count), and those files concatenated as the original's prompts carried them.
 */
public record SchemaDocs(String dbName, List<TableDoc> tables, String markdown) {
}
