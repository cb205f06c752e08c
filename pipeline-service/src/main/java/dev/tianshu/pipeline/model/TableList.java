package dev.tianshu.pipeline.model;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The table list of a task (table_list.txt): the tables to document, in the order the user listed them.
 *
 * @param tables the valid entries, without duplicates ({@code t} and {@code public.t} are the same table), first
 *        occurrence kept
 * @param invalid entries that are not table names, as written (trimmed), without duplicates
 */
public record TableList(List<TableRef> tables, List<String> invalid) {

    private static final DateTimeFormatter GENERATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public TableList {
        tables = List.copyOf(tables);
        invalid = List.copyOf(invalid);
    }

    /**
     * Reads a table list: one or more comma-separated names per line; lines starting with {@code #} or {@code --}
     * and blank entries are skipped; a name is valid when {@link TableRef#NAME} matches it.
     */
    public static TableList parse(String text) {
        Set<TableRef> tables = new LinkedHashSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        String content = text == null ? "" : text;
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        for (String rawLine : content.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("--")) {
                continue;
            }
            for (String rawEntry : line.split(",")) {
                String entry = rawEntry.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (TableRef.NAME.matcher(entry).matches()) {
                    tables.add(TableRef.parse(entry));
                } else {
                    invalid.add(entry);
                }
            }
        }
        return new TableList(new ArrayList<>(tables), new ArrayList<>(invalid));
    }

    /** The table list file the API writes for a list of names (kept as given, one per line). */
    public static String render(List<String> names, LocalDateTime now) {
        StringBuilder sb = new StringBuilder()
                .append("# 表清单文件\n")
                .append("# 生成时间: ").append(GENERATED_AT.format(now)).append('\n')
                .append("# 表数量: ").append(names.size()).append("\n\n");
        for (String name : names) {
            sb.append(name).append('\n');
        }
        return sb.toString();
    }

    /** The tables' qualified names ({@code schema.table}), in list order. */
    public List<String> names() {
        return tables.stream().map(TableRef::qualified).toList();
    }
}
