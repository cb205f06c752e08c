package dev.tianshu.nl2sql.engine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The words a question can name the model by: every column's display name and name (also with spaces for
 * underscores), every table's display name and name, every sample value (naming a value of its column), and
 * everyday variants (营收 for the total amount, 服务区 for 服务区名称, 现金订单数 for 现金支付订单数). A term may name
 * several columns (服务区名称 in three tables): a hit keeps every candidate, and the parser picks the one nearest the
 * question's fact table. Terms are found in a text longest first, without overlaps. Names of things the samples do
 * not list ("宜春服务区" when the model gives no samples of 服务区名称) are recognised by the name column's suffix.
 */
public final class Lexicon {

    /**
     * What a term names: a column, a value of a column, or a table ({@code table} set; {@code column} then is the
     * table's name column, if it has one).
     */
    public record Entry(String term, Reading.Column column, String value, String table) {

        public boolean isValue() {
            return value != null;
        }

        public boolean isEntity() {
            return table != null;
        }
    }

    /** A term found in a text, with every entry it can name (the first is the preferred one). */
    public record Hit(int start, int end, List<Entry> entries) {

        public Entry entry() {
            return entries.get(0);
        }
    }

    /** Words that end a name before its suffix: "各服务区", "下属服务区" name no particular 服务区. */
    private static final Pattern NOT_A_NAME = Pattern.compile(
            "(各个|各|每个|每|所有|全部|哪些|哪个|哪家|哪|下属|旗下|所属|单个|对应|多个|同一|原始|相同|不同|管理的|管理|关联|覆盖|该|其|这些|那些|"
                    + "查询|统计|分析|列出|对比|比较|找出|查找|显示|计算|查看|请问|只看|看看|看|查|在|的|与|和|及|或|、|并|且|中|内|下|个|家|条|"
                    + "开放|关闭|营业|停业|新增|有效|最高|最低|最多|最少|最大|最小|排名|top|前|筛选出|筛选|任何|状态|类型|类别|数据|信息|记录|系统|情况|维度|级别)");

    /** A grouping word and the Chinese word after it ("各系统"). */
    private static final Pattern GROUPED_WORD = Pattern.compile("(?:各个?|按照?|每个?|不同的?)([\\u4e00-\\u9fff]{2,6})");
    private static final Pattern COORDINATION = Pattern.compile("\\s*(及|和|与|、|以及|及其)\\s*");

    /** first_name, last_name …: a part of a person's name, not the name of a "first" or a "last". */
    private static final Pattern PERSONAL_NAME = Pattern.compile(
            "(first|last|middle|full|given|family|nick|user|display|short|long|second|maiden)_name$");

    private final Map<String, List<Entry>> byTerm = new LinkedHashMap<>();
    private final List<String> terms = new ArrayList<>();
    /** First character → the indexes in {@link #terms} of the terms starting with it, longest first. */
    private final Map<Character, int[]> byFirstChar = new HashMap<>();
    /** A Chinese word of 2 to 4 characters that ends the terms of exactly one column → that column's first entry. */
    private final Map<String, Entry> heads = new HashMap<>();
    /** Suffix (服务区) → the name columns whose display name is suffix + 名称. */
    private final Map<String, List<Reading.Column>> nameSuffixes = new LinkedHashMap<>();

    /** A column name that ends in its unit: net_worth_millions, distance_km, price_usd. */
    private static final Pattern UNIT_SUFFIX = Pattern.compile("([a-z][a-z_]*[a-z])_(?:in_)?(?:millions?|thousands?"
            + "|billions?|usd|dollars|km|kg|cm|mm|mph|percent|pct)");
    /** A number column named as a total of something: total_gpa, total_credit. */
    private static final Pattern TOTAL_OF = Pattern.compile("total_([a-z][a-z_]*[a-z])");
    /** A column of two or more words that refers to a row of another table by its id: permanent_address_id. */
    private static final Pattern REFERENCE_ID = Pattern.compile("([a-z]+_[a-z_]*[a-z])_id");
    /** A column named "<word> of <thing>": year_of_work, date_of_birth. */
    private static final Pattern COUNTED_OF = Pattern.compile("([a-z]{3,}[^s])( of [a-z][a-z ]*)");

    /** An English table name that ends in a word saying only that it holds rows: cars_data, student_info. */
    private static final Pattern GENERIC_TABLE_WORD = Pattern.compile("([a-z][a-z ]*[a-z]) (?:data|info|information"
            + "|details|records)");

