package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;

/**
 * Writes a table's {@code _detail.md} file in the original's format, which step 2 reads back:
 *
 * <pre>
 * ## bss_company（公司表）
 * bss_company 表公司表，…
 * 字段列表：
 * - id (varchar(32)) - 公司ID [主键, 非空] [示例: 30675d…, 47ed0b…]
 * 字段补充说明：
 * - id 为主键
 * - company_id 为外键，关联 public.bss_company.id
 * - service_state 为枚举字段，包含取值：开放、关闭、上传数据
 * </pre>
 *
 * A table outside schema public is named {@code schema.table}. Enum columns show up to
 * {@value #ENUM_EXAMPLES} distinct sample values, others {@value #EXAMPLES}.
 */
public class MarkdownWriter {

    static final int ENUM_EXAMPLES = 10;
    static final int EXAMPLES = 2;

    public String write(TableDoc doc) {
        TableInfo table = doc.table();
        String name = table.ref().schema().equals("public") ? table.ref().name() : table.ref().qualified();
        List<String> lines = new ArrayList<>();
        lines.add("## " + name + "（" + Comments.clean(doc.shortName()) + "）");
        lines.add(name + " 表" + Comments.clean(doc.tableComment()));
        lines.add("字段列表：");
        for (ColumnInfo column : table.columns()) {
            lines.add(columnLine(doc, column));
        }
        List<String> notes = notes(table);
        if (!notes.isEmpty()) {
            lines.add("字段补充说明：");
            lines.addAll(notes);
        }
        StringBuilder md = new StringBuilder();
        for (String line : lines) {
            md.append(line.stripTrailing()).append('\n');
        }
        return md.toString();
    }

    private static String columnLine(TableDoc doc, ColumnInfo column) {
        StringBuilder line = new StringBuilder("- ").append(column.name()).append(" (").append(column.dataType())
                .append(") - ").append(Comments.clean(doc.columnComment(column.name())));
        List<String> flags = new ArrayList<>();
        if (column.primaryKey()) {
            flags.add("主键");
        }
        if (column.isForeignKey()) {
            flags.add("外键");
        }
        if (!column.nullable()) {
            flags.add("非空");
        }
        if (!flags.isEmpty()) {
            line.append(" [").append(String.join(", ", flags)).append(']');
        }
        boolean isEnum = doc.table().enums().containsKey(column.name());
        List<String> examples = examples(doc.table().samples(), column.name(), isEnum ? ENUM_EXAMPLES : EXAMPLES);
        if (!examples.isEmpty()) {
            line.append(" [示例: ").append(String.join(", ", examples)).append(']');
        }
        return line.toString();
    }

    /** Distinct non-blank sample values of a column, in sample order, each on one line. */
    static List<String> examples(List<Map<String, String>> samples, String column, int limit) {
        Set<String> values = new LinkedHashSet<>();
        for (Map<String, String> row : samples) {
            String value = row.get(column);
            if (value == null) {
                continue;
            }
            String oneLine = value.replaceAll("[\\r\\n\\t]+", " ").strip();
            if (!oneLine.isEmpty()) {
                values.add(oneLine);
            }
            if (values.size() >= limit) {
                break;
            }
        }
        return new ArrayList<>(values);
    }

    private static List<String> notes(TableInfo table) {
        List<String> notes = new ArrayList<>();
        List<String> primaryKey = table.primaryKey();
        if (primaryKey.size() == 1) {
            notes.add("- " + primaryKey.get(0) + " 为主键");
        } else if (primaryKey.size() > 1) {
            notes.add("- 复合主键：" + String.join(", ", primaryKey));
        }
        for (ColumnInfo column : table.columns()) {
            if (column.isForeignKey()) {
                notes.add("- " + column.name() + " 为外键，关联 " + column.foreignKey().table().qualified() + "."
                        + column.foreignKey().referencedColumn());
            }
        }
        for (Map.Entry<String, List<String>> e : table.enums().entrySet()) {
            List<String> values = e.getValue().stream().map(v -> v.replaceAll("[\\r\\n\\t]+", " ").strip())
                    .filter(v -> !v.isEmpty()).toList();
            if (!values.isEmpty()) {
                notes.add("- " + e.getKey() + " 为枚举字段，包含取值：" + String.join("、", values));
            }
        }
        return notes;
    }
}
