package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

import dev.tianshu.nl2sql.engine.Part.Role;

/**
 * What each term of a question is (its {@link Part.Role role}), from the words around it: a measure and its
 * aggregation, a count, a dimension, a filter, a comparison or the time column.
 */
final class TermRoles {

    private static final Map<Pattern, String> AGGREGATIONS = new LinkedHashMap<>();
    /** Before a thing each of which is a group: "each paper", "per customer", 每个订单. */
    private static final Pattern EACH = Pattern.compile("(\\bfor each|\\beach|\\bper|\\bevery|每个?|各个?)\\s*$");
    static final Pattern GROUP = Pattern.compile("(按照?|每个?|各个?|各|分|不同的?|\\bby|\\bper|\\bfor each|\\beach)\\s*$");
    /** Comparison words; {@link #op} says which comparison each is. */
    static final String OPS = "(不低于|不少于|至少|大于等于|>=|不超过|不高于|至多|小于等于|<=|大于|超过|高于|多于|超|不足|"
            + "(?:not|no) (?:higher|more|greater|larger|bigger|lower|less|fewer|smaller) than|not (?:above|over|below|under)|"
            + "more than|greater than|higher than|larger than|bigger than|older than|taller than|heavier than|"
            + "longer than|at least|at most|over|above|>|小于|低于|少于|less than|fewer than|lower than|smaller than|"
            + "younger than|shorter than|lighter than|under|below|<|"
            + "等于|=|is|为)";
    private static final Pattern COMPARE = Pattern.compile("(?:的)?\\s*(?:(?:is|are|was|were)\\s+|of\\s+(?=over|above|under|below|more|less|at))?" + OPS
            + "\\s*(?:either\\s+)?(-?\\d+(?:\\.\\d+)?)\\s*(万|千|%)?");
    /** Negated comparisons: "not higher than" is at most, "not less than" at least. */
    private static final Pattern NOT_ABOVE = Pattern.compile("(?:not|no) (?:higher|more|greater|larger|bigger) than"
            + "|not (?:above|over)");
    private static final Pattern NOT_BELOW = Pattern.compile("(?:not|no) (?:lower|less|fewer|smaller) than"
            + "|not (?:below|under)");
    /** Right before a compared measure: its average is compared ("日均(营收)超过1万"). */
    private static final Pattern AGGREGATED_BEFORE = Pattern.compile("(日均|平均)\\s*$");
    /** After a text column: a code it equals ("(编码)为H0501", "(code) is 'Q0103'"), one with a digit in it. */
    private static final Pattern CODE_VALUE = Pattern.compile("\\s*(?:为|是|等于|=|is|equals)\\s*['‘’]?"
            + "([a-z0-9_.-]*\\d[a-z0-9_.-]*)['‘’]?(?![a-z0-9_])");
    /** A second condition on the column just compared: "(大于100)且小于200", "(above 10) and below 20". */
    private static final Pattern AND_COMPARE = Pattern.compile("\\s*(?:且|并且|而且|但|,|，|and|but)\\s*(?:is\\s+)?"
            + OPS + "\\s*(-?\\d+(?:\\.\\d+)?)\\s*(万|千|%)?");
    /** A second value after an equality: "(age is) 32 or 33", "(类别为)1或3". */
    private static final Pattern OR_VALUE = Pattern.compile("^\\s*(?:or|或者?|、|和|及)\\s*(-?\\d+(?:\\.\\d+)?)(?![\\d.])");
    private static final Pattern AGGREGATED_COMPARE = Pattern.compile("(?:的)?\\s*(合计|总和|总计|总额|总量|平均值|均值|平均)\\s*"
            + OPS + "\\s*(-?\\d+(?:\\.\\d+)?)\\s*(万|千|%)?");
    private static final Map<String, Integer> NUMBER_WORDS = Map.of("one", 1, "two", 2, "three", 3, "four", 4,
            "five", 5, "six", 6, "seven", 7, "eight", 8, "nine", 9, "ten", 10);
    /** Before a thing counted per group: "more than 3", "at least two", "超过3个". */
    private static final Pattern COUNT_COMPARED = Pattern.compile("(more than|fewer than|less than|at least|at most|"
            + "超过|多于|大于|至少|不少于|少于|不足|小于)\\s*(\\d+|one|two|three|four|five|six|seven|eight|nine|ten)\\s*"
            + "(?:个|家|条|次|种|different\\s+|distinct\\s+|(?:[a-z]+\\s+)?)?\\s*$");
    /** After a thing counted per group: "(营业数据)超过1000条", "(档口)不少于3个". */
    private static final Pattern COUNT_COMPARED_AFTER = Pattern.compile("^\\s*(超过|多于|大于|至少|不少于|少于|不足|小于)\\s*"
            + "(\\d+)\\s*(?:个|家|条|次|种)");
    private static final Pattern NAME_WORD = Pattern.compile("名称|名字|\\bnames?\\b|\\btitles?\\b");
    /** A quoted text, or "the letter / word X". */
    private static final String TEXT = "(?:['‘]([^'‘’]+)['’]|(?:the\\s+)?(?:letter|word|string|text)\\s+['‘]?([\\w-]+)['’]?)";
    private static final Pattern STARTS_WITH = Pattern.compile("\\s*(?:的)?\\s*(?:(?:that|which)\\s+)?"
            + "(?:(?:starts?|begins?|starting|beginning)\\s+with\\s+(?:" + TEXT + "|(?!the\\b)([\\w-]+))"
            + "|以\\s*(?:['‘]([^'‘’]+)['’]|([^\\s'‘’的]{1,12}?))\\s*(?:开头|开始|打头))");
    private static final Pattern ENDS_WITH = Pattern.compile("\\s*(?:的)?\\s*(?:(?:that|which)\\s+)?"
            + "(?:(?:ends?|ending)\\s+with\\s+(?:" + TEXT + "|(?!the\\b)([\\w-]+))"
            + "|以\\s*(?:['‘]([^'‘’]+)['’]|([^\\s'‘’的]{1,12}?))\\s*结尾)");
    private static final Pattern CONTAINS = Pattern.compile("\\s*(?:的)?\\s*(?:(?:that|which)\\s+)?"
            + "(?:(?:contains?|containing|includes?|including|has|having|with)\\s+" + TEXT
            + "|(?:中)?(?:包含|包括|含有|含|带有|带)\\s*(?:['‘]([^'‘’]+)['’]|([^\\s'‘’的]{1,12})))");
    /** A comparison with the column's average: "营收高于平均值", "weight smaller than the average". */
    private static final Pattern VERSUS_AVERAGE = Pattern.compile("(?:的)?\\s*(?:(?:that\\s+)?(?:is|are|was|were)\\s+)?"
            + OPS + "\\s*(?:the\\s+)?(?:average|mean|平均值|平均水平|平均数|均值|平均)");
    /** "singers above the average age". */
    private static final Pattern AVERAGE_BEFORE = Pattern.compile(OPS + "\\s+(?:the\\s+)?(?:average|mean)\\s*$");
    /** English conditions before the term: "more than 4 (cylinders)", "with 8 (cylinders)", "below (age 30)". */
    private static final Pattern NUMBER_FIRST = Pattern.compile("(?:" + OPS + "|\\b(with))\\s*(-?\\d+(?:\\.\\d+)?)\\s*$");
    private static final Pattern OP_FIRST = Pattern.compile(OPS + "\\s*(?:the\\s+)?$");
    private static final Pattern NUMBER_AFTER = Pattern.compile("\\s*(?:of\\s+|is\\s+)?(-?\\d+(?:\\.\\d+)?)\\b");
    private static final Pattern BETWEEN = Pattern.compile(
            "\\s*(?:在|介于|(?:is\\s+)?between)?\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:到|至|~|-|and|和|与)\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:之间)?");
    private static final Pattern HIGHEST = Pattern.compile("最高|最多|最大|最好|\\bhighest\\b|\\bmost\\b|\\blargest\\b|\\bbiggest\\b|\\btop\\b");
    private static final Pattern LOWEST = Pattern.compile("最低|最少|最小|最差|\\blowest\\b|\\bleast\\b|\\bfewest\\b|\\bsmallest\\b|\\bbottom\\b");
    /** As {@link #DISTINCT_BEFORE}, or one English word apart: "different store locations". */
    private static final Pattern DISTINCT_NEAR_BEFORE = Pattern.compile(
            "(去重的?|不同的?|\\bdistinct|\\bunique|\\bdifferent)\\s*(?:[a-z]+\\s+)?$");
    static final Pattern DISTINCT_BEFORE = Pattern.compile("(去重的?|不同的?|\\bdistinct|\\bunique|\\bdifferent)\\s*$");
    private static final Pattern DISTINCT_COUNT_AFTER = Pattern.compile("^\\s*(的)?\\s*去重(计数|数量|个数|后的数量)");
    private static final Pattern ORDER_AFTER = Pattern.compile("\\s*(降序|升序|排序|排列|排名|从高到低|从低到高|由高到低|"
            + "由低到高|desc|asc|order)");
    /** Before a numeric column, the words that make it a grouping (not a measure). */
    private static final Pattern NUMBER_GROUPED = Pattern.compile("(?<!排序|排列|排名)(按照?|各个?|不同的?)\\s*$");
    /** Right after a thing, the records it qualifies: "(服务区)业务数据记录", "(服务区)数据". */
    private static final Pattern RECORDS_OF = Pattern.compile("[\\u4e00-\\u9fff]{0,4}?(数据|记录)");
    private static final Pattern SCOPE = Pattern.compile("(旗下|下属|管理的|管辖的|单个|任何|所有|全部|其)\\s*$");
    /** "…总量及日均值": a second aggregation of the measure just named. */
    private static final Pattern ALSO_AGGREGATED = Pattern.compile("^\\s*(?:的)?(?:总量|总数|总和|合计|总计|总额|平均值|均值|最大值|最高值|最小值|最低值)?\\s*"
            + "((?:及|和|与|、|以及)\\s*(?:其)?(日均值|日均|平均值|均值|平均数|最大值|最高值|峰值|最小值|最低值|总量|总和|合计))");
    private static final String AGGREGATION_WORDS = "(?:average|mean|avg|maximum|max|highest|largest|minimum|min|lowest"
            + "|smallest|total|sum|平均值?|最大值?|最高值?|最小值?|最低值?|总和|合计)";
    private static final Pattern AGGREGATION_WORD = Pattern.compile(AGGREGATION_WORDS);
    /**
     * Two or more aggregation words listed just before a column, the last after "and" (or 和 / 、): "average and
     * maximum", "average, minimum, and maximum" (its commas gone), "最高、最低和平均"; not "highest total".
     */
    private static final Pattern AGGREGATION_LIST = Pattern.compile("(?<![a-z])" + AGGREGATION_WORDS
            + "(?:\\s*、?\\s*" + AGGREGATION_WORDS + ")*(?:\\s+and\\s+|\\s*[、和及与]\\s*)" + AGGREGATION_WORDS
            + "\\s*(?:the\\s+)?(?:的)?\\s*$");
    private static final Pattern IDENTIFIER = Pattern.compile("(?:^|\\s)ids?$");
    /** Between two values of one list. */
    private static final Pattern LISTED = Pattern.compile("\\s*['‘’]?\\s*(,|、|和|或|与|及|\\bor\\b|\\band\\b|/)?\\s*['‘’]?\\s*");
    /** Before the first of values that must all be there: "同时存在'驿购'和'驿美'", "both cats and dogs". */
    private static final Pattern BOTH = Pattern.compile("(同时(?:存在|有|包含|拥有|使用|具有|出现)?(?:了|过)?|"
            + "\\bboth\\s+(?:the\\s+)?(?:[a-z]+\\s+)?)['‘’]?\\s*$");
    /** A value named after a negation: every other value. */
    private static final Pattern NEGATED = Pattern.compile("(不是|不为|不等于|非|除了|除去|除|不含|不包括|排除|\\bnot\\b|\\bnon\\b-?|"
            + "\\bisn't\\b|\\baren't\\b|!=|<>|\\bexcept\\b|\\bother than\\b)(?:\\s+(?:in|from|at|equal to|located in)\\b)?"
            + "\\s*(?:the\\s+)?['‘’]?\\s*$");
    private static final Pattern SINGLE_ROW = Pattern.compile("单日|单笔|当日|单个|单天|每天|每日|单条|单次");
    private static final Pattern COUNT_AFTER = Pattern.compile("^(?:的)?\\s*(?:数量|个数|总数|数目|家数|条数|记录数|数(?!据)|counts?\\b)");
    /** After a thing, ending the question: "(的服务区)有多少个", "(服务区)一共有几个". */
    private static final Pattern COUNT_AT_END = Pattern.compile("^\\s*(?:一共|总共|共)?有(?:多少|几)(?:个|家|条|处|座)?"
            + "\\s*(?:呢|吗)?\\s*$");
    private static final Pattern COUNT_BEFORE = Pattern.compile(
            "(?:多少个|多少家|多少条|多少|几个|几家|几条|number of|how many|count of|count)\\s*(?:the\\s+)?$");
    private static final Pattern MOST_OF_BEFORE = Pattern.compile("\\b(?:the\\s+)?(most|fewest|least)\\s+(?:number of\\s+)?$");
    private static final Pattern MOST_OF_AFTER = Pattern.compile("\\s*(?:数量|个数)?\\s*(最多|最少)");
    private static final Pattern ANY_GROUPING = Pattern.compile("各|每个|按|\\bper\\b|\\beach\\b|\\bby\\b");
    private static final Pattern LATEST = Pattern.compile("最新|最近一次|最晚|最后一次|\\blatest\\b|\\bmost recent\\b|\\blast\\b");
    private static final Pattern EARLIEST = Pattern.compile("最早|第一次|首次|\\bearliest\\b|\\bfirst\\b");

