package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * "查找最近7天新增的服务区映射记录": a table's records asked for by the table's name are shown by the columns that
 * describe a record (its name, codes, kinds and states), and the time the question filters on, not by its name alone.
 */
final class RecordColumns {

    /** Right after the table's word: 记录 / 数据记录, records. */
    private static final Pattern RECORDS_AFTER = Pattern.compile("^\\s*(的)?\\s*(数据)?记录(?!数)|^\\s*records\\b");
    private static final Pattern RECORDS_END = Pattern.compile("记录$|\\brecords$");
    /** A column that describes a record, by its display name or its name. */
    private static final Pattern DESCRIBING = Pattern.compile("(名称|编码|编号|类型|类别|状态)$|(?i)(name|_no|code|type|status|category)$");
    private static final Pattern IDENTIFIER = Pattern.compile("(?i)id$");

    private RecordColumns() {
    }

    /**
     * The columns to show for the records of the one table listed by its name, or the dimensions as they are when
     * the question does not ask for that table's records.
     */
    static List<Reading.Column> of(String rest, List<Lexicon.Hit> hits, List<Part> parts,
            List<Reading.Column> dimensions, Reading.Time time, SemanticModel model) {
        if (dimensions.size() != 1) {
            return dimensions;
        }
        Reading.Column name = dimensions.get(0);
        SemanticModel.Table table = model.table(name.table()).orElse(null);
        // (the table named by a word of its own, 映射记录, or followed by 记录; not grouped by its name)
        boolean asked = table != null && name.equals(Lexicon.nameColumn(table))
                && parts.stream().noneMatch(p -> p.grouping && p.column().equals(name))
                && hits.stream().anyMatch(h -> h.entries().stream().anyMatch(e -> e.isEntity()
                        && e.table().equalsIgnoreCase(table.tableName()))
                        && (RECORDS_END.matcher(rest.substring(h.start(), h.end())).find()
                                || RECORDS_AFTER.matcher(rest.substring(h.end())).find()));
        if (!asked) {
            return dimensions;
        }
        List<Reading.Column> shown = new ArrayList<>();
        for (SemanticModel.Column c : table.columns()) {
            boolean describing = !c.numeric() && !c.temporal() && !IDENTIFIER.matcher(c.columnName()).find()
                    && !IDENTIFIER.matcher(c.columnDisplayName()).find()
                    && !SqlWriter.SOFT_DELETE.contains(c.columnName().toLowerCase(Locale.ROOT))
                    && (DESCRIBING.matcher(c.columnDisplayName()).find() || DESCRIBING.matcher(c.columnName()).find()
                            || c.samples() != null && !c.samples().isEmpty());
            if (describing) {
                shown.add(Lexicon.column(table, c));
            }
        }
        if (time != null && time.column().table().equals(table.tableName()) && !shown.contains(time.column())) {
            shown.add(time.column());
        }
        return shown.contains(name) ? shown : dimensions;
    }
}
