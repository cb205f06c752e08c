package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.model.PrettyJson;

/**
 * The built-in text of db_query_decision_prompt.txt: what the database holds, for the classifier that decides whether
 * a user question goes to the database or to chat. The same JSON shape as the original's (业务范围, 数据范围,
 * 核心业务实体 with 主要字段, 关键业务指标), built from the themes and the tables.
 */
public final class DecisionPromptBuilder {

    private static final int MAX_ENTITIES = 6;
    private static final int MAX_METRICS = 6;

    private DecisionPromptBuilder() {
    }

    public static String build(SchemaSemantics schema, List<Theme> themes) {
        Map<String, Object> prompt = new LinkedHashMap<>();
        List<String> topics = themes.stream().map(Theme::topicName).filter(s -> s != null && !s.isBlank()).toList();
        List<String> labels = schema.tables().stream().map(TableSemantics::label).distinct().toList();
        String covers = !topics.isEmpty() ? String.join("、", topics) : String.join("、", labels);
        prompt.put("业务范围", "当前数据库存储的是" + schema.businessContext() + "的相关数据，主要涉及" + covers + "，包含以下业务数据：");
        prompt.put("数据范围", dataScope(schema));
        prompt.put("核心业务实体", entities(schema));
        prompt.put("关键业务指标", metrics(schema));
        return PrettyJson.write(prompt);
    }

    private static String dataScope(SchemaSemantics schema) {
        List<String> parts = new ArrayList<>();
        for (TableSemantics t : schema.tables()) {
            List<String> what = new ArrayList<>();
            if (t.isFact()) {
                t.measures().stream().limit(4).forEach(m -> what.add(m.label()));
            } else {
                if (t.nameColumn() != null) {
                    what.add(t.nameColumn().label());
                }
                t.enums().stream().limit(2).forEach(e -> what.add(e.label()));
            }
            parts.add(t.label() + (what.isEmpty() ? "" : "（" + String.join("、", what) + "）"));
        }
        return String.join("、", parts) + "。";
    }

    private static List<Map<String, Object>> entities(SchemaSemantics schema) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<TableSemantics> ordered = new ArrayList<>(schema.tables().stream().filter(t -> !t.isFact()).toList());
        schema.tables().stream().filter(TableSemantics::isFact).forEach(ordered::add);
        for (TableSemantics t : ordered) {
            if (t.isBridge() || !seen.add(t.entity())) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (ColumnSemantics c : t.columns()) {
                boolean main = c.role() == ColumnRole.NAME || c.role() == ColumnRole.CODE
                        || c.role() == ColumnRole.CATEGORY || c.role() == ColumnRole.FOREIGN_KEY
                        || (t.isFact() && (c.role() == ColumnRole.MEASURE || c.role() == ColumnRole.BUSINESS_DATE));
                if (main && fields.size() < 6) {
                    fields.add(c.name());
                }
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("实体类型", t.entity());
            String comment = t.doc().tableComment();
            e.put("描述", comment == null || comment.isBlank() ? t.label() : comment.strip());
            e.put("主要字段", fields);
            out.add(e);
            if (out.size() == MAX_ENTITIES) {
                break;
            }
        }
        return out;
    }

    private static List<Map<String, Object>> metrics(SchemaSemantics schema) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TableSemantics t : schema.tables()) {
            if (!t.isFact()) {
                continue;
            }
            List<ColumnSemantics> measures = t.measures();
            List<String> dims = t.dimensions().stream().limit(2).map(ColumnSemantics::noun).toList();
            for (ColumnSemantics m : measures.subList(0, Math.min(2, measures.size()))) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("指标类型", Wording.sum(m));
                e.put("描述", "基于" + m.name() + "字段，可按" + (dims.isEmpty() ? "" : String.join("、", dims) + "和")
                        + t.primaryDate().label() + "分析" + t.label() + "的汇总、趋势、排名与占比");
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            for (TableSemantics t : schema.tables()) {
                if (t.isBridge()) {
                    continue;
                }
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("指标类型", t.countLabel());
                List<String> enums = t.enums().stream().map(ColumnSemantics::noun).limit(2).toList();
                e.put("描述", "基于" + ThemePlanner.tableName(t.ref()) + "表的记录，可统计" + t.entity() + "的数量"
                        + (enums.isEmpty() ? "" : "及其按" + String.join("、", enums) + "的分布"));
                out.add(e);
            }
        }
        return out.subList(0, Math.min(MAX_METRICS, out.size()));
    }
}