    static {
        AGGREGATIONS.put(Pattern.compile("去重|\\bdistinct\\b|\\bunique\\b"), "COUNT_DISTINCT");
        AGGREGATIONS.put(Pattern.compile("平均|日均|月均|均值|人均|\\bavg\\b|\\baverage\\b|\\bmean\\b"), "AVERAGE");
        AGGREGATIONS.put(Pattern.compile("最大值|最高值|峰值|最高单日|\\bmax\\b|\\bmaximum\\b|\\bpeak\\b"), "MAX");
        AGGREGATIONS.put(Pattern.compile("最小值|最低值|\\bmin\\b|\\bminimum\\b"), "MIN");
        AGGREGATIONS.put(Pattern.compile("总和|合计|总计|累计|汇总|总|求和|\\bsum\\b|\\btotal\\b"), "SUM");
        AGGREGATIONS.put(Pattern.compile("方差|\\bvariance\\b"), "VARIANCE");
        AGGREGATIONS.put(Pattern.compile("标准差|\\bstd\\b|\\bstandard deviation\\b"), "STD_DEVIATION");
    }

    private TermRoles() {
    }

    /**
     * Whether a term only names the column of the last term that was not itself such a restatement ({@code named})
     * again: "ID" right after it (数据来源类别ID), or the column's own name after it ("数据来源类别ID（source_type）",
     * the brackets already spaces).
     */
    private static boolean restates(String rest, List<Lexicon.Hit> hits, int named, int h,
            List<Reading.Column> columns) {
        if (named < 0 || columns.isEmpty()) {
            return false;
        }
        Lexicon.Hit previous = hits.get(named);
        Lexicon.Hit hit = hits.get(h);
        List<Reading.Column> previousColumns = columnsOf(previous);
        if (previousColumns.isEmpty() || previous.entries().stream().anyMatch(Lexicon.Entry::isValue)) {
            return false;
        }
        String term = rest.substring(hit.start(), hit.end());
        String between = rest.substring(hits.get(h - 1).end(), hit.start());
        return term.equalsIgnoreCase("id") && between.isEmpty()
                || between.isBlank() && !between.isEmpty() && previousColumns.stream().filter(columns::contains)
                        .findFirst().map(c -> term.equalsIgnoreCase(c.column())).orElse(false);
    }

