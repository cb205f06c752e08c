package dev.tianshu.pipeline.model;

import java.util.Map;

/**
 * A table with the comments step 1 settled on: the catalog's own where they exist, otherwise generated ones.
 *
 * @param tableComment the full comment (written as "-- 描述:" and in the markdown)
 * @param columnComments column name → comment, for every column
 * @param engine which engine wrote the comments: "builtin" or "llm:&lt;model&gt;"
 */
public record TableDoc(TableInfo table, String tableComment, Map<String, String> columnComments, String engine) {

    /** The table's short Chinese name: its comment up to the first "，" or "。" (the "-- 中文名:" line). */
    public String shortName() {
        String c = tableComment == null ? "" : tableComment.strip();
        int cut = c.length();
        for (String stop : new String[] {"，", "。", ",", ";", "；"}) {
            int i = c.indexOf(stop);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        return c.substring(0, cut);
    }

    public String columnComment(String column) {
        String c = columnComments.get(column);
        return c == null ? "" : c;
    }
}