    /** Each table's columns that are kinds of one thing, read as Chinese and as English (see {@link ColumnFamilies}). */
    private final List<Map<String, List<ColumnFamilies.Family>>> families = new ArrayList<>();

    /** The column families of each table that has some, by table name, for a question in Chinese or English. */
    Map<String, List<ColumnFamilies.Family>> families(boolean english) {
        return families.get(english ? 1 : 0);
    }

    public Lexicon(SemanticModel model) {
        for (boolean english : new boolean[] {false, true}) {
            Map<String, List<ColumnFamilies.Family>> byTable = new LinkedHashMap<>();
            for (SemanticModel.Table t : model.tables()) {
                List<ColumnFamilies.Family> of = ColumnFamilies.of(t, english);
                if (!of.isEmpty()) {
                    byTable.put(t.tableName(), of);
                }
            }
            families.add(Collections.unmodifiableMap(byTable));
        }
        List<Entry> rowWords = new ArrayList<>();
        List<Entry> idLess = new ArrayList<>();
        Set<String> tableWords = new HashSet<>();
        for (SemanticModel.Table t : model.tables()) {
            String name = normalise(t.tableName()).replace('_', ' ');
            tableWords.add(singularOrSame(name));
            tableWords.add(singularOrSame(normalise(t.tableDisplayName())));
        }
        for (SemanticModel.Table t : model.tables()) {
            Reading.Column nameColumn = nameColumn(t);
            for (SemanticModel.Column c : t.columns()) {
                Reading.Column col = column(t, c);
                add(c.columnDisplayName(), col, null, null);
                add(c.columnName(), col, null, null);
                add(c.columnName().replace('_', ' '), col, null, null);
                String lower = c.columnName().toLowerCase(Locale.ROOT);
                Matcher unit = UNIT_SUFFIX.matcher(lower);
                if (unit.matches()) {
                    add(unit.group(1).replace('_', ' '), col, null, null);   // net_worth_millions is the net worth
                }
                Matcher reference = REFERENCE_ID.matcher(lower);
                if (reference.matches()) {
                    // permanent_address_id is the permanent address, unless another term is called that
                    idLess.add(new Entry(reference.group(1).replace('_', ' '), col, null, null));
                }
                Matcher total = TOTAL_OF.matcher(lower);
                if (total.matches() && c.numeric()) {
                    // total_gpa is the GPA, unless another term is called that
                    idLess.add(new Entry(total.group(1).replace('_', ' '), col, null, null));
                }
                Matcher of = COUNTED_OF.matcher(normalise(c.columnName()).replace('_', ' '));
                if (of.matches()) {
                    addTerm(plural(of.group(1)) + of.group(2), col, null, null);   // year_of_work: years of work
                }
                Stream.concat(ofForms(c.columnName()).stream(), ofForms(c.columnDisplayName()).stream()).distinct()
                        .forEach(v -> addTerm(v, col, null, null));
                numberOfForms(c.columnName(), tableWords).forEach(v -> addTerm(v, col, null, null));
                if (UsStates.codes(c.samples())) {
                    // a state code column is also asked about by the states' names: California → 'CA'
                    UsStates.BY_CODE.forEach((code, state) -> UsStates.names(state)
                            .forEach(name -> addTerm(normalise(name), col, code, null)));
                }
                for (String sample : c.samples()) {
                    // a value spelled like a word of the question is that value only when quoted: "the text 'Average'"
                    add(QUESTION_VOCABULARY.contains(normalise(sample)) ? "'" + sample + "'" : sample, col, sample, null);
                }
                variants(c.columnDisplayName(), entityWord(t)).forEach(v -> add(v, col, null, null));
                englishHeads(c.columnDisplayName(), tableWords).forEach(v -> add(v, col, null, null));
                if ("boolean".equals(c.dataType())) {
                    flag(lower, col);
                }
                if (lower.endsWith("_name") && lower.length() > 7 && !c.numeric()
                        && !PERSONAL_NAME.matcher(lower).lookingAt()) {
                    // company_name is also "company"
                    add(lower.substring(0, lower.length() - 5).replace('_', ' '), col, null, null);
                }
                String name = c.columnDisplayName();
                if (name.length() > 2 && name.endsWith("名称") && !c.numeric()) {
                    String suffix = name.substring(0, name.length() - 2);
                    add(suffix, col, null, null);
                    if (suffix.lastIndexOf('的') > 0 && suffix.length() - suffix.lastIndexOf('的') > 2) {
                        add(suffix.substring(suffix.lastIndexOf('的') + 1), col, null, null);
                    }
                    if (c.samples().isEmpty()) {
                        nameSuffixes.computeIfAbsent(normalise(suffix), k -> new ArrayList<>()).add(col);
                    }
                }
            }
            add(t.tableDisplayName(), nameColumn, null, t.tableName());
            add(t.tableName(), nameColumn, null, t.tableName());
            String singular = singular(normalise(t.tableName()).replace('_', ' '));
            if (singular != null) {
                addTerm(singular, nameColumn, null, t.tableName());   // "pets" is also "(a cat) pet"
            }
            String display = t.tableDisplayName();
            if (display.length() > 2 && (display.endsWith("表") || display.endsWith("信息"))) {
                String entity = display.substring(0, display.length() - (display.endsWith("表") ? 1 : 2));
                add(entity, nameColumn, null, t.tableName());
                for (String variant : tableVariants(entity)) {
                    add(variant, nameColumn, null, t.tableName());
                }
            }
            for (SemanticModel.Table other : model.tables()) {
                // 服务区日营业数据: the rows are 日营业数据 (of a 服务区), unless another term is part of that word
                String owner = entityWord(other);
                if (other != t && owner.length() >= 2 && t.tableDisplayName().startsWith(owner)
                        && t.tableDisplayName().length() - owner.length() >= 3) {
                    rowWords.add(new Entry(t.tableDisplayName().substring(owner.length()), nameColumn, null,
                            t.tableName()));
                }
            }
            Matcher generic = GENERIC_TABLE_WORD.matcher(normalise(t.tableName()).replace('_', ' '));
            if (generic.matches()) {
                // cars_data: a row is a car, unless another term is part of that word
                rowWords.add(new Entry(generic.group(1), nameColumn, null, t.tableName()));
            }
            for (SemanticModel.Column c : t.columns()) {
                // "映射记录ID": a row is a 映射记录, or a 映射 when no other term is part of that word
                String name = c.columnDisplayName();
                if (name.length() > 5 && name.endsWith("记录ID")) {
                    add(name.substring(0, name.length() - 2), nameColumn, null, t.tableName());
                    rowWords.add(new Entry(name.substring(0, name.length() - 4), nameColumn, null, t.tableName()));
                }
            }
        }
        for (Entry ref : idLess) {
            if (!byTerm.containsKey(ref.term())) {
                add(ref.term(), ref.column(), null, null);
            }
        }
        for (Entry row : rowWords) {
            if (byTerm.keySet().stream().noneMatch(term -> row.term().contains(term))) {
                addTerm(row.term(), row.column(), null, row.table());
            }
        }
        keyTerms(model);
        plainValuePlurals();
        addBusinessSynonyms(model);
        indexHeads();
        terms.addAll(byTerm.keySet());
        terms.sort(Comparator.comparingInt(String::length).reversed());
        Map<Character, List<Integer>> starting = new HashMap<>();
        for (int rank = 0; rank < terms.size(); rank++) {
            if (!terms.get(rank).isEmpty()) {
                starting.computeIfAbsent(terms.get(rank).charAt(0), k -> new ArrayList<>()).add(rank);
            }
        }
        starting.forEach((c, ranks) -> byFirstChar.put(c, ranks.stream().mapToInt(Integer::intValue).toArray()));
    }