    /**
     * The table whose name, right before one of its own columns, only says whose column it is ("product categories",
     * "customer segments"), else null; its words then count as words before the column's.
     */
    private static String owner(String rest, Lexicon.Hit thing, Lexicon.Hit next) {
        String table = thingOwning(rest, thing, next, "\\s+");
        return table != null && thing.entries().stream().allMatch(x -> !x.isValue()
                && (x.column() == null || x.column().table().equals(table))) ? table : null;
    }

    /** The table of a thing followed by "whose" and one of its own columns ("journals whose names"), else null. */
    private static String whose(String rest, Lexicon.Hit thing, Lexicon.Hit column) {
        return thingOwning(rest, thing, column, "\\s+whose\\s+");
    }

    /** The table a thing names when the words {@code between} it and a column of that table follow it, else null. */
    private static String thingOwning(String rest, Lexicon.Hit thing, Lexicon.Hit column, String between) {
        String table = thing.entries().stream().filter(Lexicon.Entry::isEntity).map(Lexicon.Entry::table).findFirst()
                .orElse(null);
        return table != null && rest.substring(thing.end(), column.start()).matches(between)
                && column.entries().stream().noneMatch(x -> x.isEntity() || x.isValue())
                && columnsOf(column).stream().anyMatch(c -> c.table().equals(table)) ? table : null;
    }

