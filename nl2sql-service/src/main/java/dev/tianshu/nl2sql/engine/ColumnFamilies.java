package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Columns that are the kinds of one thing: 微信支付金额, 支付宝支付金额, 现金支付金额 … are the amounts of each 支付方式.
 * A family is three or more number columns of a table whose display names end alike after different beginnings
 * (the kinds: 微信, 支付宝, 现金). Before the question is read, the words that name a family are spelled out as its
 * columns:
 * <ul>
 * <li>"各支付方式订单量" → the order counts of every kind, each summed; "不同支付方式占比" → the amounts (the first
 * family of the table unless the words after name another), each a share of its total;</li>
 * <li>the kinds listed beside it ("（微信/支付宝/现金）") keep only those ("… 等" keeps all);</li>
 * <li>"微信、支付宝、现金支付金额": kinds listed before one column of the family are each that column.</li>
 * </ul>
 */
final class ColumnFamilies {

    /** A kind (微信) and its column's display name (微信支付金额). */
    record Member(String kind, String display) {
    }

    /**
     * The ending shared (支付金额) and the columns, in the model's order; with the patterns a question is read by,
     * made once per model: the family's names (each first part of its ending + 方式, longest first), kinds listed
     * before a column of it ("微信、支付宝、现金支付金额"), and kinds listed on their own.
     */
    record Family(String ending, List<Member> members, List<Lead> leads, Pattern listed, Pattern alone) {

        static Family of(String ending, List<Member> members, boolean english) {
            String kinds = members.stream().map(m -> Pattern.quote(m.kind())).reduce((a, b) -> a + "|" + b).orElse("");
            List<Lead> leads = ColumnFamilies.leads(ending, english).stream().map(lead -> new Lead(lead, Pattern.compile(
                    (english ? "\\b" : "") + Pattern.quote(lead) + "\\s*" + (english ? ENGLISH_KIND + "\\b" : CHINESE_KIND),
                    Pattern.CASE_INSENSITIVE))).toList();
            Pattern listed = Pattern.compile((english ? "(?<!\\p{L})" : "") + "((?:(?:" + kinds + ")(?:" + SEPARATOR
                    + "))+)(" + kinds + ")\\s*" + Pattern.quote(ending), Pattern.CASE_INSENSITIVE);
            Pattern alone = Pattern.compile("(?<!\\p{L})((?:" + kinds + ")(?:(?:" + SEPARATOR + ")(?:" + kinds
                    + "))+)\\s*(等|etc\\.?)?(?!\\p{L})", Pattern.CASE_INSENSITIVE);
            return new Family(ending, members, leads, listed, alone);
        }
    }

    /** A first part of a family's ending (支付) and the words that name the family by it (支付方式). */
    record Lead(String text, Pattern named) {
    }

    /** What a family is called after the first words of its ending: 支付方式, payment method. */
    private static final String CHINESE_KIND = "(?:方式|渠道|类型|种类|方法)";
    private static final String ENGLISH_KIND = "(?:methods?|channels?|types?|kinds?)";
    private static final Pattern EACH = Pattern.compile("(各种|各个|各|不同|每种|每一种|所有|全部|哪种|按)\\s*$");
    private static final Pattern EACH_EN = Pattern.compile("\\b(for each|for every|each|every|all|different|by|per|which|across)\\s+$");
    private static final Pattern SHARE_AFTER = Pattern.compile("^\\s*(的)?\\s*(占比|比例|比重|占)|^\\s*(share|percentage|proportion)");
    private static final Pattern TOTAL = Pattern.compile("(?i)总|合计|总计|全部|total|overall|all|grand total|sum");
    /** Between kinds listed: 、 / 和 …; in English also a space (the question's commas are spaces by now). */
    private static final String SEPARATOR = "\\s*(?:、|/|和|与|及|,|，)\\s*|\\s*\\b(?:and|or)\\b\\s*|\\s+";

    private ColumnFamilies() {
    }

    /** The question with the words naming families, and kinds listed before a family column, spelled out. */
    static String expand(String rest, SemanticModel model, Lexicon lexicon, boolean english) {
        String out = rest;
        for (List<Family> families : lexicon.families(english).values()) {
            for (Family f : families) {
                String listed = listedKinds(out, f, english);
                // the family named, unless its columns are (“微信、支付宝、现金支付金额占比，分析支付方式分布”)
                String lower = listed.toLowerCase(Locale.ROOT);
                String spelled = families.stream().flatMap(x -> x.members().stream())
                        .anyMatch(x -> lower.contains(x.display().toLowerCase(Locale.ROOT))) ? listed
                        : named(listed, f, families, model, english);
                if (!spelled.equals(out)) {
                    // the kinds listed on their own ("（微信、支付宝、现金等）") are said by the columns now
                    out = f.alone().matcher(spelled).replaceAll(" ");
                }
            }
        }
        return out;
    }

    /** The families of a table. */
    static List<Family> of(SemanticModel.Table table, boolean english) {
        List<String> names = table.columns().stream().filter(SemanticModel.Column::numeric)
                .map(SemanticModel.Column::columnDisplayName).filter(d -> !d.isBlank()).toList();
        Map<String, Integer> counts = new HashMap<>();
        for (String name : names) {
            endings(name, english).forEach(e -> counts.merge(e, 1, Integer::sum));
        }
        Map<String, List<Member>> families = new LinkedHashMap<>();
        for (String name : names) {
            // the longest ending three columns share
            endings(name, english).stream().filter(e -> counts.get(e) >= 3).findFirst().ifPresent(e -> families
                    .computeIfAbsent(e, k -> new ArrayList<>())
                    .add(new Member(name.substring(0, name.length() - e.length()).strip(), name)));
        }
        // (a total is not a kind: 总, total)
        families.values().forEach(members -> members.removeIf(m -> TOTAL.matcher(m.kind()).matches()));
        return families.entrySet().stream().filter(e -> e.getValue().size() >= 3
                        && e.getValue().stream().map(Member::kind).distinct().count() == e.getValue().size())
                .map(e -> Family.of(e.getKey(), List.copyOf(e.getValue()), english)).toList();
    }

