package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableRef;

/**
 * Short Chinese names of tables for questions and theme names: the table comment's short form without what every
 * table shares ("高速公路…", "…系统中的") and without filler suffixes ("表", "信息", "记录"), e.g.
 * "高速公路服务区基础信息表" → "服务区".
 */
public final class TableLabels {

    private static final List<String> SUFFIXES = List.of("表", "信息", "基础", "记录", "明细", "清单");
    private static final List<String> FILLERS = List.of("信息", "基础", "相关", "每日", "管理", "记录", "数据", "统计");

    private TableLabels() {
    }

    /** The label of every table, keyed by table. */
    public static Map<TableRef, String> of(List<TableDoc> tables, String businessContext) {
        List<String> shortNames = new ArrayList<>();
        for (TableDoc t : tables) {
            shortNames.add(stripContext(t.shortName().strip(), businessContext));
        }
        String shared = sharedPrefix(shortNames);
        Map<TableRef, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            String s = shortNames.get(i);
            if (!shared.isEmpty() && s.startsWith(shared) && s.length() - shared.length() >= 2) {
                s = s.substring(shared.length());
            }
            s = stripSuffixes(s);
            labels.put(tables.get(i).table().ref(), s.isEmpty() ? tables.get(i).table().ref().name() : s);
        }
        return labels;
    }

    /**
     * {@code label} cut to at most {@code max} characters, dropping filler words first. Labels without Chinese
     * (table names of undocumented tables) are not cut inside words: they are kept up to 20 characters.
     */
    public static String shorten(String label, int max) {
        if (!TableSemantics.containsCjk(label)) {
            return label.length() <= 20 ? label : label.substring(0, 20);
        }
        String s = label;
        for (String filler : FILLERS) {
            if (s.length() <= max) {
                return s;
            }
            String without = s.replace(filler, "");
            if (without.length() >= 2) {
                s = without;
            }
        }
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** {@code label} without the filler words 信息, 基础 and 相关 ("服务区信息映射" → "服务区映射"). */
    public static String compact(String label) {
        String s = label;
        for (String filler : List.of("信息", "基础", "相关")) {
            String without = s.replace(filler, "");
            if (without.length() >= 2) {
                s = without;
            }
        }
        return s;
    }

    private static String stripContext(String name, String businessContext) {
        String s = name;
        for (String stop : List.of("：", ":", "（", "(")) {
            int i = s.indexOf(stop);
            if (i >= 2) {
                s = s.substring(0, i);
            }
        }
        s = s.replaceFirst("^.{0,24}?系统(?:中|里|内)?的", "");
        String context = businessContext == null ? "" : businessContext.strip();
        if (!context.isEmpty() && s.startsWith(context) && s.length() - context.length() >= 2) {
            s = s.substring(context.length()).replaceFirst("^[的之中]+", "");
        }
        return s.length() < 2 ? name : s;
    }

    private static String stripSuffixes(String name) {
        String s = name;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String suffix : SUFFIXES) {
                if (s.endsWith(suffix) && s.length() - suffix.length() >= 2) {
                    s = s.substring(0, s.length() - suffix.length());
                    changed = true;
                }
            }
        }
        return s;
    }

    /** The longest prefix (two or more characters) that more than half of the names start with, or "". */
    private static String sharedPrefix(List<String> names) {
        if (names.size() < 3) {
            return "";
        }
        String best = "";
        for (String candidateSource : names) {
            for (int len = 2; len <= candidateSource.length() - 2; len++) {
                String prefix = candidateSource.substring(0, len);
                long count = names.stream().filter(n -> n.startsWith(prefix)).count();
                if (count * 2 > names.size() && prefix.length() > best.length()) {
                    best = prefix;
                }
            }
        }
        return best;
    }
}