    /** Between a thing and a value of its name: "(the program) Mathematics", "(journal) named 'Science'". */
    private static final Pattern NAMED_AS = Pattern.compile("\\s*(?:(?:is\\s+)?(?:named|called|titled)\\s+)?");
    /** Right after a column: it has a value, or has none ("update_ts非空", "email is not null"). */
    private static final Pattern PRESENCE = Pattern.compile("^\\s*(?:的值)?\\s*(?:(不为空|非空|不是空的?|有值|is not null|"
            + "is not empty|is present|is set)|(为空|是空的?|没有值|is null|is empty|is missing))");
    /** Right after a column (or its first condition): compared with another column ("不同于create_ts"). */
    private static final Pattern VERSUS_COLUMN = Pattern.compile("^\\s*(?:(?:且|并且|and)\\s*)?(?:(?:is|are|was|were)\\s+)?"
            + "(不同于|不等于|different from|not equal to|differs from|等于|the same as|equal to)"
            + "\\s*(?:(?:his|her|their|its|his or her)\\s+|the\\s+)?$");

    /**
     * Conditions on a column that take no number: that it has a value or none (IS [NOT] NULL), and that it differs
     * from (or equals) another column of its table named right after. Parts are added for them; the number of further
     * hits they used is returned, or -1 when the column has no such condition.
     */
    private static int presenceAndColumnConditions(String rest, List<Lexicon.Hit> hits, int h,
            List<Reading.Column> columns, List<Part> parts, List<String> understood) {
        Lexicon.Hit hit = hits.get(h);
        String after = rest.substring(hit.end());
        Matcher presence = PRESENCE.matcher(after);
        int at = 0;
        List<Part> found = new ArrayList<>();
        if (presence.find()) {
            Part p = new Part(Role.COMPARISON, hit, columns);
            p.op = presence.group(1) != null ? "IS NOT NULL" : "IS NULL";
            p.values = List.of();
            found.add(p);
            at = presence.end();
        }
        int taken = 0;
        if (h + 1 < hits.size()) {
            Lexicon.Hit next = hits.get(h + 1);
            int gap = next.start() - hit.end();
            Matcher versus = gap >= at ? VERSUS_COLUMN.matcher(after.substring(at, gap)) : null;
            List<Reading.Column> others = columnsOf(next).stream()
                    .filter(o -> columns.stream().anyMatch(c -> c.table().equals(o.table()) && !c.equals(o))).toList();
            if (versus != null && versus.find() && !others.isEmpty() && !next.entry().isValue()
                    && !next.entry().isEntity()) {
                // the column of any table that has both, with the other's name (the same in each of them)
                String name = others.get(0).column();
                List<Reading.Column> own = columns.stream().filter(c -> others.stream()
                        .anyMatch(o -> o.table().equals(c.table()) && o.column().equals(name))).toList();
                Part p = new Part(Role.COMPARISON, hit, own);
                p.op = versus.group(1).matches("等于|the same as|equal to") ? "=" + Reading.Filter.COLUMN
                        : "<>" + Reading.Filter.COLUMN;
                p.values = List.of(name, others.get(0).label());
                found.replaceAll(f -> {
                    f.candidates = own;
                    return f;
                });
                found.add(p);
                understood.add(next.entry().term());
                taken = 1;
            }
        }
        if (found.isEmpty()) {
            return -1;
        }
        understood.add(hit.entry().term());
        parts.addAll(found);
        return taken;
    }

    /** A comparison of a column with the number a matcher found: its groups are the op, the number and its unit. */
    private static Part compared(Lexicon.Hit hit, List<Reading.Column> columns, Matcher m, boolean singleRow) {
        Part p = new Part(Role.COMPARISON, hit, columns);
        p.op = op(m.group(1));
        p.values = List.of(scaled(m.group(2), m.group(3)));
        p.singleRow = singleRow;
        return p;
    }

    /** The key of the table a thing names, if the term names one and it has a key. */
    private static java.util.Optional<Reading.Column> thingKey(Lexicon.Hit hit, SemanticModel model) {
        return hit.entries().stream().filter(Lexicon.Entry::isEntity).findFirst()
                .flatMap(x -> model.table(x.table())).flatMap(t -> Lexicon.key(model, t));
    }

    private static List<Reading.Column> columnsOf(Lexicon.Hit hit) {
        return hit.entries().stream().map(Lexicon.Entry::column).filter(Objects::nonNull).distinct().toList();
    }

