package dev.tianshu.nl2sql.engine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.engine.Part.Role;

/**
 * A column named only to sort by: "names of poker players in descending order of earnings", "teachers ordered by
 * ascending age", "列出服务区名称，按创建时间降序". It is taken out of the terms, so it is not shown.
 */
final class SortColumns {

    /** The term sorted by and the direction. */
    record Sort(Part part, boolean descending) {
    }

    private static final Pattern ENGLISH_BEFORE = Pattern.compile("(?:\\bin\\s+(?:(ascending|descending|increasing|"
            + "decreasing|asc|desc)\\s+)?order\\s+of|\\b(?:ordered|sorted|ranked|order|sort)\\s+"
            + "(?:(?:the\\s+)?(?:results?|rows?|list|output|records|them|it)\\s+)?by(?:\\s+(ascending|"
            + "descending|increasing|decreasing))?)\\s+(?:the\\s+|their\\s+|its\\s+)?$");
    private static final Pattern ENGLISH_AFTER = Pattern.compile("^\\s*(?:in\\s+)?(ascending|descending|asc|desc|"
            + "increasing|decreasing)\\b");
    private static final Pattern CHINESE_BEFORE = Pattern.compile("按照?\\s*$");
    private static final Pattern CHINESE_AFTER = Pattern.compile("^\\s*(?:的)?\\s*(降序|升序|从高到低|从低到高|由高到低|"
            + "由低到高|从大到小|从小到大|从早到晚|从晚到早|从新到旧|从旧到新|排序|排列)");

    private SortColumns() {
    }

    /**
     * The sort named in the question, or null. Chinese sorts by a measure (按金额降序) stay with the measure's own
     * handling; only other columns are sorts here.
     */
    static Sort find(String rest, List<Part> parts, boolean english) {
        for (Part p : parts) {
            boolean plain = p.role == Role.TIME || p.role == Role.DIMENSION
                    || english && p.role == Role.MEASURE && "NONE".equals(p.aggregation);
            if (!plain || p.candidates.isEmpty() || p.column().rows()) {
                continue;
            }
            String before = rest.substring(Math.max(0, p.hit.start() - 40), p.hit.start());
            String after = rest.substring(p.hit.end(), Math.min(rest.length(), p.hit.end() + 16));
            Matcher b = (english ? ENGLISH_BEFORE : CHINESE_BEFORE).matcher(before);
            Matcher a = (english ? ENGLISH_AFTER : CHINESE_AFTER).matcher(after);
            boolean afterNamed = a.find();
            if (!b.find() || !english && !afterNamed) {
                continue;
            }
            String direction = english ? (b.group(1) != null ? b.group(1) : b.group(2) != null ? b.group(2)
                    : afterNamed ? a.group(1) : "") : a.group(1);
            return new Sort(p, direction.matches("desc.*|decreasing|降序|从高到低|由高到低|从大到小|从晚到早|从新到旧"));
        }
        return null;
    }

    /**
     * The order of a column named to sort by: that of its measure when it is one, else by the column itself when the
     * rows are not aggregated or it is a dimension; otherwise (a total cannot be sorted by a row's value) as it was.
     */
    static Reading.Order order(Reading.Column column, boolean descending, List<Reading.Measure> measures,
            List<Reading.Column> dimensions, Reading.Order order) {
        for (int i = 0; i < measures.size(); i++) {
            if (column.equals(measures.get(i).column()) && measures.get(i).denominator() == null) {
                return new Reading.Order(i, descending);
            }
        }
        boolean aggregated = measures.stream().anyMatch(QuestionParser::aggregate);
        return !aggregated || dimensions.contains(column) ? new Reading.Order(-1, descending, column) : order;
    }
}
