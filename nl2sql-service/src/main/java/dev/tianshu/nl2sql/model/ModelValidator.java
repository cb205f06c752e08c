package dev.tianshu.nl2sql.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.nl2sql.model.SemanticModel.Column;
import dev.tianshu.nl2sql.model.SemanticModel.Condition;
import dev.tianshu.nl2sql.model.SemanticModel.Relation;
import dev.tianshu.nl2sql.model.SemanticModel.Table;

/**
 * Reads and checks the {@code model} of POST /df/rest/gpt/start. Every refusal is a 400 whose message names the
 * field at fault by its path (e.g. {@code model.relations[0].conditions[0].srcColName}) and says what is wrong.
 */
public final class ModelValidator {

    public static final Set<String> LANGUAGES = Set.of("chinese", "english");
    public static final Set<String> TYPES = Set.of("mysql", "clickhouse", "impala", "postgresql");
    public static final Set<String> DATA_TYPES = Set.of("boolean", "int", "bigint", "double", "string", "timestamp",
            "date", "time");
    public static final Set<String> AGGREGATIONS = Set.of("SUM", "AVERAGE", "MIN", "MAX", "COUNT", "COUNT_DISTINCT",
            "VARIANCE", "STD_DEVIATION", "NONE");
    public static final Set<String> JOIN_TYPES = Set.of("LEFT JOIN", "RIGHT JOIN", "INNER JOIN", "FULL JOIN");
    /** Table and column names are plain identifiers (they are quoted when SQL is written). */
    static final Pattern IDENTIFIER = Pattern.compile("^[\\p{L}_][\\p{L}\\p{N}_$]{0,127}$");
    static final int MAX_TABLES = 200;
    static final int MAX_COLUMNS = 500;
    static final int MAX_SAMPLES = 50;

    private ModelValidator() {
    }