    /** What each term is in this question (its role), from the words around it. */
    static List<Part> classify(String rest, List<Lexicon.Hit> hits, List<String> understood,
            boolean english, SemanticModel model) {
        List<Part> parts = new ArrayList<>();
        int named = -1;   // the last hit that names a column afresh
        int previousEnd = 0;
        String owner = null;   // the table a thing named just before the term says the term's column is of
        for (int h = 0; h < hits.size(); h++) {
            Lexicon.Hit hit = hits.get(h);
            Lexicon.Entry e = hit.entry();
            List<Reading.Column> columns = columnsOf(hit);
            if (owner != null) {
                String of = owner;
                columns = columns.stream().filter(c -> c.table().equals(of)).toList();
            } else if (h > 0) {
                previousEnd = hits.get(h - 1).end();
                String whose = whose(rest, hits.get(h - 1), hit);
                if (whose != null) {
                    // "journals whose names …": the journals' names, the journals still a term of their own
                    columns = columns.stream().filter(c -> c.table().equals(whose)).toList();
                }
            }
            owner = english && h + 1 < hits.size() ? owner(rest, hit, hits.get(h + 1)) : null;
            if (owner != null) {
                // "product categories", "stadium names": whose column it is, not a term of its own
                understood.add(e.term());
                continue;
            }
            // English words are longer: "how many different store " is 25 characters
            String before = rest.substring(Math.max(previousEnd, hit.start() - (english ? 32 : 8)), hit.start());
            int nextStart = h + 1 < hits.size() ? hits.get(h + 1).start() : rest.length();
            String after = rest.substring(hit.end(), Math.max(hit.end(), Math.min(nextStart, hit.end() + 12)));
            String afterAll = rest.substring(hit.end(), Math.min(rest.length(), hit.end() + 40));
            if (restates(rest, hits, named, h, columns)) {
                continue;   // "数据来源类别ID（source_type）": the column named again, by its id or its name
            }
            named = h;
            if (hit.entries().stream().anyMatch(Lexicon.Entry::isEntity)
                    && (countCompared(parts, hit, COUNT_COMPARED.matcher(before))
                            || countCompared(parts, hit, COUNT_COMPARED_AFTER.matcher(after)))) {
                understood.add(e.term());
                continue;   // "makers with more than 3 models", "有超过3个服务区的公司"
            }
            if (columns.isEmpty()) {
                // a table without a name column ("how many poker players", "number of orders") can only be counted
                String mostOf = mostOf(before, after);
                if (asksCount(before, after, rest.substring(hit.end())) || mostOf != null) {
                    understood.add(e.term());
                    count(parts, hit, columns, after, english).extreme = mostOf;
                } else if (EACH.matcher(before).find()) {
                    // "keyphrases associated with each paper": a thing without a name, one group per key
                    thingKey(hit, model).ifPresent(key -> {
                        understood.add(e.term());
                        Part p = new Part(Role.DIMENSION, hit, List.of(key));
                        p.grouping = true;
                        p.eachKey = true;
                        parts.add(p);
                    });
                }
                continue;
            }
            if (!e.isValue() && !e.isEntity()) {
                int taken = presenceAndColumnConditions(rest, hits, h, columns, parts, understood);
                if (taken >= 0) {
                    h += taken;
                    continue;   // "update_ts非空且不同于create_ts", "permanent address is different from current address"
                }
            }
            if (e.isValue()) {
                understood.add(e.value());
                Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
                if (english && last != null && last.role == Role.DIMENSION && h > 0 && last.hit == hits.get(h - 1)
                        && NAMED_AS.matcher(rest.substring(last.hit.end(), hit.start())).matches()) {
                    // "the program Mathematics", "the journal named Science": that thing's value, not a group of it
                    List<Reading.Column> thingNames = columns.stream().filter(last.candidates::contains).toList();
                    if (!thingNames.isEmpty()) {
                        columns = thingNames;
                        parts.remove(last);
                    }
                }
                Part p = new Part(Role.FILTER, hit, columns);
                p.values = List.of(hit.entries().get(0).value());
                // "国籍不是USA", "nationality is not 'USA'", "非开放": every other value
                p.op = NEGATED.matcher(before).find() ? "NOT IN" : BOTH.matcher(before).find() ? "ALL" : "IN";
                if (last != null && parts.contains(last) && last.role == Role.FILTER && last.column().equals(p.column())
                        && LISTED.matcher(rest.substring(last.hit.end(), hit.start())).matches()) {
                    p.op = last.op;   // "not Berlin or Paris"
                }
                parts.add(p);
                continue;
            }
            Reading.Column c = columns.get(0);
            Matcher code = e.isEntity() || isNumeric(c) ? null : CODE_VALUE.matcher(afterAll);
            if (code != null && code.lookingAt()) {
                // "编码为H0501的服务区": a code the samples do not hold, compared as written
                understood.add(c.label());
                Part p = new Part(Role.FILTER, hit, columns);
                p.values = List.of(code.group(1));
                p.op = "IN";
                p.asWritten = true;
                parts.add(p);
                continue;
            }
            understood.add(e.isEntity() ? e.term() : c.label());
            // "ids", "customer id": an identifier is listed or counted, never summed
            if (isNumeric(c) && !e.isEntity() && !IDENTIFIER.matcher(e.term()).find()) {
                Matcher average = VERSUS_AVERAGE.matcher(rest.substring(hit.end(), Math.min(rest.length(), hit.end() + 40)));
                Matcher averageBefore = AVERAGE_BEFORE.matcher(before);
                String versus = average.lookingAt() ? average.group(1) : english && averageBefore.find()
                        ? averageBefore.group(1) : null;
                if (versus != null && !Set.of("is", "为", "=", "等于").contains(versus)) {
                    // "population that is above the average population": row values against the column's average
                    Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
                    if (last != null && last.role == Role.COMPARISON && last.op.endsWith(Reading.Filter.AVERAGE)
                            && last.candidates.equals(columns)) {
                        continue;   // the column named again after "the average"
                    }
                    Part p = new Part(Role.COMPARISON, hit, columns);
                    p.op = op(versus) + Reading.Filter.AVERAGE;
                    p.values = List.of();
                    p.singleRow = SINGLE_ROW.matcher(before).find();
                    parts.add(p);
                    continue;
                }
                Matcher cmp = COMPARE.matcher(afterAll);
                Matcher between = BETWEEN.matcher(afterAll);
                Matcher aggregated = AGGREGATED_COMPARE.matcher(afterAll);
                boolean termFirst = cmp.lookingAt();   // "金额大于1000"
                Matcher numberFirst = NUMBER_FIRST.matcher(before);
                Matcher opFirst = OP_FIRST.matcher(before);
                Matcher numberAfter = NUMBER_AFTER.matcher(afterAll);
                boolean valueBefore = english && !termFirst && numberFirst.find()
                        && !"is".equals(numberFirst.group(1));
                boolean valueAfter = english && !termFirst && !valueBefore && opFirst.find()
                        && !opFirst.group(1).equals("is") && numberAfter.lookingAt();
                if (valueBefore || valueAfter) {
                    // "more than 4 cylinders", "below age 30"
                    Part p = new Part(Role.COMPARISON, hit, columns);
                    p.op = !valueBefore ? op(opFirst.group(1)) : numberFirst.group(2) != null ? "=" : op(numberFirst.group(1));
                    p.values = List.of(valueBefore ? numberFirst.group(3) : numberAfter.group(1));
                    parts.add(p);
                    continue;
                }
                if (!termFirst && aggregated.lookingAt()) {
                    // "订单总数合计>5000": a condition on the aggregate, which is also shown
                    Part m = new Part(Role.MEASURE, hit, columns);
                    m.aggregation = aggregationNear(aggregated.group(1), "");
                    parts.add(m);
                    Part p = new Part(Role.COMPARISON, hit, columns);
                    p.op = op(aggregated.group(2));
                    p.values = List.of(scaled(aggregated.group(3), aggregated.group(4)));
                    parts.add(p);
                    continue;
                }
                Matcher aggregatedBefore = english ? null : AGGREGATED_BEFORE.matcher(before);
                if (termFirst && aggregatedBefore != null && aggregatedBefore.find() && !SINGLE_ROW.matcher(before).find()) {
                    // "日均营收超过1万的服务区": a condition on each group's average
                    Part m = new Part(Role.MEASURE, hit, columns);
                    m.aggregation = "AVERAGE";
                    parts.add(m);
                }
                if (termFirst) {
                    boolean singleRow = SINGLE_ROW.matcher(before).find();
                    Part p = compared(hit, columns, cmp, singleRow);
                    Matcher or = OR_VALUE.matcher(afterAll.substring(cmp.end()));
                    if (p.op.equals("=") && or.find()) {
                        p.op = "IN";   // "whose age is either 32 or 33"
                        p.values = List.of(p.values.get(0), or.group(1));
                    }
                    parts.add(p);
                    Matcher also = AND_COMPARE.matcher(afterAll.substring(cmp.end()));
                    if (also.lookingAt()) {
                        parts.add(compared(hit, columns, also, singleRow));   // "订单总数大于100且小于200"
                    }
                    continue;
                }
                if (between.lookingAt() && (between.group(0).contains("到") || between.group(0).contains("之间")
                        || between.group(0).contains("between") || between.group(0).contains("至"))) {
                    Part p = new Part(Role.COMPARISON, hit, columns);
                    p.op = "BETWEEN";
                    p.values = List.of(between.group(1), between.group(2));
                    p.singleRow = SINGLE_ROW.matcher(before).find();
                    parts.add(p);
                    continue;
                }
                Part p = new Part(Role.MEASURE, hit, columns);
                Matcher also = ALSO_AGGREGATED.matcher(afterAll);
                p.aggregation = aggregationNear(before, also.lookingAt() ? afterAll.substring(0, also.start(1)) : after);
                // "…，按金额降序": the order of a measure already named
                p.orderedBy = before.matches(".*(按照?|by)\\s*$") && ORDER_AFTER.matcher(after).lookingAt();
                if (p.aggregation == null && rest.substring(hit.start(), hit.end()).contains("总")
                        && !c.label().contains("总")) {
                    // "微信支付总额": a total named in the term itself
                    p.aggregation = "SUM";
                }
                Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
                if (p.aggregation == null && last != null && last.role == Role.MEASURE && last.aggregation != null
                        && !"NONE".equals(last.aggregation)
                        && LISTED.matcher(rest.substring(last.hit.end(), hit.start())).matches()) {
                    p.aggregation = last.aggregation;   // "average amount and quantity", "平均金额和数量"
                }
                if (p.aggregation == null && !english && NUMBER_GROUPED.matcher(before).find() && !p.orderedBy
                        && !ORDER_AFTER.matcher(after).lookingAt()) {
                    // "不同数据来源类别的记录数", "按年龄统计人数": a number that groups ("by amount" ranks)
                    Part d = new Part(Role.DIMENSION, hit, columns);
                    d.grouping = true;
                    parts.add(d);
                    continue;
                }
                if (p.aggregation == null) {
                    p.aggregation = "NONE";
                }
                // "the average, minimum and maximum age", "最高、最低和平均车流量": one measure per aggregation listed
                Matcher list = AGGREGATION_LIST.matcher(rest.substring(Math.max(0, hit.start() - 48), hit.start()));
                List<String> listed = list.find() ? aggregationsListed(list.group()) : List.of();
                String near = before.substring(Math.max(0, before.length() - (english ? 16 : 4))) + " " + after;
                if (!listed.isEmpty()) {
                    int from = hit.start() - list.group().length();
                    parts.removeIf(q -> q.hit.start() >= from);   // "average" is also a column's name
                    p.aggregation = listed.get(0);
                } else if (HIGHEST.matcher(near).find() && !"MAX".equals(p.aggregation)) {
                    p.extreme = "MAX";
                } else if (LOWEST.matcher(near).find() && !"MIN".equals(p.aggregation)) {
                    p.extreme = "MIN";
                }
                parts.add(p);
                for (String aggregation : listed.subList(Math.min(1, listed.size()), listed.size())) {
                    Part next = new Part(Role.MEASURE, hit, columns);
                    next.aggregation = aggregation;
                    parts.add(next);
                }
                if (also.lookingAt()) {
                    // "车流总量及日均值": the same column, aggregated a second way
                    Part second = new Part(Role.MEASURE, hit, columns);
                    second.aggregation = aggregationNear(also.group(2), "");
                    parts.add(second);
                }
                continue;
            }
            if (c.dataType().equals("date") || c.dataType().equals("timestamp")) {
                Part p;
                // "最近一次更新时间"; "各公司的最后更新时间" (the word in the column's own name, asked per group)
                if (LATEST.matcher(before).find() || rest.startsWith("最后", hit.start()) && ANY_GROUPING.matcher(rest).find()) {
                    p = new Part(Role.MEASURE, hit, columns);
                    p.aggregation = "MAX";
                } else if (EARLIEST.matcher(before).find()) {
                    p = new Part(Role.MEASURE, hit, columns);
                    p.aggregation = "MIN";
                } else if (GROUP.matcher(before).find() || before.endsWith("的")
                        || after.matches("^\\s*(和|及|与|、|以及|and).*")) {
                    // "超过1000的日期和对应车流量": the days are listed
                    p = new Part(Role.DIMENSION, hit, columns);
                    p.aggregation = "day";
                } else {
                    p = new Part(Role.TIME, hit, columns);
                }
                parts.add(p);
                continue;
            }
            String pattern = c.dataType().equals("string") ? likePattern(rest.substring(hit.end(),
                    Math.min(rest.length(), hit.end() + 40))) : null;
            if (pattern != null) {
                // "名称包含'宜春'", "names start with the letter J": a text match on the column
                Part p = new Part(Role.FILTER, hit, columns);
                p.op = "LIKE";
                p.values = List.of(pattern);
                parts.add(p);
                continue;
            }
            Matcher distinctBefore = DISTINCT_NEAR_BEFORE.matcher(before);
            if ((distinctBefore.find() && (COUNT_AFTER.matcher(after).find()
                    || COUNT_BEFORE.matcher(before.substring(0, distinctBefore.start())).find()))
                    || DISTINCT_COUNT_AFTER.matcher(after).find()) {
                // "去重的服务区名称数量", "车辆类别去重计数", "number of distinct city", "how many different store
                // locations": distinct values counted
                Part p = new Part(Role.MEASURE, hit, columns);
                p.aggregation = "COUNT_DISTINCT";
                parts.add(p);
                continue;
            }
            String mostOf = hit.entries().stream().anyMatch(Lexicon.Entry::isEntity) ? mostOf(before, after) : null;
            if (asksCount(before, after, rest.substring(hit.end())) || mostOf != null) {
                count(parts, hit, columns, after, english).extreme = mostOf;   // "the breed with the most dogs"
                continue;
            }
            Part p = new Part(Role.DIMENSION, hit, columns);
            boolean grouped = GROUP.matcher(before).find();
            p.grouping = grouped;
            // "旗下服务区", "单个服务区", "开放服务区": the scope of what is measured, not a grouping
            // "服务区业务数据记录数量": the records are the thing's, counted, not grouped by it
            p.recordsOf = !grouped && RECORDS_OF.matcher(afterAll).lookingAt();
            p.singleRow = !grouped && (SCOPE.matcher(before).find() || p.recordsOf
                    || (h > 0 && hits.get(h - 1).entry().isValue()
                    && rest.substring(hits.get(h - 1).end(), hit.start()).matches("\\s*(状态|状态的|的)?\\s*"))
                    || ownedByGroup(parts, e, rest, hit, h + 1 < hits.size() ? hits.get(h + 1) : null));
            parts.add(p);
        }
        nameLike(rest, hits, parts);
        return parts;
    }

