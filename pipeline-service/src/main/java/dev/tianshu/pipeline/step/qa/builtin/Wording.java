package dev.tianshu.pipeline.step.qa.builtin;

import java.util.List;

/** How questions and aliases speak of measures, dimensions and values. */
final class Wording {

    private Wording() {
    }

    /** The total of a measure: "总支付金额" stays, "微信支付金额" → "微信支付金额合计". */
    static String sum(ColumnSemantics measure) {
        String l = measure.label();
        return l.contains("总") || l.contains("合计") || l.contains("累计") ? l : l + "合计";
    }

    /** "平均支付金额" for "总支付金额". */
    static String avg(ColumnSemantics measure) {
        return "平均" + withoutTotal(measure.label());
    }

    /** "各服务区" for 服务区名称. */
    static String each(ColumnSemantics dimension) {
        return "各" + dimension.noun();
    }

    /** A value as a question shows it: “开放”. */
    static String value(String v) {
        return "“" + v + "”";
    }

    /** "a", "a和b", "a、b和c". */
    static String list(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join("、", items.subList(0, items.size() - 1)) + "和" + items.get(items.size() - 1);
    }

    static String withoutTotal(String label) {
        String l = label.replaceFirst("^总", "").replace("总数", "数").replace("总额", "额").replace("合计", "")
                .replace("累计", "");
        return l.isBlank() ? label : l;
    }
}
