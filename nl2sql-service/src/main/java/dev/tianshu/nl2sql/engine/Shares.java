package dev.tianshu.nl2sql.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

/** Shares and ratios: "X占Y的比例", "X占比" (of the total of its kind), and conditions on them ("占比超过20%"). */
final class Shares {

    /** After a share word: "超过20%", "超过总收入20%". */
    private static final Pattern SHARE_COMPARE = Pattern.compile("(?:的)?\\s*" + TermRoles.OPS
            + "\\s*(?:[^\\d\\s，,;；]{1,6}?的?)?\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern SHARE = Pattern.compile("占比|比例|比重|百分比|比率|\\bshare\\b|\\bratio\\b|\\bpercentage\\b|\\bproportion\\b");

    private Shares() {
    }

    /** "X占Y的比例" (Y named) or "X占比" (Y the total of X's kind in its table) become one ratio measure. */
    static void ratios(String rest, List<Part> parts, List<Reading.Measure> measures, SemanticModel model,
            boolean english, boolean grouped) {
        Matcher share = SHARE.matcher(rest);
        if (!share.find()) {
            return;
        }
        for (int i = 0; i < measures.size(); i++) {
            Reading.Measure a = measures.get(i);
            Part pa = Part.part(parts, a.column());
            if (pa == null || a.column() == null || a.column().rows()) {
                continue;
            }
            String after = rest.substring(pa.hit.end(), Math.min(rest.length(), pa.hit.end() + 3));
            Reading.Column denominator = null;
            int drop = -1;
            if (after.startsWith("占") && !after.startsWith("占比")) {
                for (int j = i + 1; j < measures.size(); j++) {
                    if (measures.get(j).column() != null && !measures.get(j).column().rows()) {
                        denominator = measures.get(j).column();
                        drop = j;
                        break;
                    }
                }
            }
            if (denominator == null && (after.startsWith("占比") || after.startsWith("比例") || after.startsWith("的占比")
                    || after.startsWith("占总") || after.startsWith("支付占比"))) {
                denominator = total(model, a.column()).orElse(null);
                // "现金支付金额占比超过总收入20%": the total named in the condition is the denominator, not a measure
                Reading.Column of = denominator;
                Part named = of == null ? null : Part.part(parts, of);
                if (named != null && named.hit.start() > pa.hit.end()) {
                    drop = measures.indexOf(measures.stream().filter(m -> of.equals(m.column())).findFirst()
                            .orElse(null));
                }
            }
            String aggregation = "NONE".equals(a.aggregation()) ? Grounding.defaultAggregation(model, a.column())
                    : a.aggregation();
            if (denominator == null && grouped && (after.startsWith("占比") || after.startsWith("比例")
                    || after.startsWith("的占比"))) {
                // "各车型的车流量占比": each group's share of all groups, next to its value
                measures.add(i + 1, new Reading.Measure(a.column(), aggregation, english
                        ? a.column().label() + " share of all (%)" : a.column().label() + "占全部的比例(%)", a.column()));
                return;
            }
            if (denominator == null || denominator.equals(a.column())) {
                continue;
            }
            measures.set(i, new Reading.Measure(a.column(), aggregation, english
                    ? a.column().label() + " share of " + denominator.label() + " (%)"
                    : a.column().label() + "占" + denominator.label() + "的比例(%)", denominator));
            if (drop > 0) {
                measures.remove(drop);
            }
            return;
        }
    }

    /** "占比超过20%": a condition on the share. */
    static void conditions(String rest, List<Reading.Measure> measures,
            Map<String, Reading.Filter> filters, boolean grouped) {
        for (int i = 0; i < measures.size(); i++) {
            Reading.Measure m = measures.get(i);
            if (m.denominator() == null) {
                continue;
            }
            Matcher share = SHARE.matcher(rest);
            while (share.find()) {
                Matcher cmp = SHARE_COMPARE.matcher(rest.substring(share.end()));
                if (cmp.lookingAt() && grouped) {
                    filters.put("share" + i, new Reading.Filter(m.column(), TermRoles.op(cmp.group(1)),
                            List.of(cmp.group(2)), i));
                }
            }
        }
    }

    /** The total column of the kind of {@code c} in its table ("支付总金额" for "现金支付金额"). */
    private static Optional<Reading.Column> total(SemanticModel model, Reading.Column c) {
        String kind = c.label().contains("订单") ? "订单" : c.label().contains("金额") ? "金额" : c.label().contains("数") ? "数" : "";
        return model.table(c.table()).flatMap(t -> t.columns().stream()
                .filter(x -> x.numeric() && !x.columnName().equals(c.column()) && x.columnDisplayName().contains("总")
                        && x.columnDisplayName().contains(kind))
                .findFirst().map(x -> new Reading.Column(t.tableName(), x.columnName(), x.columnDisplayName(),
                        x.dataType())));
    }
}