    /**
     * "名称以南昌开头的服务区", "customers whose name starts with 'J'": a text match on the name column of the thing
     * named nearest to the word 名称 / name.
     */
    private static void nameLike(String rest, List<Lexicon.Hit> hits, List<Part> parts) {
        Matcher name = NAME_WORD.matcher(rest);
        while (name.find()) {
            int at = name.start();
            if (hits.stream().anyMatch(h -> h.start() <= at && at < h.end())) {
                continue;   // part of a column's name, read with it
            }
            String pattern = likePattern(rest.substring(name.end(), Math.min(rest.length(), name.end() + 40)));
            Part thing = parts.stream().filter(p -> p.role == Role.DIMENSION && p.hit.entries().stream()
                            .anyMatch(Lexicon.Entry::isEntity))
                    .min(java.util.Comparator.comparingInt(p -> Math.abs(p.hit.start() - at))).orElse(null);
            if (pattern != null && thing != null) {
                Part p = new Part(Role.FILTER, thing.hit, thing.candidates);
                p.op = "LIKE";
                p.values = List.of(pattern);
                parts.add(parts.indexOf(thing) + 1, p);
            }
        }
    }

    /**
     * "各数据来源系统类型的服务区总支付金额": the things named between a grouping and its measure ("X的Y金额") only say
     * whose the measure is; the grouping stays X.
     */
    private static boolean ownedByGroup(List<Part> parts, Lexicon.Entry entry, String rest, Lexicon.Hit hit,
            Lexicon.Hit next) {
        Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        return hit.entries().stream().anyMatch(Lexicon.Entry::isEntity) && last != null && last.role == Role.DIMENSION && next != null
                && (last.grouping || rest.substring(Math.max(0, last.hit.start() - 4), last.hit.start()).matches(".*(各|按|每|不同).*"))
                && rest.substring(last.hit.end(), hit.start()).matches("\\s*(类型|类别)?的(有效|全部|所有|现有)?\\s*")
                && rest.substring(hit.end(), next.start()).matches("\\s*(总|的)?\\s*") && !next.entry().isValue();
    }

