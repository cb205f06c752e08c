package dev.tianshu.pipeline.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tianshu.common.testing.OpenAiChatStub;

/**
 * The answers {@link OpenAiChatStub} gives when no rule of the test matches, once set as its fallback
 * ({@code stub.withFallback(OpenAiChatStubDefaultAnswers::answer)}): for every prompt of the LLM engines (src/main/resources/prompts) a valid answer made from what the prompt
 * names — table and column comments for the columns asked for, themes over the listed tables, question–SQL pairs
 * that are valid PostgreSQL for the theme's tables (counts, groupings and sums over the columns the markdown
 * lists, with {@code delete_ts IS NULL} where the prompt says so), a decision prompt, and repairs that return the
 * failing statements unchanged. The prompts are recognised by phrases of their templates; a prompt that is none
 * of them is answered with an error.
 */
public final class OpenAiChatStubDefaultAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE = Pattern.compile("表名：(\\S+)");
    private static final Pattern COUNT = Pattern.compile("(?:提炼出|生成) (\\d+) 个");
    private static final Pattern AVAILABLE = Pattern.compile("可用的表（related_tables 只能从中选择）：(.*)");
    private static final Pattern RELATED = Pattern.compile("- 相关表：(.*)");
    private static final Pattern TOPIC = Pattern.compile("- 主题名称：(.*)");
    private static final Pattern SOFT_DELETE = Pattern.compile("含有软删除字段 delete_ts 的表：(.*?)。");
    private static final Pattern CONTEXT = Pattern.compile("业务背景：(.*)");
    private static final Pattern MD_COLUMN =
            Pattern.compile("^- ([A-Za-z_][A-Za-z0-9_]*) \\(([^)]*(?:\\([^)]*\\))?)\\)");
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\s*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private OpenAiChatStubDefaultAnswers() {
    }

    /**
     * Runs an {@link OpenAiChatStub} answering every prompt of the LLM engines with these answers, until the process
     * is stopped (benchmarks): arguments {@code --port N --delay-ms N --key K --model M}, all optional.
     */
    public static void main(String[] args) throws InterruptedException {
        OpenAiChatStub.serve(args, OpenAiChatStubDefaultAnswers::answer);
    }

    /** The answer to one of the engines' prompts; IllegalArgumentException for any other prompt. */
    public static String answer(OpenAiChatStub.ChatCall call) throws JsonProcessingException {
        String user = call.user();
        if (user.contains("\"repaired_sqls\"")) {
            return repairs(user);
        }
        if (user.contains("需要生成注释的字段：")) {
            return columnComments(user);
        }
        if (user.contains("请为下面的数据库表生成中文注释")) {
            return group(TABLE, user, "数据").replaceFirst("^.*\\.", "") + "业务数据表，记录相关业务信息";
        }
        if (user.contains("\"themes\"") && AVAILABLE.matcher(user).find()) {
            return themes(user);
        }
        if (user.contains("个业务问题和对应的SQL查询")) {
            return pairs(user);
        }
        if (user.contains("=== 数据库业务范围 ===")) {
            return "=== 数据库业务范围 ===\n当前数据库存储的是" + group(CONTEXT, user, "业务系统")
                    + "的相关数据，主要涉及各业务表中的记录，包含以下业务数据：\n核心业务实体：\n- 业务记录：表中的每一行数据\n关键业务指标：\n- 记录数量：各表的数据量";
        }
        throw new IllegalArgumentException("not a prompt of the LLM engines");
    }

    private static String columnComments(String user) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode fields = root.putArray("fields");
        String section = user.substring(user.indexOf("需要生成注释的字段："));
        for (String line : section.split("\\R")) {
            if (line.startsWith("- ")) {
                String name = line.substring(2).strip();
                fields.addObject().put("name", name).put("comment", name + "字段");
            } else if (line.isBlank() && fields.size() > 0) {
                break;
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static String themes(String user) throws JsonProcessingException {
        List<String> tables = split(group(AVAILABLE, user, ""));
        int count = Integer.parseInt(group(COUNT, user, "1"));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode themes = root.putArray("themes");
        for (int i = 0; i < count && !tables.isEmpty(); i++) {
            String table = tables.get(i % tables.size());
            ObjectNode theme = themes.addObject().put("topic_name", "主题" + (i + 1))
                    .put("description", "分析" + table + "中的业务数据，了解数据量、分布和汇总情况。");
            ArrayNode related = theme.putArray("related_tables").add(table);
            if (tables.size() > 1) {
                related.add(tables.get((i + 1) % tables.size()));
            }
            theme.putArray("biz_entities").add("业务记录").add("分组维度").add("日期");
            theme.putArray("biz_metrics").add("记录数量").add("合计").add("平均值");
        }
        return JSON.writeValueAsString(root);
    }

    private static String pairs(String user) throws JsonProcessingException {
        List<String> tables = split(group(RELATED, user, ""));
        List<String> softDelete = split(group(SOFT_DELETE, user, ""));
        String topic = group(TOPIC, user, "主题");
        int count = Integer.parseInt(group(COUNT, user, "1"));
        Map<String, Map<String, String>> columns = markdownColumns(user);
        ArrayNode pairs = JSON.createArrayNode();
        for (int i = 0; i < count && !tables.isEmpty(); i++) {
            String table = tables.get(i % tables.size());
            Map<String, String> cols = columns.getOrDefault(table.replaceFirst("^public\\.", ""), Map.of());
            String where = softDelete.contains(table) ? " WHERE delete_ts IS NULL" : "";
            String group = pick(cols, false, i);
            String number = pick(cols, true, i);
            String sql;
            String question;
            switch (i % 5) {
                case 1 -> {
                    sql = group == null ? null : "SELECT " + group + " AS 分组, COUNT(*) AS 记录数 FROM " + table + where
                            + " GROUP BY " + group + " ORDER BY 记录数 DESC LIMIT 10;";
                    question = "按" + group + "统计" + table + "的记录数，取前10名";
                }
                case 2 -> {
                    sql = number == null ? null : "SELECT SUM(" + number + ") AS 合计, AVG(" + number + ") AS 平均值 FROM "
                            + table + where + ";";
                    question = table + "中" + number + "的合计和平均值是多少";
                }
                case 3 -> {
                    sql = group == null ? null : "SELECT COUNT(DISTINCT " + group + ") AS 不同取值数 FROM " + table + where
                            + ";";
                    question = table + "中" + group + "有多少个不同的取值";
                }
                case 4 -> {
                    sql = group == null || number == null ? null : "SELECT " + group + " AS 分组, SUM(" + number
                            + ") AS 合计 FROM " + table + where + " GROUP BY " + group + " ORDER BY 合计 DESC LIMIT 5;";
                    question = "按" + group + "汇总" + table + "的" + number + "，取前5名";
                }
                default -> {
                    sql = null;
                    question = null;
                }
            }
            if (sql == null) {
                sql = "SELECT COUNT(*) AS 记录数 FROM " + table + where + ";";
                question = table + "共有多少条记录";
            }
            pairs.addObject().put("question", "【" + topic + "】" + question + "？（第" + (i + 1) + "题）")
                    .put("sql", sql);
        }
        return JSON.writeValueAsString(pairs);
    }

    /** A column to group by (text, dates, integers) or to sum (numbers), chosen by {@code i}; null when none. */
    private static String pick(Map<String, String> columns, boolean numeric, int i) {
        List<String> candidates = new ArrayList<>();
        columns.forEach((name, type) -> {
            String t = type.toLowerCase(Locale.ROOT);
            boolean number = t.startsWith("numeric") || t.startsWith("decimal") || t.equals("integer")
                    || t.equals("bigint") || t.equals("smallint") || t.startsWith("double") || t.equals("real");
            boolean groupable = t.startsWith("varchar") || t.startsWith("character") || t.startsWith("char")
                    || t.equals("text") || t.equals("date") || t.equals("integer") || t.equals("smallint")
                    || t.equals("boolean");
            boolean technical = name.equals("id") || name.endsWith("_ts") || name.endsWith("_by")
                    || name.equals("version");
            if (!technical && (numeric ? number : groupable) && IDENTIFIER.matcher(name).matches()) {
                candidates.add(name);
            }
        });
        return candidates.isEmpty() ? null : candidates.get(i % candidates.size());
    }

    /** Table → column → type, from the {@code ## table（…）} sections and their {@code - col (type)} lines. */
    private static Map<String, Map<String, String>> markdownColumns(String user) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : user.split("\\R")) {
            if (line.startsWith("## ")) {
                String name = line.substring(3).strip().split("[（(\\s]", 2)[0];
                current = tables.computeIfAbsent(name, k -> new LinkedHashMap<>());
            } else if (current != null) {
                Matcher m = MD_COLUMN.matcher(line);
                if (m.find()) {
                    current.put(m.group(1), m.group(2).strip());
                }
            }
        }
        return tables;
    }

    private static String repairs(String user) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode sqls = root.putArray("repaired_sqls");
        Matcher m = SQL_BLOCK.matcher(user);
        while (m.find()) {
            String sql = m.group(1).replaceAll("\\s+", " ").strip();
            sqls.add(sql.endsWith(";") ? sql : sql + ";");
        }
        return JSON.writeValueAsString(root);
    }

    private static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        for (String item : list.split("[,，、]")) {
            if (!item.isBlank() && !item.strip().equals("无")) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static String group(Pattern pattern, String text, String otherwise) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).strip() : otherwise;
    }
}