    static Reading.Column column(SemanticModel.Table t, SemanticModel.Column c) {
        return new Reading.Column(t.tableName(), c.columnName(), c.columnDisplayName(), c.dataType());
    }

    /** The column a table is named by, if it has one. */
    static Reading.Column nameColumn(SemanticModel model, String table) {
        return model.table(table).map(Lexicon::nameColumn).orElse(null);
    }

    /** The column a table is named by: the first whose display name ends with 名称 (or whose name ends with name). */
    static Reading.Column nameColumn(SemanticModel.Table t) {
        return t.columns().stream().filter(c -> !c.numeric() && (c.columnDisplayName().endsWith("名称")
                        || c.columnName().toLowerCase(Locale.ROOT).endsWith("name")))
                .findFirst().map(c -> column(t, c)).orElse(null);
    }

    /** A table's name for one of its rows: its display name without 表 / 信息 (服务区表 → 服务区). */
    private static String entityWord(SemanticModel.Table t) {
        String display = t.tableDisplayName();
        if (display.length() > 2 && display.endsWith("表")) {
            return display.substring(0, display.length() - 1);
        }
        if (display.length() > 3 && display.endsWith("信息")) {
            return display.substring(0, display.length() - 2);
        }
        return display;
    }

    /** Words that name the same thing in names (类别 / 类型 / 种类 / 型, 车辆 / 车, 修改 / 更新, 营业 / 经营). */
    private static final String[][] THESAURUS = {{"类别", "类型", "种类", "型"}, {"车辆", "车"}, {"总数", "总量", "数量"},
            {"金额", "总额", "额"}, {"编码", "编号", "代码"}, {"修改", "更新"},
            {"营业", "经营"}};