    /**
     * "more than 3 (car models)", "at least two (paragraphs)", "超过3个(服务区)", "(营业数据)超过1000条": a condition on how
     * many rows of the thing each group has (HAVING COUNT), which is not itself shown.
     */
    private static boolean countCompared(List<Part> parts, Lexicon.Hit hit, Matcher m) {
        if (!m.find()) {
            return false;
        }
        String table = hit.entries().stream().filter(Lexicon.Entry::isEntity).findFirst().orElseThrow().table();
        String label = hit.entry().term() + (hit.entry().term().matches("[a-z ]+") ? " count" : "数量");
        Part p = new Part(Role.COMPARISON, hit, List.of(new Reading.Column(table, "*", label, "bigint")));
        p.op = op(m.group(1));
        p.values = List.of(String.valueOf(NUMBER_WORDS.getOrDefault(m.group(2), -1) >= 0
                ? NUMBER_WORDS.get(m.group(2)) : Integer.parseInt(m.group(2))));
        parts.add(p);
        return true;
    }

    /** The LIKE pattern right after a text column ("以南开头", "containing 'psoriasis'"), or null. */
    static String likePattern(String after) {
        Matcher m = STARTS_WITH.matcher(after);
        if (m.lookingAt()) {
            return text(m) + "%";
        }
        m = ENDS_WITH.matcher(after);
        if (m.lookingAt()) {
            return "%" + text(m);
        }
        m = CONTAINS.matcher(after);
        return m.lookingAt() ? "%" + text(m) + "%" : null;
    }

