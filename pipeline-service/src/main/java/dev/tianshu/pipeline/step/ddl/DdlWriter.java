package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;

/**
 * Writes a table's {@code .ddl} file: the original's layout (Chinese name and description as leading comments,
 * one column per line with its comment aligned after it, then the primary key), but executable PostgreSQL: the
 * comma comes before the {@code --} comment.
 *
 * <pre>
 * -- 中文名: 公司表
 * -- 描述: 公司表，存储…
 * create table public.bss_company (
 *   id varchar(32) not null,    -- 公司ID，主键
 *   company_no varchar(255),    -- 公司编码
 *   primary key (id)
 * );
 * </pre>
 */
public class DdlWriter {

    /** Where comments start at the least (as in the original's files); longer lines push all comments right. */
    static final int COMMENT_COLUMN = 30;

    public String write(TableDoc doc) {
        TableInfo table = doc.table();
        List<ColumnInfo> columns = table.columns();
        boolean hasPrimaryKey = !table.primaryKey().isEmpty();
        List<String> code = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo column = columns.get(i);
            StringBuilder line = new StringBuilder("  ").append(SqlIdentifiers.identifier(column.name()))
                    .append(' ').append(column.dataType());
            if (!column.nullable()) {
                line.append(" not null");
            }
            if (column.defaultValue() != null) {
                line.append(" default ").append(column.defaultValue());
            }
            if (i < columns.size() - 1 || hasPrimaryKey) {
                line.append(',');
            }
            code.add(line.toString());
            comments.add(columnComment(doc, column));
        }
        int width = COMMENT_COLUMN;
        for (int i = 0; i < code.size(); i++) {
            if (!comments.get(i).isEmpty()) {
                width = Math.max(width, code.get(i).length() + 2);
            }
        }
        StringBuilder ddl = new StringBuilder()
                .append(("-- 中文名: " + Comments.clean(doc.shortName())).strip()).append('\n')
                .append(("-- 描述: " + Comments.clean(doc.tableComment())).strip()).append('\n')
                .append("create table ").append(SqlIdentifiers.table(table.ref())).append(" (\n");
        for (int i = 0; i < code.size(); i++) {
            String line = code.get(i);
            if (!comments.get(i).isEmpty()) {
                line = line + " ".repeat(width - line.length()) + "-- " + comments.get(i);
            }
            ddl.append(line).append('\n');
        }
        if (hasPrimaryKey) {
            ddl.append("  primary key (")
                    .append(table.primaryKey().stream().map(SqlIdentifiers::identifier)
                            .collect(Collectors.joining(", ")))
                    .append(")\n");
        }
        return ddl.append(");\n").toString();
    }

    /** The column's comment with the original's "，主键" / "，外键" suffixes. */
    private static String columnComment(TableDoc doc, ColumnInfo column) {
        StringBuilder comment = new StringBuilder(Comments.clean(doc.columnComment(column.name())));
        for (String flag : flags(column)) {
            if (comment.length() > 0) {
                comment.append('，');
            }
            comment.append(flag);
        }
        return comment.toString();
    }

    private static List<String> flags(ColumnInfo column) {
        List<String> flags = new ArrayList<>();
        if (column.primaryKey()) {
            flags.add("主键");
        }
        if (column.isForeignKey()) {
            flags.add("外键");
        }
        return flags;
    }
}