    /**
     * Everyday spellings of a display name: without 支付 (现金订单数), with 总 (微信支付总金额), 数量 for 数, words of
     * the thesaurus swapped (车辆类别 → 车型), and without the table's own name (服务区经纬度 → 经纬度).
     */
    private static List<String> variants(String name, String entity) {
        List<String> v = new ArrayList<>();
        if (name.contains("支付") && name.length() > 4) {
            String without = name.replace("支付", "");
            v.add(without);
            v.add(name.replace("支付金额", "支付"));
            if (without.endsWith("金额")) {
                v.add(without.substring(0, without.length() - 2) + "支付总额");
                v.add(without.substring(0, without.length() - 2) + "收入");
            }
            if (without.endsWith("订单数")) {
                v.add(without + "量");
                v.add(without.substring(0, without.length() - 1) + "量");
            }
        }
        if (name.endsWith("金额") && name.length() > 3 && !name.contains("总")) {
            v.add(name.substring(0, name.length() - 2) + "总额");
            v.add(name.substring(0, name.length() - 2) + "总金额");
        }
        if (name.endsWith("数") && name.length() > 2) {
            v.add(name + "量");
        }
        if (name.startsWith("最后") && name.length() >= 6) {
            v.add(name.substring(2));   // 最后修改时间 is also 修改时间 (and, by the thesaurus, 更新时间)
        }
        v = withThesaurus(concat(List.of(name), v));
        if (entity != null && name.startsWith(entity) && name.length() - entity.length() >= 3) {
            v.add(name.substring(entity.length()));
        }
        int of = name.lastIndexOf('的');
        if (of > 0 && name.length() - of > 2) {
            v.add(name.substring(of + 1));   // 来源系统中的服务区名称 is also 服务区名称
        }
        v.removeIf(x -> x.length() < 2 || x.equals(name));
        return v;
    }

    /** A two-word English column name said the other way round: pet_type → "type of pet(s)", "type of the pets". */
    private static List<String> ofForms(String columnName) {
        String[] w = normalise(columnName).split("[_ ]");
        if (w.length != 2 || !w[0].matches("[a-z]{3,}") || !w[1].matches("[a-z]{3,}") || GENERIC_HEADS.contains(w[0])
                || QUANTITY_HEADS.contains(w[1])) {
            return List.of();   // "number of flights" counts flights; it is not the flight number
        }
        List<String> forms = new ArrayList<>();
        for (String thing : List.of(w[0], plural(w[0]))) {
            forms.add(w[1] + " of " + thing);
            forms.add(w[1] + " of the " + thing);
        }
        return forms;
    }

    private static final Pattern NUMBER_OF = Pattern.compile("(?:num|number|no|nb)(?: of)? ([a-z]{3,}(?: [a-z]{3,})?)");

    /**
     * A count kept in a column, by how it is asked: number_products, num_of_ticket → "number of products", "number
     * of tickets"; not when the things are a table's rows (then the number of them is counted).
     */
    private static List<String> numberOfForms(String columnName, Set<String> tableWords) {
        Matcher m = NUMBER_OF.matcher(normalise(columnName).replace('_', ' '));
        if (!m.matches() || tableWords.contains(singularOrSame(m.group(1)))) {
            return List.of();
        }
        String thing = m.group(1);
        String plural = thing.endsWith("s") ? thing : plural(thing);
        return List.of("number of " + thing, "number of " + plural);
    }

    private static final Pattern OF_THING = Pattern.compile("([a-z][a-z ]*?) of (?:the |a |an )?([a-z]+)\\b.*");
    private static final Set<String> QUANTITY_HEADS = Set.of("number", "count", "total", "amount", "sum");