    private static String text(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g).strip().replace("%", "");
            }
        }
        return "";
    }

    /** "服务区数量", "多少个服务区": count the rows of the table the thing is named by (and a condition on the count). */
    private static Part count(List<Part> parts, Lexicon.Hit hit, List<Reading.Column> columns, String after,
            boolean english) {
        List<Reading.Column> counted = new ArrayList<>();
        String label = english ? hit.entry().term() + " count" : hit.entry().term() + "数量";
        hit.entries().stream().filter(Lexicon.Entry::isEntity)
                .forEach(x -> counted.add(new Reading.Column(x.table(), "*", label, "bigint")));
        columns.forEach(x -> counted.add(new Reading.Column(x.table(), "*", label, "bigint")));
        List<Reading.Column> countedColumns = counted.stream().distinct().toList();
        Part counting = new Part(Role.COUNT, hit, countedColumns);
        parts.add(counting);
        Matcher count = COUNT_AFTER.matcher(after);
        Matcher cmp = COMPARE.matcher(count.find() ? after.substring(count.end()) : "");
        if (cmp.lookingAt() && !cmp.group(1).equals("为") && !cmp.group(1).equals("is")) {
            // "服务区数量大于5": a condition on the count
            Part p = new Part(Role.COMPARISON, hit, countedColumns);
            p.op = op(cmp.group(1));
            p.values = List.of(scaled(cmp.group(2), cmp.group(3)));
            parts.add(p);
        }
        return counting;
    }

    /** "服务区数量", "多少个服务区", "number of orders". */
    private static boolean asksCount(String before, String after, String tail) {
        return COUNT_AFTER.matcher(after).find() || COUNT_BEFORE.matcher(before).find()
                || COUNT_AT_END.matcher(tail).find();
    }

    /** "(with) the most dogs", "(has the) fewest students", "档口最多(的服务区)": things counted and ranked. */
    private static String mostOf(String before, String after) {
        Matcher english = MOST_OF_BEFORE.matcher(before);
        Matcher chinese = MOST_OF_AFTER.matcher(after);
        String word = english.find() ? english.group(1) : chinese.lookingAt() ? chinese.group(1) : null;
        return word == null ? null : word.equals("most") || word.equals("最多") ? "MAX" : "MIN";
    }

    /** The aggregations of a list in the order named: "average, minimum, and maximum" → AVERAGE, MIN, MAX. */
    private static List<String> aggregationsListed(String list) {
        List<String> aggregations = new ArrayList<>();
        Matcher word = AGGREGATION_WORD.matcher(list);
        while (word.find()) {
            String w = word.group();
            aggregations.add(w.matches("average|mean|avg|平均值?") ? "AVERAGE"
                    : w.matches("maximum|max|highest|largest|最大值?|最高值?") ? "MAX"
                    : w.matches("minimum|min|lowest|smallest|最小值?|最低值?") ? "MIN" : "SUM");
        }
        return aggregations.stream().distinct().count() == aggregations.size() ? aggregations : List.of();
    }

    private static String aggregationNear(String before, String after) {
        String shortAfter = after.length() > 4 ? after.substring(0, 4) : after;
        for (Map.Entry<Pattern, String> e : AGGREGATIONS.entrySet()) {
            if (e.getKey().matcher(before).find() || e.getKey().matcher(shortAfter).find()) {
                return e.getValue();
            }
        }
        return null;
    }

    static boolean isNumeric(Reading.Column c) {
        return c.dataType().equals("int") || c.dataType().equals("bigint") || c.dataType().equals("double");
    }

    static String op(String word) {
        if (NOT_ABOVE.matcher(word).matches()) {
            return "<=";   // "not higher than 4"
        }
        if (NOT_BELOW.matcher(word).matches()) {
            return ">=";
        }
        return switch (word) {
            case "不低于", "不少于", "至少", "大于等于", ">=", "at least" -> ">=";
            case "不超过", "不高于", "至多", "小于等于", "<=", "at most" -> "<=";
            case "小于", "低于", "少于", "不足", "less than", "fewer than", "lower than", "smaller than", "younger than",
                    "shorter than", "lighter than", "under", "below", "<" -> "<";
            case "等于", "=", "is", "为" -> "=";
            default -> ">";
        };
    }

    /** "5万" is 50000, "3千" 3000. */
    private static String scaled(String number, String unit) {
        if (unit == null || unit.equals("%")) {
            return number;
        }
        java.math.BigDecimal n = new java.math.BigDecimal(number)
                .multiply(java.math.BigDecimal.valueOf(unit.equals("万") ? 10_000 : 1_000));
        return n.stripTrailingZeros().toPlainString();
    }
}