    public static String language(JsonNode body) {
        String language = text(body == null ? null : body.get("language"), "language", true).toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw bad("language", "不支持的语言环境: " + language + "，支持: chinese, english");
        }
        return language;
    }

    public static SemanticModel model(JsonNode model) {
        if (model == null || !model.isObject()) {
            throw bad("model", "缺少 model 对象");
        }
        String type = text(model.get("type"), "model.type", true).toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw bad("model.type", "不支持的数据库类型: " + type + "，支持: mysql, clickhouse, impala, postgresql");
        }
        String version = text(model.get("version"), "model.version", false);
        JsonNode tablesNode = model.get("tables");
        if (tablesNode == null || !tablesNode.isArray() || tablesNode.isEmpty()) {
            throw bad("model.tables", "表结构列表不能为空");
        }
        if (tablesNode.size() > MAX_TABLES) {
            throw bad("model.tables", "表数量不能超过" + MAX_TABLES);
        }
        List<Table> tables = new ArrayList<>();
        Set<String> tableNames = new HashSet<>();
        for (int i = 0; i < tablesNode.size(); i++) {
            Table table = table(tablesNode.get(i), "model.tables[" + i + "]");
            if (!tableNames.add(table.tableName().toLowerCase(Locale.ROOT))) {
                throw bad("model.tables[" + i + "].tableName", "表名重复: " + table.tableName());
            }
            tables.add(table);
        }
        List<Relation> relations = new ArrayList<>();
        JsonNode relationsNode = model.get("relations");
        if (relationsNode != null && !relationsNode.isNull()) {
            if (!relationsNode.isArray()) {
                throw bad("model.relations", "relations 必须是数组");
            }
            SemanticModel partial = new SemanticModel(type, version, tables, List.of());
            for (int i = 0; i < relationsNode.size(); i++) {
                relations.add(relation(partial, relationsNode.get(i), "model.relations[" + i + "]"));
            }
        }
        return new SemanticModel(type, version, List.copyOf(tables), List.copyOf(relations));
    }

    private static Table table(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw bad(path, "表定义必须是对象");
        }
        String name = identifier(node.get("tableName"), path + ".tableName");
        String display = text(node.get("tableDisplayName"), path + ".tableDisplayName", false);
        JsonNode columnsNode = node.get("columns");
        if (columnsNode == null || !columnsNode.isArray() || columnsNode.isEmpty()) {
            throw bad(path + ".columns", "表 " + name + " 没有列");
        }
        if (columnsNode.size() > MAX_COLUMNS) {
            throw bad(path + ".columns", "表 " + name + " 的列数不能超过" + MAX_COLUMNS);
        }
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < columnsNode.size(); j++) {
            Column column = column(columnsNode.get(j), path + ".columns[" + j + "]");
            if (!seen.add(column.columnName().toLowerCase(Locale.ROOT))) {
                throw bad(path + ".columns[" + j + "].columnName", "表 " + name + " 中列名重复: " + column.columnName());
            }
            columns.add(column);
        }
        return new Table(display.isBlank() ? name : display, name, List.copyOf(columns));
    }

    private static Column column(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw bad(path, "列定义必须是对象");
        }
        String name = identifier(node.get("columnName"), path + ".columnName");
        String display = text(node.get("columnDisplayName"), path + ".columnDisplayName", false);
        String dataType = text(node.get("dataType"), path + ".dataType", true).toLowerCase(Locale.ROOT);
        if (!DATA_TYPES.contains(dataType)) {
            throw bad(path + ".dataType", "列 " + name + " 的数据类型无效: " + dataType
                    + "，支持: boolean, int, bigint, double, string, timestamp, date, time");
        }
        String aggregation = text(node.get("aggregation"), path + ".aggregation", false).toUpperCase(Locale.ROOT);
        aggregation = aggregation.isBlank() ? "NONE" : aggregation;
        if (!AGGREGATIONS.contains(aggregation)) {
            throw bad(path + ".aggregation", "列 " + name + " 的聚合方式无效: " + aggregation
                    + "，支持: SUM, AVERAGE, MIN, MAX, COUNT, COUNT_DISTINCT, VARIANCE, STD_DEVIATION, NONE");
        }
        List<String> samples = new ArrayList<>();
        JsonNode samplesNode = node.get("samples");
        if (samplesNode != null && !samplesNode.isNull()) {
            if (!samplesNode.isArray()) {
                throw bad(path + ".samples", "samples 必须是数组");
            }
            for (int k = 0; k < samplesNode.size() && samples.size() < MAX_SAMPLES; k++) {
                JsonNode v = samplesNode.get(k);
                if (v != null && !v.isNull() && !v.isContainerNode() && !v.asText().isBlank()) {
                    samples.add(v.asText().strip());
                }
            }
        }
        return new Column(display.isBlank() ? name : display, name, dataType, aggregation, List.copyOf(samples));
    }

    private static Relation relation(SemanticModel model, JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw bad(path, "关联关系必须是对象");
        }
        String fact = identifier(node.get("factTable"), path + ".factTable");
        String dimension = identifier(node.get("dimensionTable"), path + ".dimensionTable");
        Table factTable = model.table(fact).orElseThrow(() -> bad(path + ".factTable", "事实表不存在: " + fact));
        Table dimensionTable = model.table(dimension)
                .orElseThrow(() -> bad(path + ".dimensionTable", "维度表不存在: " + dimension));
        String joinType = text(node.get("joinType"), path + ".joinType", false).toUpperCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
        joinType = joinType.isBlank() ? "LEFT JOIN" : joinType;
        if (!JOIN_TYPES.contains(joinType)) {
            throw bad(path + ".joinType", "关联类型无效: " + joinType + "，支持: LEFT JOIN, RIGHT JOIN, INNER JOIN, FULL JOIN");
        }
        JsonNode conditionsNode = node.get("conditions");
        if (conditionsNode == null || !conditionsNode.isArray() || conditionsNode.isEmpty()) {
            throw bad(path + ".conditions", "关联条件不能为空");
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < conditionsNode.size(); i++) {
            String cp = path + ".conditions[" + i + "]";
            JsonNode c = conditionsNode.get(i);
            String src = identifier(c == null ? null : c.get("srcColName"), cp + ".srcColName");
            String dst = identifier(c == null ? null : c.get("dstColName"), cp + ".dstColName");
            Column srcColumn = factTable.column(src).orElseThrow(() -> bad(cp + ".srcColName",
                    "事实表 " + factTable.tableName() + " 中没有列: " + src));
            Column dstColumn = dimensionTable.column(dst).orElseThrow(() -> bad(cp + ".dstColName",
                    "维度表 " + dimensionTable.tableName() + " 中没有列: " + dst));
            conditions.add(new Condition(dstColumn.columnName(), srcColumn.columnName()));
        }
        return new Relation(List.copyOf(conditions), dimensionTable.tableName(), factTable.tableName(), joinType);
    }

    private static String identifier(JsonNode node, String path) {
        String value = text(node, path, true);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw bad(path, "名称无效: " + value + "（只允许字母、数字和下划线）");
        }
        return value;
    }

    private static String text(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw bad(path, "缺少必需字段: " + path);
            }
            return "";
        }
        if (!node.isTextual()) {
            throw bad(path, path + " 必须是字符串");
        }
        if (required && node.asText().isBlank()) {
            throw bad(path, "缺少必需字段: " + path);
        }
        return node.asText().strip();
    }

    static ApiException bad(String path, String message) {
        return ApiException.invalidParams(path + ": " + message, path);
    }
}
