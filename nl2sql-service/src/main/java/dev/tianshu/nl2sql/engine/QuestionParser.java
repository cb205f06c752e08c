package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The engine that needs no LLM: reads a Chinese or English analytical question against the semantic model, in the
 * spirit of DataFocus's keyword search.
 * <ol>
 * <li>Terms are found by the {@link Lexicon}: columns by display name, name and synonyms, values by samples and
 * name suffixes, tables by display name.</li>
 * <li>Each term becomes a part of the {@link Reading}: a numeric column a measure (its aggregation from the words
 * around it: 总/平均/日均/最大/…) or, followed by a comparison, a condition; a value a filter; a text column a
 * dimension, or the thing counted ("服务区数量"); a date column the time column, or a period ("每月").</li>
 * <li>The fact table is the first measure's (else the counted table, else the table most terms belong to); a term
 * naming columns of several tables is the column nearest the fact table along the model's relations.</li>
 * <li>Ranking words (最高/最多/前N/top N/升序) order and limit the result; "X占Y比例" is a share; a condition on a
 * grouped measure is on its aggregate.</li>
 * <li>A question that names no measure continues the previous reading: it swaps the time range ("今年呢?"), the
 * grouping ("按公司呢"), adds a filter ("只看宜春服务区") or a limit ("前5个").</li>
 * </ol>
 */
public final class QuestionParser {

    /**
     * The outcome: a reading (then SQL can be written), or what was understood when nothing could be grounded;
     * {@code followUp} when the reading continues the previous one ("今年呢?", "按公司呢").
     */
    public record Parse(Optional<Reading> reading, String question, List<String> understood, boolean followUp) {

        Parse(Optional<Reading> reading, String question, List<String> understood) {
            this(reading, question, understood, false);
        }
    }