    /**
     * Heads that say what kind of value, not which: "name of the lake", "total number of check-ins", "order of";
     * the quantities among them.
     */
    private static final Set<String> GENERIC_HEADS = Stream.concat(QUANTITY_HEADS.stream(), Stream.of("name", "id",
            "code", "type", "date", "time", "value", "list", "description", "order", "average", "rank", "level", "kind",
            "part", "unique", "identifier", "primary", "foreign", "status", "flag", "indicates", "day", "year", "month",
            "the", "a", "an")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * A described English column by its head ("altitude of the mountain in meters" is also "altitude" and "mountain
     * altitude"; "population density of the state …" is "population density"): a generic head ("name of the lake")
     * only with its thing ("lake name").
     */
    private static List<String> englishHeads(String displayName, Set<String> tableWords) {
        String name = normalise(displayName);
        Matcher m = OF_THING.matcher(name);
        if (!m.matches()) {
            return List.of();
        }
        String head = m.group(1).strip();
        if (GENERIC_HEADS.contains(head.split(" ")[0]) && !GENERIC_HEADS.contains(head)) {
            return List.of();   // "total number of check-ins at a business": too general to name the column
        }
        // the words up to the thing ("type of food served at the restaurant" is asked about as "type of food"; "number
        // of citations received" as "number of citations", but "number of papers that this paper cites" is not the
        // number of papers when papers are a table's rows)
        List<String> heads = new ArrayList<>(List.of(m.group(2) + " " + head));
        if (!QUANTITY_HEADS.contains(head) || !tableWords.contains(singularOrSame(m.group(2)))) {
            heads.add(name.substring(0, m.end(2)));
        }
        if (!GENERIC_HEADS.contains(head)) {
            heads.add(head);
        }
        return heads;
    }

    /** Everyday names of a table's rows: daily data is data (营业日数据 → 营业数据), and the thesaurus (经营数据). */
    private static List<String> tableVariants(String entity) {
        List<String> names = new ArrayList<>(List.of(entity));
        if (entity.contains("日数据")) {
            names.add(entity.replace("日数据", "数据"));
        }
        names = withThesaurus(names);
        names.removeIf(n -> n.equals(entity) || n.length() < 3);
        return names.stream().distinct().toList();
    }

    /** The names, then each with one word of each thesaurus group swapped for the others (车辆类别 → 车型). */
    private static List<String> withThesaurus(List<String> names) {
        List<String> all = new ArrayList<>(names);
        for (String[] group : THESAURUS) {
            List<String> swapped = new ArrayList<>();
            for (String base : all) {
                for (String word : group) {
                    if (base.contains(word)) {
                        for (String other : group) {
                            if (!other.equals(word)) {
                                swapped.add(base.replace(word, other));
                            }
                        }
                        break;
                    }
                }
            }
            all.addAll(swapped);
        }
        return all;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Everyday words for common measures: 营收/收入/营业额 name the (total) amount column, 订单量 the (total) order
     * count, 车流量 the vehicle count. The column each word names is the first whose display name holds one of the
     * group's keywords, a total ("总") preferred.
     */
    private void addBusinessSynonyms(SemanticModel model) {
        String[][] groups = {
                {"金额|收入|营收", "营收", "收入", "营业额", "销售额", "营业收入", "流水", "营收金额", "金额", "revenue", "sales",
                        "income"},
                {"订单", "订单量", "订单数", "订单数量", "单量", "orders", "order count"},
                {"车辆数|车流", "车流量", "车流", "通行量", "车辆数量", "通行频次", "车辆流量", "流量", "车次", "traffic"}};
        for (String[] group : groups) {
            Pattern keyword = Pattern.compile(group[0]);
            Reading.Column best = null;
            for (SemanticModel.Table t : model.tables()) {
                for (SemanticModel.Column c : t.columns()) {
                    if (c.numeric() && keyword.matcher(c.columnDisplayName()).find()
                            && (best == null || (!best.label().contains("总") && c.columnDisplayName().contains("总")))) {
                        best = column(t, c);
                    }
                }
            }
            for (int i = 1; best != null && i < group.length; i++) {
                add(group[i], best, null, null);
            }
        }
    }

    /**
     * "the ids of the students", "the id and weight of every pet", "student ids": a table's key column is its "id",
     * whatever its name (stuid, petid, template_id). English models only.
     */
    private void keyTerms(SemanticModel model) {
        for (SemanticModel.Table t : model.tables()) {
            String table = normalise(t.tableName()).replace('_', ' ');
            if (!table.matches("[a-z0-9 ]+")) {
                continue;
            }
            key(model, t).ifPresent(key -> {
                String one = singularOrSame(table);
                for (String term : List.of("id", "ids", one + " id", one + " ids", table + " id", table + " ids")) {
                    add(term, key, null, null);
                }
            });
        }
    }

    /**
     * A table's key: the column a relation joins it on as the dimension, else one named id, &lt;table&gt;_id or
     * &lt;table&gt;id (singular or not).
     */
    static Optional<Reading.Column> key(SemanticModel model, SemanticModel.Table t) {
        Set<String> joinedOn = new HashSet<>();
        model.relations().stream().filter(r -> r.dimensionTable().equalsIgnoreCase(t.tableName()))
                .forEach(r -> r.conditions().forEach(c -> joinedOn.add(c.dstColName().toLowerCase(Locale.ROOT))));
        String table = t.tableName().toLowerCase(Locale.ROOT);
        String one = singularOrSame(table);
        Set<String> keys = joinedOn.size() == 1 ? joinedOn
                : Set.copyOf(List.of("id", table + "_id", table + "id", one + "_id", one + "id"));
        return t.columns().stream().filter(c -> keys.contains(c.columnName().toLowerCase(Locale.ROOT))).findFirst()
                .map(c -> column(t, c));
    }

    private static String singularOrSame(String word) {
        return Optional.ofNullable(singular(word)).orElse(word);
    }

    private static final Pattern FLAG = Pattern.compile("(has|is)_([a-z][a-z_]*)");

    /**
     * A yes/no column named has_x or is_x: has_exams is true of courses "with exams" ("with an exam", "having
     * exams") and false of those "without exams" ("with no exam"); is_in_inventory is true of cars "in inventory".
     */
    private void flag(String name, Reading.Column col) {
        Matcher m = FLAG.matcher(name);
        if (!m.matches()) {
            return;
        }
        String thing = m.group(2).replace('_', ' ');
        if (m.group(1).equals("is")) {
            add(thing, col, "true", null);
            add("not " + thing, col, "false", null);
            return;
        }
        Set<String> forms = new LinkedHashSet<>(List.of(thing, plural(thing)));
        Optional.ofNullable(singular(thing)).ifPresent(forms::add);
        for (String form : forms) {
            // (and after another thing they have: "a final project and a final exam")
            for (String with : List.of("with ", "with a ", "with an ", "having ", "have ", "has ", "have a ", "has a ",
                    "have an ", "has an ", "and a ", "and an ", "and also a ", "and also an ")) {
                add(with + form, col, "true", null);
            }
            for (String without : List.of("without ", "without a ", "without an ", "with no ", "without any ")) {
                add(without + form, col, "false", null);
            }
        }
    }

    /** An English plural's singular (pets → pet, cities → city), or null when the word is not a plural. */
    private static String singular(String word) {
        if (word.length() < 4 || !word.matches("[a-z ]*[a-z]s") || word.endsWith("ss") || word.endsWith("us")) {
            return null;
        }
        return word.endsWith("ies") ? word.substring(0, word.length() - 3) + "y"
                : word.matches(".*(sh|ch|x|ss)es") ? word.substring(0, word.length() - 2)
                : word.substring(0, word.length() - 1);
    }

    /**
     * "cats" for the sample 'cat': an English one-word value is also asked about in the plural, when nothing else is.
     * A capitalised value is a name (the last name 'Doe'), which has no plural: "does" stays a word of the question.
     */
    private void plainValuePlurals() {
        List<Entry> values = byTerm.values().stream().flatMap(List::stream)
                .filter(e -> e.isValue() && e.term().matches("[a-z]{3,}") && !e.term().endsWith("s")
                        && !Character.isUpperCase(e.value().codePointAt(0))).toList();
        for (Entry e : values) {
            String plural = plural(e.term());
            if (!byTerm.containsKey(plural) && !QUESTION_VOCABULARY.contains(plural)) {
                addTerm(plural, e.column(), e.value(), e.table());
            }
        }
    }

    /** An English word's plural: city → cities, box → boxes, segment → segments. */
    private static String plural(String word) {
        return word.endsWith("y") && !word.matches(".*[aeiou]y") ? word.substring(0, word.length() - 1) + "ies"
                : word.matches(".*(s|x|ch|sh)") ? word + "es" : word + "s";
    }

    private void add(String term, Reading.Column column, String value, String table) {
        String t = normalise(term);
        if (value == null && t.length() >= 3 && t.matches("[a-z][a-z ]*[a-z]")) {
            addTerm(plural(t), column, null, table);   // asked about in the plural too: cities, segments, categories
        }
        addTerm(t, column, value, table);
    }

    private void addTerm(String t, Reading.Column column, String value, String table) {
        if (t.length() >= 2 || (t.length() == 1 && Character.isIdeographic(t.codePointAt(0)) && value == null)) {
            List<Entry> list = byTerm.computeIfAbsent(t, k -> new ArrayList<>());
            Entry e = new Entry(t, column, value, table);
            boolean known = list.stream().anyMatch(x -> java.util.Objects.equals(x.column(), column)
                    && java.util.Objects.equals(x.value(), value) && java.util.Objects.equals(x.table(), table));
            if (!known && (column != null || table != null)) {
                list.add(e);
            }
        }
    }

    /** Whether {@code term} names something in the model. */
    boolean knows(String term) {
        return byTerm.containsKey(normalise(term));
    }

    /** NFKC (full-width to half-width), lower case, single spaces. */
    public static String normalise(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
    }

    /**
     * English words a question is made of (aggregations, rankings, question words): a sample value that is one of
     * them ('Average', a review's text) is not taken as that value when the question says "average".
     */
    static final Set<String> QUESTION_VOCABULARY = Set.of("average", "avg", "mean", "total", "sum", "count", "number",
            "max", "maximum", "min", "minimum", "most", "least", "top", "bottom", "highest", "lowest", "first", "last",
            "each", "every", "all", "per", "by", "and", "or", "not", "no", "does", "do", "did", "is", "are", "was",
            "were", "has", "have", "had", "the", "of", "in", "on", "for", "with", "to", "from", "how", "what", "which",
            "who", "when", "where", "many", "much", "show", "list", "distinct", "different");

    /** Words that ask the question, never a column's name: "how many", "how much" (a column named "how"). */
    private static final Pattern QUESTION_WORDS = Pattern.compile("\\bhow\\s+(many|much)\\b");

    /** The terms in {@code text} (normalised), longest first, never overlapping; English terms on word boundaries. */
    public List<Hit> find(String text) {
        boolean[] taken = new boolean[text.length()];
        Matcher asking = QUESTION_WORDS.matcher(text);
        while (asking.find()) {
            java.util.Arrays.fill(taken, asking.start(), asking.end(), true);
        }
        List<Hit> hits = new ArrayList<>();
        names(text, taken, hits);
        // every occurrence of every term, as rank (longest term first) then position, taken in that order
        List<long[]> occurrences = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            int[] ranks = byFirstChar.get(text.charAt(i));
            if (ranks != null) {
                for (int rank : ranks) {
                    if (text.startsWith(terms.get(rank), i)) {
                        occurrences.add(new long[] {rank, i});
                    }
                }
            }
        }
        occurrences.sort(Comparator.<long[]>comparingLong(o -> o[0]).thenComparingLong(o -> o[1]));
        for (long[] o : occurrences) {
            String term = terms.get((int) o[0]);
            int i = (int) o[1];
            int end = i + term.length();
            if (!free(taken, i, end) || !boundary(text, i, end)) {
                continue;
            }
            List<Entry> entries = byTerm.get(term);
            if (entries.isEmpty()) {
                continue;
            }
            for (int k = i; k < end; k++) {
                taken[k] = true;
            }
            hits.add(new Hit(i, end, entries));
        }
        heads(text, taken, hits);
        hits.sort(Comparator.comparingInt(Hit::start));
        return hits;
    }

    /** The Chinese endings (2 to 4 characters, shorter than the term) of the column terms that only one column has. */
    private void indexHeads() {
        Map<String, Set<Reading.Column>> columns = new HashMap<>();
        for (Map.Entry<String, List<Entry>> t : byTerm.entrySet()) {
            String term = t.getKey();
            for (int n = 2; n <= 4 && n < term.length(); n++) {
                String word = term.substring(term.length() - n);
                if (!word.chars().allMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff)) {
                    break;
                }
                for (Entry e : t.getValue()) {
                    if (!e.isValue() && !e.isEntity() && e.column() != null) {
                        heads.putIfAbsent(word, e);
                        columns.computeIfAbsent(word, k -> new HashSet<>()).add(e.column());
                    }
                }
            }
        }
        heads.keySet().removeIf(word -> columns.get(word).size() > 1);
    }

    /**
     * "各系统": after a grouping word, a word that is no term but ends exactly one column's term (来源系统) names that
     * column; the longest such word of 2 to 4 characters is taken.
     */
    private void heads(String text, boolean[] taken, List<Hit> hits) {
        Matcher m = GROUPED_WORD.matcher(text);
        for (int from = 0; from < text.length() && m.find(from); from = m.start() + 1) {
            int start = m.start(1);
            for (int end = Math.min(m.end(1), start + 4); end >= start + 2; end--) {
                Entry head = heads.get(text.substring(start, end));
                if (head != null && free(taken, start, end)) {
                    for (int k = start; k < end; k++) {
                        taken[k] = true;
                    }
                    hits.add(new Hit(start, end, List.of(head)));
                    break;
                }
            }
        }
    }

    /**
     * The hits with a shared qualifier carried over a conjunction: in "现金支付金额及订单数量" the second measure is the
     * 现金支付 one (现金支付订单数) when the model has it. A hit takes the longest beginning of the measure term just
     * before it (joined by 及/和/与/、) that names, in front of its own text, a numeric column of the same table.
     */
    public List<Hit> coordinated(String text, List<Hit> hits) {
        List<Hit> out = new ArrayList<>(hits);
        for (int h = 1; h < out.size(); h++) {
            Hit previous = out.get(h - 1);
            Hit hit = out.get(h);
            if (!COORDINATION.matcher(text.substring(previous.end(), hit.start())).matches()
                    || !measure(previous) || !measure(hit)) {
                continue;
            }
            String before = text.substring(previous.start(), previous.end());
            String own = text.substring(hit.start(), hit.end());
            for (int k = before.length() - 1; k >= 1; k--) {
                List<Entry> entries = byTerm.get(before.substring(0, k) + own);
                if (entries != null && !entries.isEmpty() && entries.stream().allMatch(e -> !e.isValue()
                        && !e.isEntity() && e.column() != null
                        && e.column().table().equals(previous.entry().column().table()))
                        && !entries.get(0).column().equals(hit.entry().column())) {
                    out.set(h, new Hit(hit.start(), hit.end(), entries));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean measure(Hit hit) {
        Entry e = hit.entry();
        return !e.isValue() && !e.isEntity() && e.column() != null && numericTypes(e.column().dataType());
    }

    private static boolean numericTypes(String dataType) {
        return dataType.equals("int") || dataType.equals("bigint") || dataType.equals("double");
    }

    /** "宜春服务区": a name (2–6 characters before a name suffix) the samples do not list, as a value of those columns. */
    private void names(String text, boolean[] taken, List<Hit> hits) {
        for (Map.Entry<String, List<Reading.Column>> suffix : nameSuffixes.entrySet()) {
            String word = suffix.getKey();
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                String prefix = namePrefix(text.substring(Math.max(0, at - 6), at));
                int start = at - prefix.length();
                int end = at + word.length();
                if (prefix.length() < 2 || !free(taken, start, end)) {
                    continue;
                }
                String value = prefix + word;
                List<Entry> entries = suffix.getValue().stream().map(c -> new Entry(value, c, value, null)).toList();
                for (int k = start; k < end; k++) {
                    taken[k] = true;
                }
                hits.add(new Hit(start, end, entries));
            }
        }
    }

    /**
     * The part of the characters before a name suffix that can be a name: after the last function word, number or
     * punctuation, and holding no other term of the model.
     */
    private String namePrefix(String before) {
        int cut = 0;
        Matcher stop = NOT_A_NAME.matcher(before);
        while (stop.find()) {
            cut = Math.max(cut, stop.end());
        }
        for (int i = 0; i < before.length(); i++) {
            if (!Character.isIdeographic(before.charAt(i)) && !Character.isLetter(before.charAt(i))) {
                cut = Math.max(cut, i + 1);
            }
        }
        String prefix = before.substring(cut);
        for (int i = 0; i < prefix.length(); i++) {
            for (int j = i + 2; j <= prefix.length(); j++) {
                if (byTerm.containsKey(prefix.substring(i, j))) {
                    return "";
                }
            }
        }
        return prefix;
    }

    private static boolean free(boolean[] taken, int from, int to) {
        for (int k = Math.max(0, from); k < to; k++) {
            if (taken[k]) {
                return false;
            }
        }
        return true;
    }

    /** An ASCII term must not be part of a longer ASCII word. */
    private static boolean boundary(String text, int start, int end) {
        boolean asciiStart = isWord(text.charAt(start));
        boolean asciiEnd = isWord(text.charAt(end - 1));
        return !(asciiStart && start > 0 && isWord(text.charAt(start - 1)))
                && !(asciiEnd && end < text.length() && isWord(text.charAt(end)));
    }

    private static boolean isWord(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