    /** A display name's endings after a beginning of at least one character (word), longest first. */
    private static List<String> endings(String name, boolean english) {
        List<String> endings = new ArrayList<>();
        if (english) {
            String[] words = name.strip().split("\\s+");
            for (int i = 1; i < words.length; i++) {
                endings.add(String.join(" ", List.of(words).subList(i, words.length)).toLowerCase(Locale.ROOT));
            }
        } else {
            for (int i = 1; i <= name.length() - 2; i++) {
                endings.add(name.substring(i));
            }
        }
        return endings;
    }

    /**
     * "各支付方式订单量": the family whose ending starts with the words before 方式 (支付) and goes on with words the
     * question says (订单), else this one; its columns (only the kinds listed beside it, when some are), each summed,
     * or each as it is when a share follows. Not when a column of the model is called so itself.
     */
    private static String named(String rest, Family f, List<Family> families, SemanticModel model, boolean english) {
        for (Lead named : f.leads()) {
            String lead = named.text();
            Matcher m = named.named().matcher(rest);
            if (!m.find() || columnCalled(model, m.group())) {
                continue;
            }
            // the words saying which of the families: right after its name, else anywhere after it ("…的订单数")
            String before = (english ? EACH_EN : EACH).matcher(rest.substring(0, m.start())).replaceFirst("");
            String after = rest.substring(m.end());
            Family chosen = f;
            boolean found = false;
            for (int side = 0; side < 2 && !found; side++) {
                // (else before it: "amount for each payment method", "订单数按支付方式统计")
                for (Family x : families) {
                    String next = x.ending().startsWith(lead) ? x.ending().substring(lead.length()).strip() : "";
                    Matcher word = next.isEmpty() ? null : said(lead, next, english).matcher(side == 0 ? after : before);
                    if (word != null && word.find()) {
                        chosen = x;
                        found = true;
                        if (side == 0) {
                            after = after.substring(0, word.start()) + after.substring(word.end());
                        } else {
                            before = before.substring(0, word.start()) + before.substring(word.end());
                        }
                        break;
                    }
                }
            }
            boolean share = SHARE_AFTER.matcher(after).find();
            String each = share ? "" : english ? "total " : "合计";
            List<String> columns = kindsBeside(rest, chosen, english).stream()
                    .map(x -> english ? each + x.display() : x.display() + each).toList();
            return before + " " + String.join(english ? ", " : "、", columns) + (english ? " " : "") + after;
        }
        return rest;
    }

    /** The words naming the rest of a family's ending: 订单量, 的订单数量 for 订单数; of amount. */
    private static Pattern said(String lead, String next, boolean english) {
        String stem = english ? next.split("\\s+")[0] : next.substring(0, Math.min(2, next.length()));
        return Pattern.compile(english ? "\\s*\\b(of\\s+)?(" + Pattern.quote(lead) + "\\s+)?" + Pattern.quote(stem) + "\\w*"
                : "\\s*(的)?\\s*(" + Pattern.quote(lead) + ")?" + Pattern.quote(stem) + "[数量额]{0,2}",
                Pattern.CASE_INSENSITIVE);
    }

    /** The first words of an ending that may name its family, longest first (支付金 and 支付 of 支付金额). */
    private static List<String> leads(String ending, boolean english) {
        List<String> leads = new ArrayList<>();
        if (english) {
            String[] words = ending.split("\\s+");
            for (int n = words.length - 1; n >= 1; n--) {
                leads.add(String.join(" ", List.of(words).subList(0, n)));
            }
        } else {
            for (int k = ending.length() - 1; k >= 2; k--) {
                leads.add(ending.substring(0, k));
            }
        }
        return leads;
    }

    private static boolean columnCalled(SemanticModel model, String words) {
        String w = words.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        return model.tables().stream().flatMap(t -> t.columns().stream())
                .anyMatch(c -> c.columnDisplayName().replaceAll("\\s+", "").toLowerCase(Locale.ROOT).contains(w));
    }

    /** The kinds listed in the question (two or more, not ending in 等 / etc.), else all; they are then unsaid. */
    private static List<Member> kindsBeside(String rest, Family f, boolean english) {
        List<Member> named = f.members().stream().filter(m -> !m.kind().isEmpty() && Pattern.compile(
                (english ? "\\b" : "") + Pattern.quote(m.kind()) + (english ? "\\b" : ""), Pattern.CASE_INSENSITIVE)
                .matcher(rest).find()).toList();
        boolean etc = Pattern.compile("等|\\betc\\b").matcher(rest).find();
        return named.size() >= 2 && !etc ? named : f.members();
    }

    /** "微信、支付宝、现金支付金额": kinds listed before a column of the family are each that kind's column. */
    private static String listedKinds(String rest, Family f, boolean english) {
        Matcher m = f.listed().matcher(rest);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            List<String> listed = new ArrayList<>(List.of(m.group(1).split(SEPARATOR)));
            listed.add(m.group(2));
            List<String> columns = listed.stream().filter(k -> !k.isBlank())
                    .map(k -> english ? k.strip() + " " + f.ending() : k.strip() + f.ending()).toList();
            m.appendReplacement(b, Matcher.quoteReplacement(String.join(english ? ", " : "、", columns)));
        }
        m.appendTail(b);
        return b.toString();
    }
}
