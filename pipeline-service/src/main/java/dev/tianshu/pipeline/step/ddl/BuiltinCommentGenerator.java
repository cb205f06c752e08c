package dev.tianshu.pipeline.step.ddl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TaskParameters;
import dev.tianshu.pipeline.step.ddl.NamingDictionary.Translation;
import io.smallrye.mutiny.Uni;

/**
 * The rule-based comment engine, always available: keeps every catalog comment and names what has none from the
 * identifiers with the naming dictionary ({@code builtin/column-names.txt}). A missing table comment reads
 * {@code <business_context>中的<table noun>表}. Comments are single lines without ASCII ';'.
 */
@ApplicationScoped
public class BuiltinCommentGenerator implements CommentGenerator {

    public static final String ENGINE = "builtin";

    private final ChineseNamer namer;

    public BuiltinCommentGenerator() {
        this(new ChineseNamer(NamingDictionary.load()));
    }

    public BuiltinCommentGenerator(ChineseNamer namer) {
        this.namer = namer;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Uni<TableDoc> comment(TableInfo table, String businessContext) {
        return Uni.createFrom().item(() -> document(table, businessContext));
    }

    /** The same as {@link #comment}, synchronously (it only looks words up). */
    public TableDoc document(TableInfo table, String businessContext) {
        String context = businessContext == null || businessContext.isBlank()
                ? TaskParameters.DEFAULT_BUSINESS_CONTEXT : businessContext.strip();
        String tableComment = Comments.present(table.comment()) ? Comments.clean(table.comment())
                : Comments.clean(namer.tableComment(table.ref().name(), context));
        Translation noun = namer.tableNoun(table.ref().name());
        Map<String, String> columns = new LinkedHashMap<>();
        for (ColumnInfo column : table.columns()) {
            String comment = Comments.present(column.comment()) ? Comments.clean(column.comment())
                    : namer.columnComment(column.name(), column.dataType(), noun);
            columns.put(column.name(), comment);
        }
        return new TableDoc(table, tableComment, Collections.unmodifiableMap(columns), ENGINE);
    }
}