    private static final Map<Pattern, String> AGGREGATIONS = new LinkedHashMap<>();
    private static final Pattern GROUP = Pattern.compile("(按照?|每个?|各个?|各|分|不同的?|\\bby|\\bper|\\bfor each|\\beach)\\s*$");
    private static final String N = "(\\d{1,4}|[一二两三四五六七八九十])";
    private static final Pattern TOP = Pattern.compile("(?:前|top\\s*|排名前|最[高多大]的?\\s*)" + N
            + "\\s*(?:个|名|条|家|位|种|天)?|" + N + "\\s*(?:个|名|家)?\\s*(?:最[高多大])|\\b(?:top|first|highest|largest)\\s+(\\d{1,4})");
    private static final Pattern BOTTOM = Pattern.compile("(?:后|bottom\\s*|最[低少小]的?\\s*)" + N
            + "\\s*(?:个|名|条|家|位|种|天)?|\\b(?:bottom|lowest|smallest)\\s+(\\d{1,4})");
    private static final String OPS = "(不低于|不少于|至少|大于等于|>=|不超过|不高于|至多|小于等于|<=|大于|超过|高于|多于|"
            + "more than|greater than|at least|at most|over|above|>|小于|低于|少于|less than|fewer than|under|below|<|"
            + "等于|=|is|为)";
    private static final Pattern COMPARE = Pattern.compile("(?:的)?\\s*" + OPS + "\\s*(-?\\d+(?:\\.\\d+)?)\\s*(万|千|%)?");
    private static final Pattern AGGREGATED_COMPARE = Pattern.compile("(?:的)?\\s*(合计|总和|总计|总额|总量|平均值|均值|平均)\\s*"
            + OPS + "\\s*(-?\\d+(?:\\.\\d+)?)\\s*(万|千|%)?");
    /** English conditions before the term: "more than 4 (cylinders)", "below (age 30)". */
    private static final Pattern NUMBER_FIRST = Pattern.compile(OPS + "\\s*(-?\\d+(?:\\.\\d+)?)\\s*$");
    private static final Pattern OP_FIRST = Pattern.compile(OPS + "\\s*(?:the\\s+)?$");
    private static final Pattern NUMBER_AFTER = Pattern.compile("\\s*(?:of\\s+|is\\s+)?(-?\\d+(?:\\.\\d+)?)\\b");
    private static final Pattern BETWEEN = Pattern.compile(
            "\\s*(?:在|介于|(?:is\\s+)?between)?\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:到|至|~|-|and|和|与)\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:之间)?");
    private static final Pattern DESC = Pattern.compile("降序|从高到低|从大到小|由高到低|排名|排行|\\bdesc\\b|\\bdescending\\b");
    private static final Pattern ASC = Pattern.compile("升序|从低到高|从小到大|由低到高|\\basc\\b|\\bascending\\b");
    private static final Pattern HIGHEST = Pattern.compile("最高|最多|最大|最好|\\bhighest\\b|\\bmost\\b|\\blargest\\b|\\bbiggest\\b|\\btop\\b");
    private static final Pattern LOWEST = Pattern.compile("最低|最少|最小|最差|\\blowest\\b|\\bleast\\b|\\bfewest\\b|\\bsmallest\\b|\\bbottom\\b");
    /** Words that make a ranking plural ("各服务区…排名") rather than "the one with the most". */
    private static final Pattern PLURAL = Pattern.compile("各|每|哪些|排名|排行|分别|列表|清单|分布|趋势|所有|\\bwhich\\b.*\\bs\\b|\\beach\\b|\\bper\\b|\\bby\\b");
    private static final Pattern CHANGES_DATA = Pattern.compile("删除|删掉|清空|清除|插入|新建表|建表|删表|^(修改|更新)|"
            + "\\b(drop|delete|truncate|insert|alter|create|grant|revoke|merge)\\b|\\bupdate\\b.*\\bset\\b");
    private static final Pattern DISTINCT_BEFORE = Pattern.compile("(去重的?|不同的?|\\bdistinct|\\bunique|\\bdifferent)\\s*$");
    private static final Pattern DISTINCT_COUNT_AFTER = Pattern.compile("^\\s*(的)?\\s*去重(计数|数量|个数|后的数量)");
    private static final Pattern ORDER_AFTER = Pattern.compile("\\s*(降序|升序|排序|排列|排名|从高到低|从低到高|由高到低|"
            + "由低到高|desc|asc|order)");
    private static final Pattern SCOPE = Pattern.compile("(旗下|下属|管理的|管辖的|单个|任何|所有|全部|其)\\s*$");
    private static final Pattern COMPARING = Pattern.compile("对比|比较|分别|各自|相比|\\bcompare\\b|\\bversus\\b|\\bvs\\b");
    /** "…总量及日均值": a second aggregation of the measure just named. */
    private static final Pattern ALSO_AGGREGATED = Pattern.compile("^\\s*(?:的)?(?:总量|总数|总和|合计|总计|总额)?\\s*"
            + "((?:及|和|与|、|以及)\\s*(?:其)?(日均值|日均|平均值|均值|平均数|最大值|最高值|峰值|最小值|最低值|总量|总和|合计))");
    /** After a comparison, the group it qualifies: "超过100万的(服务区)", "超过1000的日期(和…)". */
    private static final Pattern QUALIFIES_GROUP = Pattern.compile("[^，,;；]*的\\s*|[^，,;；]*的日期.*");
    /** Before a comparison, the group it qualifies: "city (with total amount above 10000)". */
    private static final Pattern QUALIFIED_GROUP = Pattern.compile("\\s*(with|whose|having)\\b[^,;]*");
    private static final Pattern MOST_COMMON = Pattern.compile("最常见|最普遍|\\bmost (common|frequent|popular)\\b");
    /** Between two values of one list. */
    private static final Pattern LISTED = Pattern.compile("\\s*(,|、|和|或|与|及|\\bor\\b|\\band\\b|/)?\\s*");
    /** A value named after a negation: every other value. */
    private static final Pattern NEGATED = Pattern.compile("(不是|不为|不等于|非|除了|除去|除|不含|不包括|排除|\\bnot\\b|"
            + "\\bisn't\\b|\\baren't\\b|!=|<>|\\bexcept\\b|\\bother than\\b)(?:\\s+(?:in|from|at|equal to|located in)\\b)?"
            + "\\s*(?:the\\s+)?['‘’]?\\s*$");
    /** Words asking for the records themselves rather than totals. */
    private static final Pattern RECORDS = Pattern.compile("明细|逐条|每条|详细记录|原始记录|\\bdetails?\\b|\\brecords\\b");
    private static final Pattern SINGLE_ROW = Pattern.compile("单日|单笔|当日|单个|单天|每天|每日|单条|单次");
    private static final Pattern COUNT_AFTER = Pattern.compile("^(?:的)?\\s*(?:数量|个数|总数|数目|家数|条数|记录数|数|counts?\\b)");
    private static final Pattern COUNT_BEFORE = Pattern.compile(
            "(?:多少个|多少家|多少条|多少|几个|几家|几条|number of|how many|count of|count)\\s*(?:the\\s+)?$");
    private static final Pattern COUNT_WORD = Pattern.compile("数量|个数|多少|几个|几家|记录数|\\bhow many\\b|\\bnumber of\\b|\\bcount\\b");
    private static final Pattern LIST = Pattern.compile("^(列出|查询|查找|找出|显示|查看|哪些|哪个|哪家|哪种|有哪些|list|show|which|what are)|哪些|清单|列表|名单");
    private static final Pattern LATEST = Pattern.compile("最新|最近一次|最晚|最后一次|\\blatest\\b|\\bmost recent\\b|\\blast\\b");
    private static final Pattern EARLIEST = Pattern.compile("最早|第一次|首次|\\bearliest\\b|\\bfirst\\b");
    /** After a share word: "超过20%", "超过总收入20%". */
    private static final Pattern SHARE_COMPARE = Pattern.compile("(?:的)?\\s*" + OPS + "\\s*(?:[^\\d\\s，,;；]{1,6}?的?)?\\s*"
            + "(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern SHARE = Pattern.compile("占比|比例|比重|百分比|比率|\\bshare\\b|\\bratio\\b|\\bpercentage\\b|\\bproportion\\b");
    private static final Map<String, Pattern> GRAINS = new LinkedHashMap<>();
    private static final Map<String, Integer> CN = Map.of("一", 1, "二", 2, "两", 2, "三", 3, "四", 4, "五", 5, "六", 6,
            "七", 7, "八", 8, "九", 9);

    static {
        AGGREGATIONS.put(Pattern.compile("去重|\\bdistinct\\b|\\bunique\\b"), "COUNT_DISTINCT");
        AGGREGATIONS.put(Pattern.compile("平均|日均|月均|均值|人均|\\bavg\\b|\\baverage\\b|\\bmean\\b"), "AVERAGE");
        AGGREGATIONS.put(Pattern.compile("最大值|最高值|峰值|最高单日|\\bmax\\b|\\bmaximum\\b|\\bpeak\\b"), "MAX");
        AGGREGATIONS.put(Pattern.compile("最小值|最低值|\\bmin\\b|\\bminimum\\b"), "MIN");
        AGGREGATIONS.put(Pattern.compile("总和|合计|总计|累计|汇总|总|求和|\\bsum\\b|\\btotal\\b"), "SUM");
        AGGREGATIONS.put(Pattern.compile("方差|\\bvariance\\b"), "VARIANCE");
        AGGREGATIONS.put(Pattern.compile("标准差|\\bstd\\b|\\bstandard deviation\\b"), "STD_DEVIATION");
        GRAINS.put("day", Pattern.compile("(?<!平均)每天|的日期(?=和|及|与|、|以及|\\s*$)|(?<!平均)每日(?!平均)|按天|按日(?!期)|逐日|各日期|每一天|按日期|各天|\\bdaily\\b|\\bper day\\b|\\bby day\\b|\\beach day\\b"));
        GRAINS.put("week", Pattern.compile("每周|按周|各周|逐周|周趋势|\\bweekly\\b|\\bper week\\b|\\bby week\\b"));
        GRAINS.put("month", Pattern.compile("每月|各月|按月|逐月|月度|每个月|各个月|月份|\\bmonthly\\b|\\bper month\\b|\\bby month\\b|\\beach month\\b"));
        GRAINS.put("year", Pattern.compile("每年|按年|各年|逐年|年度|\\byearly\\b|\\bannual\\b|\\bper year\\b|\\bby year\\b"));
    }

    private QuestionParser() {
    }

    /** A term of the question and the part of the reading it became. */
    private enum Role { MEASURE, COUNT, DIMENSION, FILTER, COMPARISON, TIME }

    private static final class Part {
        final Role role;
        final Lexicon.Hit hit;
        List<Reading.Column> candidates;
        String aggregation;
        String extreme;
        String op;
        List<String> values;
        boolean singleRow;
        boolean orderedBy;

        Part(Role role, Lexicon.Hit hit, List<Reading.Column> candidates) {
            this.role = role;
            this.hit = hit;
            this.candidates = candidates;
        }

        Reading.Column column() {
            return candidates.get(0);
        }
    }

    public static Parse parse(String input, SemanticModel model, Lexicon lexicon, LocalDate today, Reading previous) {
        boolean english = input.codePoints().noneMatch(Character::isIdeographic);
        String text = Lexicon.normalise(input).replaceAll("[?？!！。，,;；:：()（）\\[\\]【】\"“”]+", " ").strip();
        Optional<TimeExpressions.Match> time = TimeExpressions.find(text, today);
        String rest = time.map(m -> text.substring(0, m.start()) + " " + text.substring(m.end())).orElse(text);
        List<String> understood = new ArrayList<>();
        if (CHANGES_DATA.matcher(text).find()) {
            // only questions are answered: "删除所有数据", "; DROP TABLE x" are not read as queries
            understood.add(text.contains("drop") || text.contains("delete") || text.contains("update")
                    || text.contains("insert") || text.contains("truncate") || text.contains("alter")
                    ? "a request to change data (only questions about the data are answered)"
                    : "修改数据的请求（只回答关于数据的查询问题）");
            return new Parse(Optional.empty(), null, understood);
        }
        List<Lexicon.Hit> hits = lexicon.coordinated(rest, lexicon.find(rest));
        time.ifPresent(m -> understood.add(m.range().label()));

        List<Part> parts = classify(rest, hits, understood, english);
        if (english) {
            // "the citizenship of singers": a table named after its own columns only says whose they are
            List<Part> columnsNamed = parts.stream().filter(p -> p.hit.entries().stream()
                    .noneMatch(Lexicon.Entry::isEntity) && (p.role == Role.DIMENSION || p.role == Role.MEASURE)).toList();
            parts.removeIf(p -> p.role == Role.DIMENSION && p.hit.entries().stream().anyMatch(Lexicon.Entry::isEntity)
                    && columnsNamed.stream().anyMatch(c -> c.hit.end() <= p.hit.start()
                            && c.column().table().equals(p.column().table()))
                    && !GROUP.matcher(rest.substring(Math.max(0, p.hit.start() - 8), p.hit.start())).find());
        }
        Integer limit = null;
        Boolean descending = null;
        Matcher top = TOP.matcher(rest);
        Matcher bottom = BOTTOM.matcher(rest);
        if (top.find()) {
            limit = number(first(top));
            descending = true;
        } else if (bottom.find()) {
            limit = number(first(bottom));
            descending = false;
        }
        if (limit != null) {
            understood.add((descending ? "前" : "后") + limit);
        }
        String grain = null;
        for (Map.Entry<String, Pattern> g : GRAINS.entrySet()) {
            if (g.getValue().matcher(rest).find()) {
                grain = g.getKey();
                break;
            }
        }

        boolean namesMeasure = parts.stream().anyMatch(p -> p.role == Role.MEASURE || p.role == Role.COUNT);
        if (previous != null && !namesMeasure) {
            return followUp(previous, parts, time, grain, limit, descending, rest, model, understood, english);
        }
        if (parts.isEmpty() && (grain == null || time.isEmpty())) {
            return new Parse(Optional.empty(), null, understood);
        }

        String fact = factTable(parts, model);
        if (fact == null) {
            return new Parse(Optional.empty(), null, understood);
        }
        for (Part p : parts) {
            p.candidates = List.of(nearest(p.candidates, fact, model));
        }

        List<Reading.Measure> measures = new ArrayList<>();
        List<Reading.Column> dimensions = new ArrayList<>();
        Map<String, Reading.Filter> filters = new LinkedHashMap<>();
        List<Part> comparisons = new ArrayList<>();
        Reading.Column timeColumn = null;
        boolean dayListed = false;
        long namedDimensions = parts.stream().filter(p -> p.role == Role.DIMENSION && !p.singleRow).count();
        boolean scopeDropsAllowed = namedDimensions > 0
                && parts.stream().anyMatch(p -> p.role == Role.MEASURE || p.role == Role.COUNT);
        for (Part p : parts) {
            switch (p.role) {
                case MEASURE -> {
                    // a measure named again without its own aggregation ("…，按营收金额降序") is the same one
                    boolean again = measures.stream().anyMatch(m -> Objects.equals(m.column(), p.column())
                            && (m.aggregation().equals(p.aggregation) || "NONE".equals(p.aggregation)))
                            || (!measures.isEmpty() && p.orderedBy);
                    if (!again) {
                        measures.add(new Reading.Measure(p.column(), p.aggregation, null));
                    }
                }
                case COUNT -> {
                    // "覆盖的服务区数量…服务区数量大于5": one count
                    if (measures.stream().noneMatch(m -> Objects.equals(m.column(), p.column())
                            && "COUNT".equals(m.aggregation()))) {
                        measures.add(new Reading.Measure(p.column(), "COUNT", null));
                    }
                }
                case DIMENSION -> {
                    Reading.Column c = "day".equals(p.aggregation) ? p.column().withGrain("day", p.column().label())
                            : p.column();
                    if ("day".equals(p.aggregation)) {
                        dayListed = true;
                    }
                    if (!dimensions.contains(c) && !(p.singleRow && scopeDropsAllowed)) {
                        dimensions.add(c);
                    }
                }
                case FILTER -> filters.merge(key(p.column()) + p.op, new Reading.Filter(p.column(), p.op, p.values),
                        (a, b) -> new Reading.Filter(a.column(), a.op(), concat(a.values(), b.values())));
                case COMPARISON -> comparisons.add(p);
                case TIME -> timeColumn = p.column();
            }
        }
        // a column that is filtered on by value is not also a dimension, unless asked per value: "城际与过境车流对比"
        dimensions.removeIf(d -> filters.containsKey(key(d) + "IN"));
        if (COMPARING.matcher(rest).find()) {
            List<Reading.Column> compared = new ArrayList<>();
            filters.values().stream().filter(f -> f.op().equals("IN") && f.values().size() > 1).map(Reading.Filter::column)
                    .filter(c -> !dimensions.contains(c)).forEach(compared::add);
            dimensions.addAll(0, compared);
        }

        if (timeColumn == null || !timeColumn.table().equals(fact)) {
            Reading.Column preferred = timeColumn;
            timeColumn = timeColumn(model, fact).orElse(preferred);
        }
        if (grain != null && timeColumn != null) {
            boolean oneYear = time.map(m -> m.range().from().getYear() == m.range().to().minusDays(1).getYear())
                    .orElse(false);
            String label = grain.equals("day") ? timeColumn.label() : periodLabel(grain, oneYear, english);
            int at = grainAt(rest, grain);
            int index = 0;
            for (Part p : parts) {
                if (p.role == Role.DIMENSION && p.hit.start() < at && dimensions.contains(p.column())) {
                    index = Math.max(index, dimensions.indexOf(p.column()) + 1);
                }
            }
            Reading.Column period = timeColumn.withGrain(grain.equals("month") && !oneYear ? "year-month" : grain,
                    label);
            if (!dimensions.contains(period)) {
                dimensions.add(Math.min(index, dimensions.size()), period);
            }
        }

        // ratios: "X占Y(的)比例", "X占比" (of the total of its kind)
        shares(rest, parts, measures, model, english, !dimensions.isEmpty());

        boolean grouped = !dimensions.isEmpty();
        boolean plural = PLURAL.matcher(rest).find() || grain != null;
        if (dayListed && grain == null) {
            grain = "day";
        }
        // the fact rows as recorded, not totals per group: asked for (明细), or a daily table on one day ("2023年4月1日
        // 各服务区的微信支付金额") when no measure is aggregated or compared and every dimension is a column of the fact
        // ("宜春服务区每日的营收金额": one named thing's daily records, by day)
        Reading.Column factDate = timeColumn != null && timeColumn.table().equals(fact)
                && "date".equals(timeColumn.dataType()) ? timeColumn : null;
        boolean oneThingDaily = "day".equals(grain) && factDate != null && dimensions.size() == 1
                && factDate.column().equals(dimensions.get(0).column())
                && filters.values().stream().anyMatch(f -> f.op().equals("IN") && f.values().size() == 1
                        && f.column().table().equals(fact) && f.column().equals(Lexicon.nameColumn(model, fact)));
        boolean asRecorded = grouped && (grain == null || oneThingDaily) && comparisons.isEmpty()
                && !measures.isEmpty()
                && measures.stream().allMatch(m -> "NONE".equals(m.aggregation()) && m.column() != null
                        && !m.column().rows() && m.denominator() == null && m.column().table().equals(fact))
                && dimensions.stream().allMatch(d -> d.table().equals(fact) && (d.grain() == null || oneThingDaily))
                && (RECORDS.matcher(rest).find() || oneThingDaily
                        || factDate != null && time.isPresent() && time.get().range().oneDay());
        Reading.Order order = null;
        for (int i = 0; i < measures.size(); i++) {
            Reading.Measure m = measures.get(i);
            String aggregation = m.aggregation();
            Part p = parts.stream().filter(x -> x.role == Role.MEASURE && x.column().equals(m.column())).findFirst()
                    .orElse(null);
            if (p != null && p.extreme != null) {
                if (grouped) {
                    // "营收最高的服务区": ranked by the measure, not its maximum
                    if (order == null) {
                        order = new Reading.Order(i, p.extreme.equals("MAX"));
                        if (limit == null && !plural) {
                            limit = 1;
                        }
                    }
                } else if ("NONE".equals(aggregation)) {
                    aggregation = p.extreme;
                }
            }
            if (grouped && "NONE".equals(aggregation) && m.column() != null && m.denominator() == null
                    && !asRecorded) {
                aggregation = defaultAggregation(model, m.column());
            }
            measures.set(i, new Reading.Measure(m.column(), aggregation, m.label() != null ? m.label()
                    : asRecorded ? m.column().label() : label(m.column(), aggregation, english), m.denominator()));
        }

        // an aggregate next to plain values is not one row: "the horsepower of the car with the largest accelerate"
        // is the row with the largest value; otherwise the values are groups ("the average weight … each year")
        if (!grouped && measures.stream().anyMatch(QuestionParser::aggregate)
                && measures.stream().anyMatch(QuestionParser::plainValues)) {
            int extreme = -1;
            for (int i = 0; i < measures.size() && extreme < 0; i++) {
                Reading.Measure m = measures.get(i);
                Part p = m.column() == null ? null : part(parts, m.column());
                if (p != null && p.extreme != null && p.extreme.equals(m.aggregation())) {
                    extreme = i;
                }
            }
            if (extreme >= 0 && measures.stream().filter(QuestionParser::aggregate).count() == 1) {
                Reading.Measure m = measures.get(extreme);
                measures.set(extreme, new Reading.Measure(m.column(), "NONE", m.column().label()));
                measures.replaceAll(x -> plainValues(x) ? new Reading.Measure(x.column(), "NONE", x.column().label()) : x);
                order = new Reading.Order(extreme, "MAX".equals(m.aggregation()));
                limit = 1;
            } else {
                measures.stream().filter(QuestionParser::plainValues).map(Reading.Measure::column)
                        .forEach(dimensions::add);
                measures.removeIf(QuestionParser::plainValues);
                grouped = true;
            }
        }

        if (grouped && measures.isEmpty()) {
            // "车流量超过100万的日期": the groups whose total passes the condition, with their totals
            for (Part c : comparisons) {
                int next = parts.stream().filter(p -> p.role == Role.DIMENSION && p.hit.start() >= c.hit.end())
                        .mapToInt(p -> p.hit.start()).min().orElse(rest.length());
                int before = parts.stream().filter(p -> p.role == Role.DIMENSION && p.hit.end() <= c.hit.start())
                        .mapToInt(p -> p.hit.end()).max().orElse(-1);
                if (!QUALIFIES_GROUP.matcher(rest.substring(c.hit.end(), next)).matches() && (before < 0
                        || !QUALIFIED_GROUP.matcher(rest.substring(before, c.hit.start())).matches())) {
                    continue;   // "订单总数超过500的天数": rows that pass, counted
                }
                if (c.column() != null && !c.singleRow && !"BETWEEN".equals(c.op)
                        && measures.stream().noneMatch(m -> m.column().equals(c.column()))) {
                    String aggregation = defaultAggregation(model, c.column());
                    measures.add(new Reading.Measure(c.column(), aggregation, label(c.column(), aggregation, english)));
                }
            }
        }
        // conditions on a measure of a grouped reading are on its aggregate, unless per row ("单日订单量低于50")
        for (Part c : comparisons) {
            Integer on = null;
            for (int i = 0; i < measures.size() && grouped; i++) {
                Reading.Measure m = measures.get(i);
                boolean same = c.column().equals(m.column()) || (m.denominator() != null && c.column() == null);
                if (same && !c.singleRow && !"NONE".equals(m.aggregation())) {
                    on = i;
                    break;
                }
            }
            filters.put(key(c.column()) + c.op + filters.size(), new Reading.Filter(c.column(), c.op, c.values, on));
        }
        shareConditions(rest, measures, filters, grouped);

        if (measures.isEmpty()) {
            if (dimensions.isEmpty() && filters.isEmpty()) {
                return new Parse(Optional.empty(), null, understood);
            }
            String beforeDimension = beforeFirstDimension(rest, parts);
            boolean mostCommon = grouped && MOST_COMMON.matcher(rest).find();
            if (mostCommon) {
                // "the most common citizenship": the value with the most rows
                order = new Reading.Order(0, true);
                limit = limit != null ? limit : 1;
            }
            if (mostCommon || dimensions.isEmpty() || COUNT_WORD.matcher(rest).find() || !LIST.matcher(rest).find()
                    && grouped && GROUP.matcher(beforeDimension).find()
                    && !DISTINCT_BEFORE.matcher(beforeDimension).find()) {
                // "各公司有多少" / "宜春服务区的记录数": count the rows (per dimension)
                String count = english ? "count" : "数量";
                measures.add(new Reading.Measure(new Reading.Column(fact, "*", count, "bigint"), "COUNT", count));
            }
        }
        if (order == null && descending != null) {
            order = new Reading.Order(0, descending);
        } else if (order == null && DESC.matcher(rest).find()) {
            order = new Reading.Order(0, true);
        } else if (order == null && ASC.matcher(rest).find()) {
            order = new Reading.Order(0, false);
        }
        if (order != null && measures.isEmpty()) {
            order = new Reading.Order(-1, order.descending());
        }
        if (grain != null && (order == null || !DESC.matcher(rest).find() && descending == null)) {
            // a trend: by period
            order = new Reading.Order(-1, false);
        } else if (order == null && grouped && !measures.isEmpty()
                && !"NONE".equals(measures.get(0).aggregation())) {
            // groups ranked by the first measure, largest first
            order = new Reading.Order(0, true);
        }
        if (limit != null && order == null && !measures.isEmpty()) {
            order = new Reading.Order(0, true);
        }

        Reading.Time timeFilter = time.isPresent() && timeColumn != null
                ? new Reading.Time(timeColumn.withGrain(null, timeColumn.label()), time.get().range()) : null;
        Reading r = new Reading(List.copyOf(measures), List.copyOf(dimensions), List.copyOf(filters.values()),
                timeFilter, order, limit);
        return new Parse(Optional.of(r), question(r, english), understood);
    }

    private static int grainAt(String rest, String grain) {
        Matcher m = GRAINS.get(grain).matcher(rest);
        return m.find() ? m.start() : 0;
    }

    /** What each term is in this question (its role), from the words around it. */
    private static List<Part> classify(String rest, List<Lexicon.Hit> hits, List<String> understood,
            boolean english) {
        List<Part> parts = new ArrayList<>();
        for (int h = 0; h < hits.size(); h++) {
            Lexicon.Hit hit = hits.get(h);
            Lexicon.Entry e = hit.entry();
            List<Reading.Column> columns = hit.entries().stream().map(Lexicon.Entry::column).filter(Objects::nonNull)
                    .distinct().toList();
            if (columns.isEmpty()) {
                continue;
            }
            int previousEnd = h > 0 ? hits.get(h - 1).end() : 0;
            // English words are longer: "how many different " is 19 characters
            String before = rest.substring(Math.max(previousEnd, hit.start() - (english ? 24 : 8)), hit.start());
            int nextStart = h + 1 < hits.size() ? hits.get(h + 1).start() : rest.length();
            String after = rest.substring(hit.end(), Math.max(hit.end(), Math.min(nextStart, hit.end() + 12)));
            String afterAll = rest.substring(hit.end(), Math.min(rest.length(), hit.end() + 24));
            if (e.isValue()) {
                understood.add(e.value());
                Part p = new Part(Role.FILTER, hit, columns);
                p.values = List.of(hit.entries().get(0).value());
                // "国籍不是USA", "nationality is not 'USA'", "非开放": every other value
                p.op = NEGATED.matcher(before).find() ? "NOT IN" : "IN";
                Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
                if (last != null && last.role == Role.FILTER && last.column().equals(p.column())
                        && LISTED.matcher(rest.substring(last.hit.end(), hit.start())).matches()) {
                    p.op = last.op;   // "not Berlin or Paris"
                }
                parts.add(p);
                continue;
            }
            Reading.Column c = columns.get(0);
            understood.add(e.isEntity() ? e.term() : c.label());
            if (isNumeric(c) && !e.isEntity()) {
                Matcher cmp = COMPARE.matcher(afterAll);
                Matcher between = BETWEEN.matcher(afterAll);
                Matcher aggregated = AGGREGATED_COMPARE.matcher(afterAll);
                boolean termFirst = cmp.lookingAt();   // "金额大于1000"
                Matcher numberFirst = NUMBER_FIRST.matcher(before);
                Matcher opFirst = OP_FIRST.matcher(before);
                Matcher numberAfter = NUMBER_AFTER.matcher(afterAll);
                boolean valueBefore = english && !termFirst && numberFirst.find()
                        && !numberFirst.group(1).equals("is");
                boolean valueAfter = english && !termFirst && !valueBefore && opFirst.find()
                        && !opFirst.group(1).equals("is") && numberAfter.lookingAt();
                if (valueBefore || valueAfter) {
                    // "more than 4 cylinders", "below age 30"
                    Part p = new Part(Role.COMPARISON, hit, columns);
                    p.op = op(valueBefore ? numberFirst.group(1) : opFirst.group(1));
                    p.values = List.of(valueBefore ? numberFirst.group(2) : numberAfter.group(1));
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
                if (termFirst && !cmp.group(1).equals("为") && !cmp.group(1).equals("is")) {
                    Part p = new Part(Role.COMPARISON, hit, columns);
                    p.op = op(cmp.group(1));
                    p.values = List.of(scaled(cmp.group(2), cmp.group(3)));
                    p.singleRow = SINGLE_ROW.matcher(before).find();
                    parts.add(p);
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
                if (p.aggregation == null) {
                    p.aggregation = "NONE";
                }
                String near = before.substring(Math.max(0, before.length() - (english ? 16 : 4))) + " " + after;
                if (HIGHEST.matcher(near).find() && !"MAX".equals(p.aggregation)) {
                    p.extreme = "MAX";
                } else if (LOWEST.matcher(near).find() && !"MIN".equals(p.aggregation)) {
                    p.extreme = "MIN";
                }
                parts.add(p);
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
                if (LATEST.matcher(before).find()) {
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
            boolean distinctBefore = DISTINCT_BEFORE.matcher(before).find();
            if ((distinctBefore && (COUNT_AFTER.matcher(after).find() || COUNT_BEFORE.matcher(before.replaceAll(
                    "(去重的?|不同的?|distinct|unique|different)\\s*$", "")).find())) || DISTINCT_COUNT_AFTER.matcher(after).find()) {
                // "去重的服务区名称数量", "车辆类别去重计数", "number of distinct city": distinct values counted
                Part p = new Part(Role.MEASURE, hit, columns);
                p.aggregation = "COUNT_DISTINCT";
                parts.add(p);
                continue;
            }
            if (COUNT_AFTER.matcher(after).find() || COUNT_BEFORE.matcher(before).find()) {
                // "服务区数量", "多少个服务区": count the rows of the table the thing is named by
                List<Reading.Column> counted = new ArrayList<>();
                String label = english ? e.term() + " count" : e.term() + "数量";
                hit.entries().stream().filter(Lexicon.Entry::isEntity)
                        .forEach(x -> counted.add(new Reading.Column(x.table(), "*", label, "bigint")));
                columns.forEach(x -> counted.add(new Reading.Column(x.table(), "*", label, "bigint")));
                List<Reading.Column> countedColumns = counted.stream().distinct().toList();
                parts.add(new Part(Role.COUNT, hit, countedColumns));
                Matcher count = COUNT_AFTER.matcher(after);
                Matcher cmp = COMPARE.matcher(count.find() ? after.substring(count.end()) : "");
                if (cmp.lookingAt() && !cmp.group(1).equals("为") && !cmp.group(1).equals("is")) {
                    // "服务区数量大于5": a condition on the count
                    Part p = new Part(Role.COMPARISON, hit, countedColumns);
                    p.op = op(cmp.group(1));
                    p.values = List.of(scaled(cmp.group(2), cmp.group(3)));
                    parts.add(p);
                }
                continue;
            }
            Part p = new Part(Role.DIMENSION, hit, columns);
            boolean grouped = GROUP.matcher(before).find();
            // "旗下服务区", "单个服务区", "开放服务区": the scope of what is measured, not a grouping
            p.singleRow = !grouped && (SCOPE.matcher(before).find() || (h > 0 && hits.get(h - 1).entry().isValue()
                    && rest.substring(hits.get(h - 1).end(), hit.start()).matches("\\s*(状态|状态的|的)?\\s*")));
            parts.add(p);
        }
        return parts;
    }

    /**
     * The fact table: the first measure's; else the table counted; else the table most terms can belong to (the
     * first dimension's table on a tie).
     */
    private static String factTable(List<Part> parts, SemanticModel model) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Part p : parts) {
            p.candidates.stream().map(Reading.Column::table).distinct().forEach(t -> votes.merge(t, 1, Integer::sum));
        }
        for (Role role : new Role[] {Role.MEASURE, Role.COUNT}) {
            for (Part p : parts) {
                if (p.role == role) {
                    return p.candidates.stream().map(Reading.Column::table)
                            .max(Comparator.comparingInt((String t) -> votes.getOrDefault(t, 0))
                                    .thenComparing(t -> -p.candidates.indexOf(p.candidates.stream()
                                            .filter(c -> c.table().equals(t)).findFirst().orElseThrow())))
                            .orElse(null);
                }
            }
        }
        // no measure: a term that can only be in one table says more than one that can be in several
        Map<String, Double> weighted = new LinkedHashMap<>();
        for (Part p : parts) {
            List<String> tables = p.candidates.stream().map(Reading.Column::table).distinct().toList();
            tables.forEach(t -> weighted.merge(t, 1.0 / tables.size(), Double::sum));
        }
        String best = null;
        for (Part p : parts) {
            for (Reading.Column c : p.candidates) {
                if (best == null || weighted.get(c.table()) > weighted.get(best)) {
                    best = c.table();
                }
            }
        }
        if (best == null && !model.tables().isEmpty()) {
            best = model.tables().get(0).tableName();
        }
        return best;
    }

    /** The candidate in the fact table, else the one the fewest joins away from it. */
    private static Reading.Column nearest(List<Reading.Column> candidates, String fact, SemanticModel model) {
        Reading.Column best = candidates.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (Reading.Column c : candidates) {
            int d = SqlWriter.distance(model, fact, c.table());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** "X占Y的比例" (Y named) or "X占比" (Y the total of X's kind in its table) become one ratio measure. */
    private static void shares(String rest, List<Part> parts, List<Reading.Measure> measures, SemanticModel model,
            boolean english, boolean grouped) {
        Matcher share = SHARE.matcher(rest);
        if (!share.find()) {
            return;
        }
        for (int i = 0; i < measures.size(); i++) {
            Reading.Measure a = measures.get(i);
            Part pa = part(parts, a.column());
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
                Part named = of == null ? null : part(parts, of);
                if (named != null && named.hit.start() > pa.hit.end()) {
                    drop = measures.indexOf(measures.stream().filter(m -> of.equals(m.column())).findFirst()
                            .orElse(null));
                }
            }
            String aggregation = "NONE".equals(a.aggregation()) ? defaultAggregation(model, a.column()) : a.aggregation();
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
    private static void shareConditions(String rest, List<Reading.Measure> measures,
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
                    filters.put("share" + i, new Reading.Filter(m.column(), op(cmp.group(1)),
                            List.of(cmp.group(2)), i));
                }
            }
        }
    }

    private static boolean aggregate(Reading.Measure m) {
        return !"NONE".equals(m.aggregation());
    }

    /** A column's values as they are (not a share's part). */
    private static boolean plainValues(Reading.Measure m) {
        return "NONE".equals(m.aggregation()) && m.column() != null && !m.column().rows() && m.denominator() == null;
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

    private static Part part(List<Part> parts, Reading.Column column) {
        return parts.stream().filter(p -> p.role == Role.MEASURE && p.column().equals(column)).findFirst()
                .orElse(null);
    }

    private static String beforeFirstDimension(String rest, List<Part> parts) {
        return parts.stream().filter(p -> p.role == Role.DIMENSION).findFirst()
                .map(p -> rest.substring(Math.max(0, p.hit.start() - 4), p.hit.start())).orElse("");
    }

    /** A question naming no measure changes one part of the previous reading. */
    private static Parse followUp(Reading previous, List<Part> parts, Optional<TimeExpressions.Match> time,
            String grain, Integer limit, Boolean descending, String rest, SemanticModel model,
            List<String> understood, boolean english) {
        String fact = previous.measures().stream().map(Reading.Measure::column).filter(Objects::nonNull)
                .map(Reading.Column::table).findFirst()
                .orElse(previous.dimensions().isEmpty() ? null : previous.dimensions().get(0).table());
        List<Reading.Column> dimensions = new ArrayList<>();
        List<Reading.Filter> added = new ArrayList<>();
        for (Part p : parts) {
            Reading.Column c = fact == null ? p.column() : nearest(p.candidates, fact, model);
            switch (p.role) {
                case DIMENSION -> dimensions.add(c);
                case FILTER -> added.add(new Reading.Filter(c, p.op, p.values));
                case COMPARISON -> {
                    // on a measure of a grouped reading: on its aggregate ("订单总数大于1000的" after 各服务区的订单总数)
                    Integer on = null;
                    for (int i = 0; i < previous.measures().size() && !previous.dimensions().isEmpty(); i++) {
                        Reading.Measure m = previous.measures().get(i);
                        if (c.equals(m.column()) && !p.singleRow && !"NONE".equals(m.aggregation())) {
                            on = i;
                            break;
                        }
                    }
                    added.add(new Reading.Filter(c, p.op, p.values, on));
                }
                default -> {
                }
            }
        }
        boolean changes = time.isPresent() || !dimensions.isEmpty() || !added.isEmpty() || limit != null
                || grain != null || descending != null || DESC.matcher(rest).find() || ASC.matcher(rest).find();
        if (!changes) {
            return new Parse(Optional.empty(), null, understood);
        }
        List<Reading.Filter> filters = new ArrayList<>();
        for (Reading.Filter f : previous.filters()) {
            // a new value of the same column replaces the old one ("换成南昌南服务区", "只看南昌南服务区")
            if (added.stream().noneMatch(a -> a.column().equals(f.column()) && a.op().equals(f.op()))) {
                filters.add(f);
            }
        }
        filters.addAll(added);
        Reading.Time t = previous.time();
        if (time.isPresent()) {
            Reading.Column column = t != null ? t.column() : fact == null ? null
                    : timeColumn(model, fact).orElse(null);
            t = column == null ? null : new Reading.Time(column, time.get().range());
        }
        List<Reading.Column> dims = dimensions.isEmpty() ? new ArrayList<>(previous.dimensions()) : dimensions;
        if (grain != null && fact != null) {
            Optional<Reading.Column> tc = timeColumn(model, fact);
            if (tc.isPresent()) {
                dims.removeIf(d -> d.grain() != null);
                dims.add(0, tc.get().withGrain(grain, grain.equals("day") ? tc.get().label()
                        : periodLabel(grain, true, english)));
            }
        }
        Reading.Order order = previous.order();
        if (descending != null) {
            order = new Reading.Order(0, descending);
        } else if (DESC.matcher(rest).find()) {
            order = new Reading.Order(0, true);
        } else if (ASC.matcher(rest).find()) {
            order = new Reading.Order(0, false);
        }
        List<Reading.Measure> measures = previous.measures();
        if (previous.time() != null && previous.time().range().oneDay() && t != null && !t.range().oneDay()
                && !dims.isEmpty() && !measures.isEmpty()
                && measures.stream().allMatch(QuestionParser::plainValues) && dims.stream().allMatch(d -> d.grain() == null)) {
            // one day's records, asked again for a longer time ("今年呢?"): totals per group, largest first
            measures = measures.stream().map(m -> {
                String aggregation = defaultAggregation(model, m.column());
                return new Reading.Measure(m.column(), aggregation, label(m.column(), aggregation, english));
            }).toList();
            order = previous.order() != null ? previous.order() : new Reading.Order(0, true);
        }
        Reading r = new Reading(measures, List.copyOf(dims), List.copyOf(filters), t, order,
                limit != null ? limit : previous.limit());
        return new Parse(Optional.of(r), question(r, english), understood, true);
    }

    /** The reading as words, e.g. "去年 age的分布", "最近7天 按服务区名称 支付总额的总和 前5". */
    public static String question(Reading r) {
        return question(r, false);
    }

    /** The reading as words in Chinese or English ("last year, by company, sum of revenue, top 5"). */
    public static String question(Reading r, boolean english) {
        List<String> parts = new ArrayList<>();
        if (r.time() != null) {
            parts.add(english ? r.time().range().englishLabel() : r.time().range().label());
        }
        for (Reading.Filter f : r.filters()) {
            String subject = f.measure() != null && f.measure() < r.measures().size()
                    ? r.measures().get(f.measure()).label() : f.column().label();
            parts.add(switch (f.op()) {
                case "IN" -> String.join(english ? " or " : "、", f.values());
                case "NOT IN" -> (english ? "not " : "不是") + String.join(english ? " or " : "、", f.values());
                case "BETWEEN" -> english ? subject + " between " + f.values().get(0) + " and " + f.values().get(1)
                        : subject + "在" + f.values().get(0) + "到" + f.values().get(1) + "之间";
                default -> subject + (english ? " " + f.op() + " " : f.op()) + f.values().get(0);
            });
        }
        boolean records = !r.dimensions().isEmpty() && !r.measures().isEmpty()
                && r.measures().stream().allMatch(m -> "NONE".equals(m.aggregation()));
        for (Reading.Column d : r.dimensions()) {
            parts.add(records ? d.label() : (english ? "by " : "按") + d.label());
        }
        for (Reading.Measure m : r.measures()) {
            parts.add(m.label());
        }
        if (records) {
            parts.add(english ? "records" : "明细");
        }
        boolean ascending = r.order() != null && !r.order().descending();
        if (r.limit() != null) {
            parts.add(english ? (ascending ? "bottom " : "top ") + r.limit() : (ascending ? "后" : "前") + r.limit());
        } else if (r.order() != null && r.order().measure() >= 0) {
            parts.add(english ? (ascending ? "ascending" : "descending") : ascending ? "升序" : "降序");
        }
        return String.join(english ? ", " : " ", parts);
    }

    private static String periodLabel(String grain, boolean oneYear, boolean english) {
        return switch (grain) {
            case "week" -> english ? "week" : "周";
            case "month" -> oneYear ? (english ? "month" : "月份") : (english ? "year-month" : "年月");
            default -> english ? "year" : "年份";
        };
    }

    static String label(Reading.Column column, String aggregation) {
        return label(column, aggregation, false);
    }

    static String label(Reading.Column column, String aggregation, boolean english) {
        if (english && column != null && !column.rows()) {
            return switch (aggregation) {
                case "SUM" -> "sum of " + column.label();
                case "AVERAGE" -> "average " + column.label();
                case "MAX" -> "max " + column.label();
                case "MIN" -> "min " + column.label();
                case "COUNT" -> "count of " + column.label();
                case "COUNT_DISTINCT" -> "distinct count of " + column.label();
                case "VARIANCE" -> "variance of " + column.label();
                case "STD_DEVIATION" -> "standard deviation of " + column.label();
                default -> column.label();
            };
        }
        if (column == null || column.rows()) {
            return column == null ? "数量" : column.label();
        }
        return column.label() + switch (aggregation) {
            case "SUM" -> "的总和";
            case "AVERAGE" -> "的平均值";
            case "MAX" -> "的最大值";
            case "MIN" -> "的最小值";
            case "COUNT" -> "的数量";
            case "COUNT_DISTINCT" -> "的去重数量";
            case "VARIANCE" -> "的方差";
            case "STD_DEVIATION" -> "的标准差";
            default -> "的分布";
        };
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

    private static String defaultAggregation(SemanticModel model, Reading.Column c) {
        return model.table(c.table()).flatMap(t -> t.column(c.column()))
                .map(SemanticModel.Column::aggregation).filter(a -> !a.equals("NONE")).orElse("SUM");
    }

    /** The time column of a table: its business date before an audit time (create/update/delete). */
    static Optional<Reading.Column> timeColumn(SemanticModel model, String table) {
        List<String> tables = new ArrayList<>();
        tables.add(table);
        Map<String, Integer> distances = SqlWriter.distances(model, table);
        model.tables().stream().map(SemanticModel.Table::tableName)
                .sorted(Comparator.comparingInt(t -> distances.get(t.toLowerCase(Locale.ROOT))))
                .forEach(tables::add);
        for (String t : tables) {
            Optional<SemanticModel.Column> c = model.table(t).flatMap(x -> x.columns().stream()
                    .filter(SemanticModel.Column::temporal)
                    .min(Comparator.comparingInt(QuestionParser::timeRank)));
            if (c.isPresent()) {
                return Optional.of(new Reading.Column(t, c.get().columnName(), c.get().columnDisplayName(),
                        c.get().dataType()));
            }
        }
        return Optional.empty();
    }

    private static final Pattern AUDIT_TIME = Pattern.compile(
            "(?i)^(create|created|update|updated|modify|modified|delete|deleted|gmt)_?(ts|at|time|date|on)?$|_ts$");

    private static int timeRank(SemanticModel.Column c) {
        if (AUDIT_TIME.matcher(c.columnName()).find()) {
            boolean deleted = c.columnName().toLowerCase(java.util.Locale.ROOT).startsWith("delete");
            return deleted ? 20 : 10;
        }
        int rank = c.dataType().equals("date") ? 0 : 2;
        boolean named = c.columnName().toLowerCase(java.util.Locale.ROOT).contains("date")
                || c.columnDisplayName().contains("日期");
        return rank + (named ? 0 : 1);
    }

    private static boolean isNumeric(Reading.Column c) {
        return c.dataType().equals("int") || c.dataType().equals("bigint") || c.dataType().equals("double");
    }

    private static String op(String word) {
        return switch (word) {
            case "不低于", "不少于", "至少", "大于等于", ">=", "at least" -> ">=";
            case "不超过", "不高于", "至多", "小于等于", "<=", "at most" -> "<=";
            case "小于", "低于", "少于", "less than", "fewer than", "under", "below", "<" -> "<";
            case "等于", "=" -> "=";
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

    private static String first(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "1";
    }

    private static int number(String text) {
        Integer cn = CN.get(text);
        return cn != null ? cn : text.equals("十") ? 10 : Integer.parseInt(text);
    }

    private static String key(Reading.Column c) {
        return c == null ? "" : c.table() + "." + c.column();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(v -> !all.contains(v)).forEach(all::add);
        return all;
    }
}
