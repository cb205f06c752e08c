package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tianshu.nl2sql.engine.Part.Role;
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
 * The steps have their own classes: {@link TermRoles} (each term's role), {@link Grounding} (fact table, nearest
 * column, time column), {@link Shares} (shares and ratios), {@link FollowUps} (continuing the previous reading) and
 * {@link ReadingWords} (the reading put back into words).
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

    private static final String N = "(\\d{1,4}|[一二两三四五六七八九十])";
    private static final Pattern TOP = Pattern.compile("(?:前|top\\s*|排名前|最[高多大]的?\\s*)" + N
            + "\\s*(?:个|名|条|家|位|种|天)?|" + N + "\\s*(?:个|名|家)?\\s*(?:最[高多大])|\\b(?:top|first|highest|largest)\\s+(\\d{1,4})");
    private static final Pattern BOTTOM = Pattern.compile("(?:后|bottom\\s*|最[低少小]的?\\s*)" + N
            + "\\s*(?:个|名|条|家|位|种|天)?|\\b(?:bottom|lowest|smallest)\\s+(\\d{1,4})");
    private static final Pattern OF_THE = Pattern.compile("\\s*of\\s+(?:the\\s+|all\\s+(?:the\\s+)?|each\\s+|every\\s+)?");
    private static final String MORE = "(?:highest|largest|longest|biggest|greatest|most|oldest|tallest|heaviest|best"
            + "|latest|newest|high|large|big)";
    private static final String LESS = "(?:lowest|smallest|shortest|least|fewest|youngest|lightest|worst|earliest"
            + "|oldest|low|small)";
    private static final Pattern SUPERLATIVE_BEFORE = Pattern.compile("\\b(?:highest|lowest|largest|smallest|biggest"
            + "|most|least|greatest)\\s+$");
    /** "from highest to lowest": its words are an order, not a ranking of the column after them. */
    private static final Pattern ENGLISH_WHOLE_ORDER = Pattern.compile(
            "\\bfrom (?:the )?(?:(" + MORE + ") to (?:the )?" + LESS + "|" + LESS + " to (?:the )?" + MORE + ")\\b");
    /** A whole list in order, from one end to the other: every row, not the top one. */
    private static final Pattern WHOLE_ORDER = Pattern.compile("从高到低|从大到小|由高到低|从低到高|从小到大|由低到高|"
            + ENGLISH_WHOLE_ORDER.pattern());
    static final Pattern DESC = Pattern.compile("降序|从高到低|从大到小|由高到低|排名|排行|\\bdesc\\b|\\bdescending\\b|"
            + "\\breverse alphabetical");
    static final Pattern ASC = Pattern.compile("升序|从低到高|从小到大|由低到高|\\basc\\b|\\bascending\\b|"
            + "(?<!reverse )\\balphabetical|\\balphabetically\\b");
    /** How much of each kind is asked for: "车辆类别分布". */
    private static final Pattern DISTRIBUTION = Pattern.compile("分布|\\bdistribution\\b");
    /** Words that make a ranking plural ("各服务区…排名") rather than "the one with the most". */
    private static final Pattern PLURAL = Pattern.compile("各|每|哪些|排名|排行|分别|列表|清单|分布|趋势|所有|\\bwhich\\b.*\\bs\\b|\\beach\\b|\\bper\\b|\\bby\\b");
    /** Rows that were (soft) deleted, asked about: "已删除的映射记录数量", "deleted orders". */
    private static final Pattern DELETED = Pattern.compile("(?<!未|没|没有|非|不)(?:已被删除|已删除|被删除|逻辑删除)"
            + "|(?<!未|没|没有|非|不|被|已)删除了?的|(?<!not |non-|un)\\bdeleted\\b");
    private static final Pattern CHANGES_DATA = Pattern.compile("(?<!已|被|逻辑)删除(?!了?的)|删掉|清空|清除|插入|新建表|建表|删表|^(修改|更新)");
    /**
     * An English request to change data or schema: a command ("delete all orders", "please drop …") or a statement
     * ("drop table x", "insert into", "update x set"), not a question that uses such a verb ("how many cartoons did
     * each director create", "which rows were updated").
     */
    private static final Pattern CHANGES_DATA_EN = Pattern.compile(
            "^(?:please |can you |could you |would you |i want to |let's |now )*(?:drop|delete|truncate|insert|alter"
            + "|create|grant|revoke|merge|update|remove|erase|wipe)\\b"
            + "|\\b(?:drop|truncate|alter|create)\\s+(?:an? |new |the )*(?:table|database|schema|index|view|column|user|role)s?\\b"
            + "|\\b(?:delete|remove|erase|wipe)\\s+(?:from|all|every|everything|the data|the table|these|those)\\b"
            + "|\\binsert\\s+into\\b|\\bmerge\\s+into\\b|\\bupdate\\s+\\S+\\s+set\\b|\\b(?:grant|revoke)\\s+\\w+\\s+(?:on|to|from)\\b");
    private static final Pattern COMPARING = Pattern.compile("对比|比较|分别|各自|相比|\\bcompare\\b|\\bversus\\b|\\bvs\\b");
    /** After a comparison, the group it qualifies: "超过100万的(服务区)", "超过1000的日期(和…)". */
    private static final Pattern QUALIFIES_GROUP = Pattern.compile("[^，,;；]*的\\s*|[^，,;；]*的日期.*");
    /** Before a comparison, the group it qualifies: "city (with total amount above 10000)". */
    private static final Pattern QUALIFIED_GROUP = Pattern.compile("\\s*(with|whose|having)\\b[^,;]*");
    private static final Pattern MOST_COMMON = Pattern.compile("最常见|最普遍|\\bmost (common|frequent|popular)\\b");
    /** Words asking for the records themselves rather than totals. */
    private static final Pattern RECORDS = Pattern.compile("明细|逐条|每条|详细记录|原始记录|\\bdetails?\\b|\\brecords\\b");
    private static final Pattern COUNT_WORD = Pattern.compile("数量|个数|多少|几个|几家|记录数|\\bhow many\\b|\\bnumber of\\b|\\bcount\\b");
    private static final Pattern LIST = Pattern.compile("^(列出|查询|查找|找出|显示|查看|哪些|哪个|哪家|哪种|有哪些|list|show|which|what are)|哪些|清单|列表|名单");
    private static final Map<String, Pattern> GRAINS = new LinkedHashMap<>();
    /** One period asked for, the one ranked first: "营收最高的一天", "哪个月车流量最多". */
    private static final Map<String, Pattern> ONE_PERIOD = new LinkedHashMap<>();
    private static final Map<String, Integer> CN = Map.of("一", 1, "二", 2, "两", 2, "三", 3, "四", 4, "五", 5, "六", 6,
            "七", 7, "八", 8, "九", 9);

    static {
        GRAINS.put("day", Pattern.compile("(?<!平均)每天|的日期(?=和|及|与|、|以及|\\s*$)|(?<!平均)每日(?!平均)|按天|按日(?!期)|逐日|各日期|每一天|按日期|各天|\\bdaily\\b|\\bper day\\b|\\bby day\\b|\\beach day\\b"));
        GRAINS.put("week", Pattern.compile("每周|按周|各周|逐周|周趋势|\\bweekly\\b|\\bper week\\b|\\bby week\\b"));
        GRAINS.put("month", Pattern.compile("每月|各月|按月|逐月|月度|每个月|各个月|月份|\\bmonthly\\b|\\bper month\\b|\\bby month\\b|\\beach month\\b"));
        GRAINS.put("year", Pattern.compile("每年|按年|各年|逐年|年度|\\byearly\\b|\\bannual\\b|\\bper year\\b|\\bby year\\b"));
        String ranked = "(?<=最高的|最多的|最低的|最少的|最大的|最小的|最好的|最差的)";
        ONE_PERIOD.put("day", Pattern.compile("哪一天|哪天|哪一日|" + ranked + "(一天|那一天|那天|日子|日期|单日)"
                + "|\\bwhich (day|date)\\b|\\bthe (day|date) with the (highest|most|lowest|fewest|largest|smallest)\\b"));
        ONE_PERIOD.put("month", Pattern.compile("哪个月|哪一个月|哪一月|" + ranked + "(一个月|那个月|月份)"
                + "|\\bwhich month\\b|\\bthe month with the (highest|most|lowest|fewest|largest|smallest)\\b"));
        ONE_PERIOD.put("year", Pattern.compile("哪一年|哪年|" + ranked + "(一年|那一年|年份)"
                + "|\\bwhich year\\b|\\bthe year with the (highest|most|lowest|fewest|largest|smallest)\\b"));
    }

    private QuestionParser() {
    }

    public static Parse parse(String input, SemanticModel model, Lexicon lexicon, LocalDate today, Reading previous) {
        boolean english = input.codePoints().noneMatch(Character::isIdeographic);
        // a text in double quotes keeps its quotes as single ones ("J" → 'j'): a value or a text to match
        String text = Lexicon.normalise(input).replaceAll("[\"“”]([^\"“”]{1,40})[\"“”]", "'$1'")
                .replaceAll("[?？!！。，,;；:：()（）\\[\\]【】\"“”]+", " ").strip();
        Optional<TimeExpressions.Match> time = TimeExpressions.find(text, today);
        Optional<TimeExpressions.Match> versus = time.flatMap(m -> TimeExpressions.versus(text, m, today));
        int timeEnd = versus.map(TimeExpressions.Match::end).orElse(time.map(TimeExpressions.Match::end).orElse(0));
        String withoutTime = time.map(m -> text.substring(0, m.start()) + " " + text.substring(timeEnd)).orElse(text);
        boolean wholeOrder = WHOLE_ORDER.matcher(withoutTime).find();
        // "各支付方式订单量": the columns that are the kinds of one thing, spelled out
        String rest = ColumnFamilies.expand(english ? EnglishAdjectives.spellOut(ENGLISH_WHOLE_ORDER.matcher(withoutTime)
                .replaceAll(m -> m.group(1) != null ? "descending" : "ascending"), lexicon) : withoutTime, model, lexicon, english);
        List<String> understood = new ArrayList<>();
        boolean changesEnglish = CHANGES_DATA_EN.matcher(text).find();
        if (changesEnglish || CHANGES_DATA.matcher(text).find()) {
            // only questions are answered: "删除所有数据", "; DROP TABLE x" are not read as queries
            understood.add(changesEnglish ? "a request to change data (only questions about the data are answered)"
                    : "修改数据的请求（只回答关于数据的查询问题）");
            return new Parse(Optional.empty(), null, understood);
        }
        List<Lexicon.Hit> hits = lexicon.coordinated(rest, lexicon.find(rest));
        time.ifPresent(m -> understood.add(m.range().label()));
        versus.ifPresent(m -> understood.add(m.range().label()));

        List<Part> parts = TermRoles.classify(rest, hits, understood, english, model);
        for (Part p : parts) {
            if (p.asWritten) {
                // the question's words were read in lower case: the value as the question spelled it
                p.values = p.values.stream().map(v -> {
                    Matcher written = Pattern.compile(Pattern.quote(v), Pattern.CASE_INSENSITIVE).matcher(input);
                    return written.find() ? written.group() : v;
                }).toList();
            }
        }
        if (english) {
            ofTheThing(rest, parts, model);
            // "the citizenship of singers": a table named after its own columns only says whose they are
            List<Part> columnsNamed = parts.stream().filter(p -> p.hit.entries().stream()
                    .noneMatch(Lexicon.Entry::isEntity) && (p.role == Role.DIMENSION || p.role == Role.MEASURE)).toList();
            // (but "the highest length rivers", spelled from "the longest rivers", lists the rivers)
            parts.removeIf(p -> p.role == Role.DIMENSION && p.hit.entries().stream().anyMatch(Lexicon.Entry::isEntity)
                    && columnsNamed.stream().anyMatch(c -> c.hit.end() <= p.hit.start()
                            && c.column().table().equals(p.column().table()))
                    && columnsNamed.stream().noneMatch(c -> rankedBy(rest, c, p))
                    && !TermRoles.GROUP.matcher(rest.substring(Math.max(0, p.hit.start() - 8), p.hit.start())).find()
                    && !namesListedOf(rest, p, hits));
        }
        // "没有关联任何服务区的路段": the related thing and its conditions are not terms of the answer's rows
        Absences.Absence absence = Absences.take(rest, hits, parts, model, understood, english);
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
        String periodRanked = onePeriod(rest, grain);
        boolean onePeriod = periodRanked != null;
        grain = onePeriod ? periodRanked : grain;

        boolean namesMeasure = parts.stream().anyMatch(p -> p.role == Role.MEASURE || p.role == Role.COUNT);
        if (previous != null && !namesMeasure) {
            return FollowUps.parse(previous, parts, time, grain, limit, descending, rest, model, understood, english);
        }
        if (parts.isEmpty() && (grain == null || time.isEmpty())) {
            return new Parse(Optional.empty(), null, understood);
        }

        // "in descending order of earnings", "按创建时间降序": a column to sort by, not to show (it still says which
        // table the question is about)
        SortColumns.Sort sort = parts.size() > 1 ? SortColumns.find(rest, parts, english) : null;
        String fact = Grounding.factTable(parts, hits, model, time.isPresent());
        if (fact == null) {
            return new Parse(Optional.empty(), null, understood);
        }
        // "the cost of each treatment": the rows of the table asked about are its things already
        String asked = fact;
        parts.removeIf(p -> p.eachKey && p.column().table().equals(asked));
        Reading.Column sortColumn = null;
        if (sort != null) {
            parts.remove(sort.part());
            sortColumn = Grounding.nearest(sort.part().candidates, fact, model);
        }
        for (Part p : parts) {
            // a number is measured: not a text column that the same word also names ("ID")
            List<Reading.Column> numbers = p.role != Role.MEASURE ? List.of()
                    : p.candidates.stream().filter(TermRoles::isNumeric).toList();
            p.candidates = List.of(Grounding.nearest(numbers.isEmpty() ? p.candidates : numbers, fact, model));
        }

        List<Reading.Measure> measures = new ArrayList<>();
        List<Reading.Column> dimensions = new ArrayList<>();
        Map<String, Reading.Filter> filters = new LinkedHashMap<>();
        List<Part> comparisons = new ArrayList<>();
        Reading.Column timeColumn = null;
        boolean dayListed = false;
        // (a column named only to say which value it has, "来源系统为手工录入", is a condition, not a group)
        long namedDimensions = parts.stream().filter(p -> p.role == Role.DIMENSION && !p.singleRow
                && parts.stream().noneMatch(f -> f.role == Role.FILTER && "IN".equals(f.op)
                        && f.column().equals(p.column()))).count();
        boolean scopeDropsAllowed = namedDimensions > 0
                && (parts.stream().anyMatch(p -> p.role == Role.MEASURE || p.role == Role.COUNT)
                        || COUNT_WORD.matcher(rest).find() || Shares.asked(rest));
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
                    Optional<Reading.Column> named = namedInEvents(p, model);
                    if (named.isPresent()) {
                        // "多少个服务区" counted in 营业日数据, whose rows name a 服务区: the service areas, not the rows
                        if (measures.stream().noneMatch(m -> Objects.equals(m.column(), named.get()))) {
                            measures.add(new Reading.Measure(named.get(), "COUNT_DISTINCT", p.column().label()));
                        }
                    } else if (measures.stream().noneMatch(m -> Objects.equals(m.column(), p.column())
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
                    // (records counted of a thing are not per thing: 服务区映射记录数量)
                    boolean recordsCounted = p.recordsOf && parts.stream().anyMatch(q -> q.role == Role.COUNT);
                    if (!dimensions.contains(c) && !(p.singleRow && scopeDropsAllowed) && !recordsCounted) {
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
        // "同时存在'驿购'和'驿美'的服务区": each thing listed has rows with every value; one value, or nothing listed,
        // is a plain condition
        filters.replaceAll((k, f) -> f.op().equals("ALL") && (f.values().size() < 2 || dimensions.isEmpty())
                ? new Reading.Filter(f.column(), "IN", f.values()) : f);
        for (Reading.Filter f : filters.values()) {
            if (!f.op().equals("ALL")) {
                continue;
            }
            // "both Furniture and Technology products": the things the values are of are not listed one by one
            List<Reading.Column> scopes = parts.stream().filter(p -> p.role == Role.DIMENSION && p.singleRow
                    && p.column().table().equals(f.column().table())).map(Part::column).toList();
            if (dimensions.stream().anyMatch(d -> !scopes.contains(d))) {
                dimensions.removeAll(scopes);
            }
        }
        if (COMPARING.matcher(rest).find()) {
            List<Reading.Column> compared = new ArrayList<>();
            filters.values().stream().filter(f -> f.op().equals("IN") && f.values().size() > 1).map(Reading.Filter::column)
                    .filter(c -> !dimensions.contains(c)).forEach(compared::add);
            // (numbers too: "数据来源类别为1和3的系统分别贡献了多少条数据" counts per 类别)
            comparisons.stream().filter(c -> "IN".equals(c.op) && c.values.size() > 1 && c.column() != null
                    && !c.column().rows()).map(Part::column)
                    .filter(c -> !dimensions.contains(c) && !compared.contains(c)).forEach(compared::add);
            dimensions.addAll(0, compared);
        }

        if (DELETED.matcher(rest).find()) {
            // the deleted rows of what is counted or listed, which are otherwise left out
            SqlWriter.softDeleteColumn(model, fact).ifPresent(c -> {
                filters.put(key(c) + "DELETED", new Reading.Filter(c, "DELETED", List.of()));
                understood.add(english ? "deleted" : "已删除");
            });
        }
        if (timeColumn == null || !timeColumn.table().equals(fact)) {
            Reading.Column preferred = timeColumn;
            timeColumn = Grounding.timeColumn(model, fact).orElse(preferred);
        }
        if (timeColumn == null && time.isPresent()) {
            // no date column, but a year number ("concerts in 2014", "cars made in 1980"): whole years filter it
            yearFilter(model, fact, time.get().range(), rest).ifPresent(f -> {
                filters.put(key(f.column()) + "year", f);
                unlistYearSubjects(f, text.substring(0, time.get().start()), parts, measures, dimensions, fact);
            });
        }
        if (versus.isPresent() && timeColumn != null) {
            // "2023年4月与2022年4月的总车流量": one group per time compared
            dimensions.add(0, timeColumn.withGrain(Reading.Time.VERSUS, english ? "period" : "时间段"));
        }
        if (grain != null && timeColumn != null) {
            boolean oneYear = time.map(m -> m.range().oneCalendarYear()).orElse(false);
            int at = grainAt(rest, grain);
            int index = 0;
            for (Part p : parts) {
                if (p.role == Role.DIMENSION && p.hit.start() < at && dimensions.contains(p.column())) {
                    index = Math.max(index, dimensions.indexOf(p.column()) + 1);
                }
            }
            Reading.Column period = ReadingWords.period(timeColumn, grain, oneYear, english);
            if (!dimensions.contains(period)) {
                dimensions.add(Math.min(index, dimensions.size()), period);
            }
        }

        // ratios: "过境车辆占比" (of the rows with a value in all), "X占Y(的)比例", "X占比" (of the total of its kind)
        // "各车型占比", "哪种车型占比最高": no measure named, the share of the fact's total (or of its rows)
        // "the ratio of A to B": each side's aggregate of its own rows, divided
        boolean ratio = Ratios.take(rest, hits, parts, measures, dimensions, filters, comparisons, model, fact, english);
        boolean valueShare = !ratio && Shares.ofValue(rest, parts, measures, dimensions, filters, model, english);
        int impliedShare = !ratio && !valueShare && measures.isEmpty() && !dimensions.isEmpty()
                ? Shares.ofGroups(rest, measures, dimensions, model, fact, english) : -1;
        if (!ratio && !valueShare && impliedShare < 0) {
            Shares.ratios(rest, parts, measures, model, english, !dimensions.isEmpty());
        }

        if (dimensions.isEmpty() && measures.isEmpty() && !COUNT_WORD.matcher(rest).find()) {
            // "cities ending with 'in'", "名称包含宜春的服务区": the values that match are listed
            filters.values().stream().filter(f -> f.op().equals("LIKE")).map(Reading.Filter::column).distinct()
                    .forEach(dimensions::add);
        }
        if (comparisons.stream().anyMatch(c -> c.column().rows()) && !measures.isEmpty()
                && measures.stream().allMatch(QuestionParser::plainValues)) {
            // "document ids with at least two paragraphs": what is listed is what the rows are counted per
            measures.stream().map(Reading.Measure::column).filter(c -> !dimensions.contains(c)).forEach(dimensions::add);
            measures.clear();
        }
        boolean grouped = !dimensions.isEmpty();
        boolean plural = PLURAL.matcher(rest).find() || grain != null && !onePeriod || wholeOrder;
        if (dayListed && grain == null) {
            grain = "day";
        }
        // the fact rows as recorded, not totals per group: asked for (明细), or a daily table on one day ("2023年4月1日
        // 各服务区的微信支付金额") when no measure is aggregated or compared and every dimension is a column of the fact
        // ("宜春服务区每日的营收金额": one named thing's daily records, by day)
        Reading.Column factDate = timeColumn != null && timeColumn.table().equals(fact)
                && "date".equals(timeColumn.dataType()) ? timeColumn : null;
        boolean oneThingDaily = !onePeriod && "day".equals(grain) && factDate != null && dimensions.size() == 1
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
        // English asks for values unless it groups (by, per, each) or aggregates: "the names and ages of singers";
        // a ranking lists rows only when they are the things named ("the player with the highest earnings"), not
        // groups ("top 3 city by amount", "segment with lowest amount", "top 10 products by quantity")
        boolean ranked = limit != null || parts.stream().anyMatch(p -> p.extreme != null || p.role == Role.MEASURE
                && rest.substring(Math.max(0, p.hit.start() - 4), p.hit.start()).matches(".*\\bby\\s*"));
        boolean listed = english && grain == null && !asRecorded && !measures.isEmpty()
                && parts.stream().noneMatch(p -> p.grouping)
                && measures.stream().allMatch(m -> "NONE".equals(m.aggregation()) && m.column() != null
                        && !m.column().rows() && m.denominator() == null)
                && (!ranked || measures.stream().allMatch(m -> onePerThing(dimensions, m.column(), model)));
        Reading.Order order = null;
        Boolean shareHighest = impliedShare < 0 ? null : Shares.ranked(rest);
        if (shareHighest != null) {
            // "哪种车型占比最高": ranked by the share
            order = new Reading.Order(impliedShare, shareHighest);
            limit = limit == null && !plural ? Integer.valueOf(1) : limit;
        }
        for (int i = 0; i < measures.size(); i++) {
            Reading.Measure m = measures.get(i);
            String aggregation = m.aggregation();
            Part p = namingPart(parts, m, model);
            if (p != null && p.extreme != null) {
                if (grouped) {
                    // "营收最高的服务区": ranked by the measure, not its maximum ("占比最高": by the share, not its amount)
                    if (order == null) {
                        // ("各服务区营收最高的一天": the first of each group's periods)
                        int within = onePeriod ? Math.max(periodAt(dimensions), 0) : 0;
                        order = new Reading.Order(i == 0 && Shares.amountBeside(measures) ? 1 : i,
                                p.extreme.equals("MAX"), null, within);
                        if (within > 0) {
                            limit = limit != null ? limit : Integer.valueOf(1);
                        } else if (limit == null && !plural) {
                            limit = 1;
                        }
                    }
                } else if ("NONE".equals(aggregation)) {
                    aggregation = p.extreme;
                }
            }
            if (grouped && "NONE".equals(aggregation) && m.column() != null && m.denominator() == null
                    && !asRecorded && !listed) {
                aggregation = Grounding.defaultAggregation(model, m.column());
            }
            measures.set(i, m.with(aggregation, m.label() != null ? m.label()
                    : asRecorded || listed && "NONE".equals(aggregation) ? m.column().label()
                    : ReadingWords.label(m.column(), aggregation, english)));
        }

        // an aggregate next to plain values is not one row: "the horsepower of the car with the largest accelerate"
        // is the row with the largest value; otherwise the values are groups ("the average weight … each year")
        if (!grouped && measures.stream().anyMatch(QuestionParser::aggregate)
                && measures.stream().anyMatch(QuestionParser::plainValues)) {
            int extreme = -1;
            for (int i = 0; i < measures.size() && extreme < 0; i++) {
                Reading.Measure m = measures.get(i);
                Part p = m.column() == null ? null : Part.part(parts, m.column());
                if (p != null && p.extreme != null && p.extreme.equals(m.aggregation())) {
                    extreme = i;
                }
            }
            if (extreme >= 0 && measures.stream().filter(QuestionParser::aggregate).count() == 1) {
                Reading.Measure m = measures.get(extreme);
                measures.set(extreme, new Reading.Measure(m.column(), "NONE", m.column().label()));
                measures.replaceAll(x -> plainValues(x) ? new Reading.Measure(x.column(), "NONE", x.column().label()) : x);
                order = new Reading.Order(extreme, "MAX".equals(m.aggregation()));
                limit = limit != null || wholeOrder ? limit : Integer.valueOf(1);
            } else {
                measures.stream().filter(QuestionParser::plainValues).map(Reading.Measure::column)
                        .forEach(dimensions::add);
                measures.removeIf(QuestionParser::plainValues);
                grouped = true;
                // "the year that had the most concerts": the group ranked first by the count
                for (int i = 0; i < measures.size() && order == null; i++) {
                    Part p = namingPart(parts, measures.get(i), model);
                    if (p != null && p.role == Role.COUNT && p.extreme != null) {
                        order = new Reading.Order(i, p.extreme.equals("MAX"));
                        limit = limit == null && !plural ? Integer.valueOf(1) : limit;
                    }
                }
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
                if (c.column() != null && onePerThing(dimensions, c.column(), model)) {
                    continue;   // "people with a height above 1.8": one row per thing named, so a row condition
                }
                int after = before;
                if (c.column() != null && hits.stream().anyMatch(h -> h.start() >= after && h.end() <= c.hit.start()
                        && h.entries().stream().anyMatch(x -> x.isEntity() && x.table().equals(c.column().table())))) {
                    continue;   // "countries with singers above age 20": a condition on the singers, each a row
                }
                if (c.column() != null && !c.column().rows() && !c.singleRow && !"BETWEEN".equals(c.op)
                        && measures.stream().noneMatch(m -> m.column().equals(c.column()))) {
                    String aggregation = Grounding.defaultAggregation(model, c.column());
                    measures.add(new Reading.Measure(c.column(), aggregation,
                            ReadingWords.label(c.column(), aggregation, english)));
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
        Shares.conditions(rest, measures, filters, grouped);
        Shares.ofDeleted(rest, measures, filters, dimensions, english);

        if (measures.isEmpty() && DISTRIBUTION.matcher(rest).find()) {
            // "车辆类别分布", "各公司服务区类型分布": how much of each kind; a thing's own column is listed
            // ("服务区的经纬度分布")
            kindOf(dimensions, model).ifPresent(kind ->
                    measures.add(Shares.amount(Shares.summed(model, kind.table()), kind.table(), english)));
        }
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
            // (but not when the groups are the fact table's own rows, by its name: "每个路段下服务区的经纬度分布" lists
            // the service areas, each of which would count 1)
            Reading.Column ownName = Lexicon.nameColumn(model, fact);
            if (mostCommon || dimensions.isEmpty() || COUNT_WORD.matcher(rest).find() || !LIST.matcher(rest).find()
                    && grouped && TermRoles.GROUP.matcher(beforeDimension).find()
                    && !TermRoles.DISTINCT_BEFORE.matcher(beforeDimension).find()
                    && (dimensions.size() == 1 || !dimensions.contains(ownName))) {
                // "各公司有多少" / "宜春服务区的记录数": count the rows (per dimension)
                String count = english ? "count" : "数量";
                measures.add(new Reading.Measure(new Reading.Column(fact, "*", count, "bigint"), "COUNT", count));
            }
        }
        // what is ranked: the first measure, or the share when its amount is shown before it
        int first = Shares.amountBeside(measures) ? 1 : 0;
        if (order == null && descending != null) {
            order = new Reading.Order(first, descending);
        } else if (order == null && DESC.matcher(rest).find()) {
            order = new Reading.Order(first, true);
        } else if (order == null && ASC.matcher(rest).find()) {
            order = new Reading.Order(first, false);
        }
        if (order != null && measures.isEmpty()) {
            order = new Reading.Order(-1, order.descending());
        }
        if (grain != null && !(onePeriod && order != null)
                && (order == null || !DESC.matcher(rest).find() && descending == null)) {
            // a trend: by period
            order = new Reading.Order(-1, false);
        } else if (order == null && grouped && !measures.isEmpty()
                && !"NONE".equals(measures.get(0).aggregation())) {
            // groups ranked by the first measure, largest first
            order = new Reading.Order(first, true);
        }
        if (limit != null && order == null && !measures.isEmpty()) {
            order = new Reading.Order(0, true);
        }
        if (sortColumn != null) {
            order = SortColumns.order(sortColumn, sort.descending(), measures, dimensions, order);
        }

        // "昨日营收环比下降超过15%": this period, the one before and the change
        Reading.Time changed = time.isPresent() && versus.isEmpty() && timeColumn != null
                ? Changes.take(rest, measures, filters, timeColumn.withGrain(null, timeColumn.label()),
                        time.get().range(), english) : null;
        if (changed != null && filters.containsKey("change")) {
            order = new Reading.Order(2, filters.get("change").op().startsWith(">"));
        }
        Reading.Time timeFilter = changed != null ? changed : time.isPresent() && timeColumn != null
                ? new Reading.Time(timeColumn.withGrain(null, timeColumn.label()), time.get().range(),
                        versus.map(m -> List.of(m.range())).orElse(List.of())) : null;
        List<Reading.Absent> absent = new ArrayList<>();
        if (absence != null) {
            Reading.Absent a = Absences.absent(absence, model, fact, time.map(TimeExpressions.Match::range));
            absent.add(a);
            if (a.time() != null) {
                timeFilter = null;   // the related rows' time, not the answer's
            }
        }
        // "新增的服务区映射记录": the records by what describes them
        List<Reading.Column> shown = measures.isEmpty() && absent.isEmpty()
                ? RecordColumns.of(rest, hits, parts, dimensions, timeFilter, model) : dimensions;
        if (order == null && shown != dimensions && timeFilter != null && shown.contains(timeFilter.column())) {
            // "最近7天新增的…记录": the newest first
            order = new Reading.Order(-1, true, timeFilter.column());
        }
        Reading r = new Reading(List.copyOf(measures), List.copyOf(shown), List.copyOf(filters.values()),
                timeFilter, order, limit, absent);
        return new Parse(Optional.of(r), question(r, english), understood);
    }

    /**
     * "the name of the breed", "the age of the dogs": a column named before "of (the) <table>" is that table's when
     * it has one (its name column for "name").
     */
    private static void ofTheThing(String rest, List<Part> parts, SemanticModel model) {
        for (int i = 0; i + 1 < parts.size(); i++) {
            Part column = parts.get(i);
            Part thing = parts.get(i + 1);
            if (column.role != Role.DIMENSION && column.role != Role.MEASURE
                    || thing.role != Role.DIMENSION && thing.role != Role.COUNT
                    || thing.hit.entries().stream().noneMatch(Lexicon.Entry::isEntity)
                            && !thing.column().equals(Lexicon.nameColumn(model, thing.column().table()))
                    || !OF_THE.matcher(rest.substring(column.hit.end(), thing.hit.start())).matches()) {
                continue;
            }
            String table = thing.column().table();
            // "the id and unit price of every product": each column of the list is the thing's
            for (int j = i; j >= 0; j--) {
                Part listed = parts.get(j);
                if (j < i && (listed.role != Role.DIMENSION && listed.role != Role.MEASURE
                        || !AND.matcher(rest.substring(Math.min(listed.hit.end(), parts.get(j + 1).hit.start()),
                                parts.get(j + 1).hit.start())).matches())) {
                    break;
                }
                List<Reading.Column> own = listed.candidates.stream().filter(c -> c.table().equals(table)).toList();
                if (!own.isEmpty()) {
                    listed.candidates = own;
                } else if (listed.hit.entry().term().matches("names?") && thing.role == Role.DIMENSION) {
                    listed.candidates = List.of(thing.column());
                }
            }
        }
    }

    /** Between two columns of one list: "id and unit price", "names, ages". */
    private static final Pattern AND = Pattern.compile("\\s*(?:,\\s*)?(?:and\\s+)?(?:the\\s+)?");

    /** Whether each dimension is the name column of {@code column}'s table: one row per thing named. */
    private static boolean onePerThing(List<Reading.Column> dimensions, Reading.Column column, SemanticModel model) {
        Reading.Column name = Lexicon.nameColumn(model, column.table());
        return dimensions.stream().allMatch(d -> d.equals(name));
    }

    /** The measure or count part a measure came from (a thing counted by its name in events included), or null. */
    private static Part namingPart(List<Part> parts, Reading.Measure m, SemanticModel model) {
        return parts.stream().filter(x -> (x.role == Role.MEASURE || x.role == Role.COUNT)
                && (x.column().equals(m.column()) || x.role == Role.COUNT
                        && namedInEvents(x, model).filter(m.column()::equals).isPresent())).findFirst().orElse(null);
    }

    /**
     * The column a counted thing is named by in a table of events ("服务区" in 营业日数据: service_name), when the count
     * falls on that table's rows but the term names a thing of its own.
     */
    private static Optional<Reading.Column> namedInEvents(Part count, SemanticModel model) {
        String table = count.column().table();
        if (!count.column().rows() || !SqlWriter.eventsOnly(model, table)
                || count.hit.entries().stream().noneMatch(e -> e.isEntity() && !e.table().equals(table))) {
            return Optional.empty();
        }
        return count.hit.entries().stream().filter(e -> !e.isEntity() && !e.isValue() && e.column() != null
                && e.column().table().equals(table) && !"*".equals(e.column().column())).map(Lexicon.Entry::column)
                .findFirst();
    }

    /**
     * What a year condition is said of is not listed: the year column named as the condition ("singers whose birth
     * year is either 1948 or 1949"), and the related things the year is of ("conductors with orchestras founded after
     * 2008"). {@code before} is the question up to the year.
     */
    private static void unlistYearSubjects(Reading.Filter year, String before, List<Part> parts,
            List<Reading.Measure> measures, List<Reading.Column> dimensions, String fact) {
        if (parts.stream().anyMatch(p -> p.column().equals(year.column()) && Pattern.compile(
                Pattern.quote(p.hit.entry().term()) + "\\s*(?:is|was|are|were|=)?\\s*$").matcher(before).find())) {
            measures.removeIf(m -> m.column().equals(year.column()) && "NONE".equals(m.aggregation()));
            dimensions.remove(year.column());
        }
        String table = year.column().table();
        parts.stream().filter(p -> p.role == Role.DIMENSION && p.column().table().equals(table) && !table.equals(fact)
                        && Pattern.compile("\\b" + Pattern.quote(p.hit.entry().term()) + "\\w*(?:\\s+[a-z]+){0,3}\\s*$")
                                .matcher(before).find())
                .forEach(p -> dimensions.remove(p.column()));
    }

    /** Whole years as a condition on the fact table's year number column, if it has one. */
    private static Optional<Reading.Filter> yearFilter(SemanticModel model, String fact, TimeRange range,
            String question) {
        if (range.latest() || (range.from() != null && range.from().getDayOfYear() != 1)
                || (range.to() != null && range.to().getDayOfYear() != 1)) {
            return Optional.empty();
        }
        // the fact table's year, else the nearest related table's ("singers in concerts in 2014": the concert's);
        // a column named year or …_year before one that only has year in its name (year_of_founded); first of all
        // one whose other words the question says ("orchestras founded after 2008": year_of_founded)
        List<Reading.Column> years = Grounding.nearestFirst(model, fact, true).stream()
                .flatMap(t -> Stream.concat(t.columns().stream().filter(c -> yearNumber(c, "(.*_)?year")),
                        t.columns().stream().filter(c -> yearNumber(c, "(.*_)?year_.*"))).map(c -> Lexicon.column(t, c)))
                .toList();
        Optional<Reading.Column> year = years.stream().filter(c -> saysOtherWords(question, c.column()))
                .findFirst().or(() -> years.stream().findFirst());
        if (range.from() == null) {
            return year.map(c -> new Reading.Filter(c, "<", List.of(String.valueOf(range.to().getYear()))));
        }
        int from = range.from().getYear();
        if (range.to() == null) {
            return year.map(c -> new Reading.Filter(c, ">=", List.of(String.valueOf(from))));
        }
        int to = range.to().getYear() - 1;
        return year.map(c -> from == to ? new Reading.Filter(c, "IN", List.of(String.valueOf(from)))
                : new Reading.Filter(c, "BETWEEN", List.of(String.valueOf(from), String.valueOf(to))));
    }

    /** Whether the question has a word starting like a word of the year column's name other than year and of. */
    private static boolean saysOtherWords(String question, String column) {
        return Stream.of(column.toLowerCase(Locale.ROOT).split("_")).filter(w -> !w.equals("year") && !w.equals("of"))
                .filter(w -> w.length() >= 3)
                .anyMatch(w -> Pattern.compile("\\b" + Pattern.quote(w.substring(0, Math.min(4, w.length()))))
                        .matcher(question).find());
    }

    private static boolean yearNumber(SemanticModel.Column c, String name) {
        return c.numeric() && c.columnName().toLowerCase(Locale.ROOT).matches(name);
    }

    /** "the highest length rivers": the thing right after a column a superlative ranks it by. */
    private static boolean rankedBy(String rest, Part column, Part thing) {
        return column.hit.end() <= thing.hit.start() && rest.substring(column.hit.end(), thing.hit.start()).isBlank()
                && SUPERLATIVE_BEFORE.matcher(rest.substring(0, column.hit.start())).find();
    }

    private static final Pattern NAMES_LISTED_OF = Pattern.compile("\\b(?:names?|titles?)\\b(?:\\s+(?:and|,)\\s+|\\s*,\\s*)"
            + "[^?]*\\bof\\s+(?:the\\s+|all\\s+(?:the\\s+)?|each\\s+|every\\s+)?$");

    /**
     * "the names and ids of courses": a name, listed with the thing's columns, that no term of the model took is the
     * thing's own name, so the thing stays in the answer.
     */
    private static boolean namesListedOf(String rest, Part thing, List<Lexicon.Hit> hits) {
        int from = Math.max(0, thing.hit.start() - 60);
        Matcher m = NAMES_LISTED_OF.matcher(rest.substring(from, thing.hit.start()));
        if (!m.find()) {
            return false;
        }
        int name = from + m.start();
        return hits.stream().noneMatch(h -> h.start() <= name && name < h.end());
    }

    private static int grainAt(String rest, String grain) {
        Matcher m = GRAINS.get(grain).matcher(rest);
        if (m.find()) {
            return m.start();
        }
        Matcher one = ONE_PERIOD.containsKey(grain) ? ONE_PERIOD.get(grain).matcher(rest) : null;
        return one != null && one.find() ? one.start() : 0;
    }

    /**
     * The grain of the one period asked for, ranked first ("营收最高的一天": day), when it agrees with the grain named
     * (if any); else null.
     */
    private static String onePeriod(String rest, String grain) {
        if (rest.indexOf('哪') < 0 && rest.indexOf('最') < 0 && !rest.contains("which ") && !rest.contains(" with the ")) {
            return null;   // (no ranking word: the patterns need not run)
        }
        for (Map.Entry<String, Pattern> g : ONE_PERIOD.entrySet()) {
            if ((grain == null || grain.equals(g.getKey())) && g.getValue().matcher(rest).find()) {
                return g.getKey();
            }
        }
        return null;
    }

    /** The index of the first period among the dimensions, or -1. */
    private static int periodAt(List<Reading.Column> dimensions) {
        for (int i = 0; i < dimensions.size(); i++) {
            if (dimensions.get(i).grain() != null && !Reading.Time.VERSUS.equals(dimensions.get(i).grain())) {
                return i;
            }
        }
        return -1;
    }

    static boolean aggregate(Reading.Measure m) {
        return !"NONE".equals(m.aggregation());
    }

    /** A column's values as they are (not a share's part). */
    static boolean plainValues(Reading.Measure m) {
        return "NONE".equals(m.aggregation()) && m.column() != null && !m.column().rows() && m.denominator() == null;
    }

    /** The first dimension that is a kind: a column with samples that is not a name column nor a number. */
    private static Optional<Reading.Column> kindOf(List<Reading.Column> dimensions, SemanticModel model) {
        return dimensions.stream().filter(d -> d.grain() == null && !d.equals(Lexicon.nameColumn(model, d.table()))
                && model.table(d.table()).flatMap(t -> t.column(d.column()))
                        .map(c -> c.samples() != null && !c.samples().isEmpty() && !c.numeric()).orElse(false))
                .findFirst();
    }

    private static String beforeFirstDimension(String rest, List<Part> parts) {
        return parts.stream().filter(p -> p.role == Role.DIMENSION).findFirst()
                .map(p -> rest.substring(Math.max(0, p.hit.start() - 4), p.hit.start())).orElse("");
    }

    /** The reading as words, e.g. "去年 age的分布", "最近7天 按服务区名称 支付总额的总和 前5". */
    public static String question(Reading r) {
        return ReadingWords.question(r);
    }

    /** The reading as words in Chinese or English ("last year, by company, sum of revenue, top 5"). */
    public static String question(Reading r, boolean english) {
        return ReadingWords.question(r, english);
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

    static String key(Reading.Column c) {
        return c == null ? "" : c.table() + "." + c.column();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(v -> !all.contains(v)).forEach(all::add);
        return all;
    }
}